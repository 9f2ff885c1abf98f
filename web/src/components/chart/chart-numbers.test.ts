import { describe, expect, it } from 'vitest';
import { withVietnameseNumbers } from './chart-numbers';

describe('charts in Vietnamese numbers', () => {
  it('formats value axes and tooltips as vi-VN, leaving category axes and own formatters alone', () => {
    const own = (v: number) => `${v} %`;
    const option = withVietnameseNumbers({
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: ['a'] },
      yAxis: [{ type: 'value' }, { type: 'value', axisLabel: { formatter: own } }],
      series: [],
    }) as any;
    expect(option.yAxis[0].axisLabel.formatter(1_284_069.5)).toBe('1.284.069,5');
    expect(option.yAxis[1].axisLabel.formatter).toBe(own);
    expect(option.xAxis.axisLabel).toBeUndefined();
    expect(option.tooltip.trigger).toBe('axis');
    expect(option.tooltip.valueFormatter(250_000)).toBe('250.000');
    expect(option.tooltip.valueFormatter(null)).toBe('—');
  });

  it('takes a y axis without a type as a value axis, an x axis without one as categories', () => {
    const option = withVietnameseNumbers({ xAxis: {}, yAxis: {} }) as any;
    expect(option.yAxis.axisLabel.formatter(20_000)).toBe('20.000');
    expect(option.xAxis.axisLabel).toBeUndefined();
  });

  it('keeps a tooltip’s own value formatter and an option without axes as it is', () => {
    const valueFormatter = (v: unknown) => `${v}`;
    const option = withVietnameseNumbers({ tooltip: { trigger: 'item', valueFormatter }, series: [] }) as any;
    expect(option.tooltip.valueFormatter).toBe(valueFormatter);
    expect(option.xAxis).toBeUndefined();
  });
});
