import { describe, expect, it } from 'vitest';
import { withoutAnimation } from './chart-motion';

describe('charts without animation', () => {
  it('turns off the series animation, hover easing and the tooltip’s glide, keeping the rest', () => {
    const option = {
      animation: true,
      tooltip: { trigger: 'axis', transitionDuration: 0.4 },
      xAxis: { type: 'category', data: ['T1', 'T2'] },
      series: [{ type: 'bar', data: [1, 2] }],
    };
    expect(withoutAnimation(option)).toEqual({
      animation: false,
      stateAnimation: { duration: 0 },
      tooltip: { trigger: 'axis', transitionDuration: 0 },
      xAxis: { type: 'category', data: ['T1', 'T2'] },
      series: [{ type: 'bar', data: [1, 2] }],
    });
    // The caller's option is left as it was (it may be memoised and drawn again with motion).
    expect(option.animation).toBe(true);
    expect(option.tooltip.transitionDuration).toBe(0.4);
  });

  it('handles several tooltips, or none', () => {
    expect(withoutAnimation({ tooltip: [{ trigger: 'item' }, { trigger: 'axis' }] }).tooltip).toEqual([
      { trigger: 'item', transitionDuration: 0 },
      { trigger: 'axis', transitionDuration: 0 },
    ]);
    expect(withoutAnimation({ series: [] })).toEqual({
      series: [],
      animation: false,
      stateAnimation: { duration: 0 },
    });
  });
});
