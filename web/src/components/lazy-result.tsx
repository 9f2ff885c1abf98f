import type { ResultProps } from 'antd';
import { lazy, Suspense } from 'react';

// antd's Result carries its large status illustrations (~10 KB gzipped): a page that shows one only
// when something is wrong loads it then, not with the page.
const Result = lazy(() => import('./result-module').then((m) => ({ default: m.Result })));

/** antd's `Result`, fetched when first shown. */
export function LazyResult(props: ResultProps) {
  return (
    <Suspense fallback={null}>
      <Result {...props} />
    </Suspense>
  );
}
