import { useSyncExternalStore } from 'react';

/** Below Ant Design's `lg` breakpoint (992 px): phones and small tablets. */
const NARROW = '(max-width: 991.98px)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(NARROW);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/**
 * Whether the screen is narrow: the side menu becomes a drawer, the top bar compacts, and wide
 * panels take the whole width. Read synchronously, so the first paint already has the right layout.
 */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(NARROW).matches,
    () => false,
  );
}
