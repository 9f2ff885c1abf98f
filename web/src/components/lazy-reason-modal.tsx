import { type ComponentProps, lazy, Suspense } from 'react';
import type { ReasonModal as ReasonModalComponent } from './reason-modal';

// The reason dialog brings antd's Form (its field store and validator) and Modal: a page that opens
// it only on a click (asking to unlock a period, returning a report) fetches it then.
const ReasonModal = lazy(() => import('./reason-modal').then((m) => ({ default: m.ReasonModal })));

/** `ReasonModal`, fetched when first opened: it shows as soon as it arrives. */
export function LazyReasonModal(props: ComponentProps<typeof ReasonModalComponent>) {
  return (
    <Suspense fallback={null}>
      <ReasonModal {...props} />
    </Suspense>
  );
}
