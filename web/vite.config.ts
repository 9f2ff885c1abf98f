import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { bundleSizeReport } from './bundle-budget';
import { signedInChunkGroups } from './chunk-groups';

const chunkGroups = signedInChunkGroups(import.meta.dirname);

// The server serves web/dist in production; in development Vite proxies the API to it.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), bundleSizeReport(), chunkGroups.plugin],
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    manifest: true,
    rolldownOptions: {
      output: {
        // Large libraries get chunks of their own so an app change does not bust their cache.
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/, priority: 30 },
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack|i18next|react-i18next)[\\/]/,
              priority: 10,
            },
            // What every page loads, what sign-in and the shell share, the rest of the shell: one file each.
            chunkGroups.group,
          ],
        },
      },
    },
  },
});
