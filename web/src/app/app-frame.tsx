import { theme } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { FullPageSpin } from '../components/full-page-spin';
import { useMe } from '../features/auth/session';

// antd's App gives the signed-in pages `App.useApp()` (message, notification, modal): ~10 KB
// gzipped that the sign-in page never uses, so it is fetched once someone is signed in.
const AntApp = lazy(() => import('./ant-app').then((m) => ({ default: m.AntApp })));

/**
 * The frame around every page: antd's App once signed in; before, a plain block with the same
 * base text style (colour, size, line height and font of the theme) that antd's App would give.
 */
export function AppFrame({ children }: { children: ReactNode }) {
  const me = useMe();
  const { token } = theme.useToken();
  if (!me.data)
    return (
      <div
        style={{
          color: token.colorText,
          fontSize: token.fontSize,
          lineHeight: token.lineHeight,
          fontFamily: token.fontFamily,
        }}
      >
        {children}
      </div>
    );
  return (
    <Suspense fallback={<FullPageSpin />}>
      <AntApp>{children}</AntApp>
    </Suspense>
  );
}
