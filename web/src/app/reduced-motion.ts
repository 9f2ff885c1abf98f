import type { ThemeConfig } from 'antd';
import { useSyncExternalStore } from 'react';

/**
 * Reduced motion. A person who asks the system for less motion (an accessibility setting:
 * `prefers-reduced-motion: reduce`) gets none: antd's theme token `motion: false` stops every
 * drawer, modal, dropdown and collapse from sliding or fading (they appear and go at once, and
 * antd's CSS transitions take 0 s), and the charts draw without animation (they read the same
 * token). The browser journeys ask for it too (e2e/support.ts), so they never click a
 * half-open drawer. The setting is followed while the page is open.
 */
export const REDUCED_MOTION_QUERY = '(prefers-reduced-motion: reduce)';

/** What the hook needs of `window.matchMedia` (a test gives its own). */
export type MatchMedia = (
  query: string,
) => Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'>;

/** A `useSyncExternalStore` source for the reduced-motion setting of `matchMedia`. */
export function reducedMotionSource(matchMedia: MatchMedia): {
  subscribe: (onChange: () => void) => () => void;
  getSnapshot: () => boolean;
} {
  return {
    subscribe(onChange) {
      const query = matchMedia(REDUCED_MOTION_QUERY);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    getSnapshot: () => matchMedia(REDUCED_MOTION_QUERY).matches,
  };
}

/** The theme as given, or with antd's motion off. */
export function withReducedMotion(theme: ThemeConfig, reduced: boolean): ThemeConfig {
  return reduced ? { ...theme, token: { ...theme.token, motion: false } } : theme;
}

let source: ReturnType<typeof reducedMotionSource> | undefined;

/** Whether the person asked for reduced motion; re-renders when they change the setting. */
export function useReducedMotion(): boolean {
  source ??= reducedMotionSource((query) => window.matchMedia(query));
  return useSyncExternalStore(source.subscribe, source.getSnapshot, () => false);
}
