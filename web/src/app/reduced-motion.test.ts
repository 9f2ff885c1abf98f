import type { ThemeConfig } from 'antd';
import { describe, expect, it } from 'vitest';
import { type MatchMedia, REDUCED_MOTION_QUERY, reducedMotionSource, withReducedMotion } from './reduced-motion';

/** A media query whose answer the test sets, announcing each change as a browser does. */
class FakeMediaQuery extends EventTarget {
  constructor(public matches: boolean) {
    super();
  }
  set(matches: boolean) {
    this.matches = matches;
    this.dispatchEvent(new Event('change'));
  }
}

function fakeMatchMedia(initial: boolean) {
  const media = new FakeMediaQuery(initial);
  const asked: string[] = [];
  const matchMedia: MatchMedia = (query) => {
    asked.push(query);
    return media;
  };
  return { media, asked, matchMedia };
}

describe('reduced motion', () => {
  it('reads the prefers-reduced-motion media query', () => {
    const reduced = fakeMatchMedia(true);
    expect(reducedMotionSource(reduced.matchMedia).getSnapshot()).toBe(true);
    expect(reduced.asked).toEqual(['(prefers-reduced-motion: reduce)']);
    expect(REDUCED_MOTION_QUERY).toBe('(prefers-reduced-motion: reduce)');

    const motion = fakeMatchMedia(false);
    expect(reducedMotionSource(motion.matchMedia).getSnapshot()).toBe(false);
  });

  it('follows the setting while subscribed, and stops when unsubscribed', () => {
    const { media, matchMedia } = fakeMatchMedia(false);
    const source = reducedMotionSource(matchMedia);
    const seen: boolean[] = [];
    const unsubscribe = source.subscribe(() => seen.push(source.getSnapshot()));
    media.set(true);
    media.set(false);
    expect(seen).toEqual([true, false]);
    unsubscribe();
    media.set(true);
    expect(seen).toEqual([true, false]);
    expect(source.getSnapshot()).toBe(true);
  });

  it('turns antd’s motion off in the theme, keeping the rest, only when asked', () => {
    const theme: ThemeConfig = {
      token: { colorPrimary: '#1456b8', borderRadius: 6 },
      components: { Table: { headerBg: '#f5f7fa' } },
    };
    expect(withReducedMotion(theme, false)).toBe(theme);
    expect(withReducedMotion(theme, true)).toEqual({
      token: { colorPrimary: '#1456b8', borderRadius: 6, motion: false },
      components: { Table: { headerBg: '#f5f7fa' } },
    });
    expect(theme.token).toEqual({ colorPrimary: '#1456b8', borderRadius: 6 });
    expect(withReducedMotion({}, true)).toEqual({ token: { motion: false } });
  });
});
