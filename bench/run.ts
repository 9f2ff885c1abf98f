// npm run bench -- <name> [--quick]: runs one benchmark; its last line is a one-line summary.
const [name, ...flags] = process.argv.slice(2);
const benches: Record<string, () => Promise<{ run(flags: string[]): Promise<void> }>> = {
  submit: () => import('./submit.bench'),
  compliance: () => import('./compliance.bench'),
  alerts: () => import('./alerts.bench'),
  import: () => import('./import.bench'),
  analytics: () => import('./analytics.bench'),
  reports: () => import('./reports.bench'),
};
const load = name ? benches[name] : undefined;
if (!load) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [--quick]`);
  process.exit(2);
}
const bench = await load();
await bench.run(flags);
process.exit(0);

export {};
