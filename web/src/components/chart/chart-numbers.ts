import type { EChartsCoreOption } from 'echarts/core';
import { formatNumber } from '../../i18n/format';

type Axis = { type?: string; axisLabel?: { formatter?: unknown } };

const number = (value: unknown) =>
  typeof value === 'number' ? formatNumber(value) : value === null || value === undefined ? '—' : String(value);

/**
 * The option with its value axes and tooltips in Vietnamese numbers (1.284.069, 0,5): ECharts by
 * itself writes 1,284,069. An axis or tooltip that has its own formatter keeps it. Both chart
 * wrappers apply it.
 */
export function withVietnameseNumbers(option: EChartsCoreOption): EChartsCoreOption {
  const axes = (value: unknown, valueByDefault: boolean) => {
    const one = (axis: Axis) =>
      (axis.type ?? (valueByDefault ? 'value' : 'category')) === 'value' && !axis.axisLabel?.formatter
        ? { ...axis, axisLabel: { ...axis.axisLabel, formatter: (v: number) => formatNumber(v) } }
        : axis;
    if (Array.isArray(value)) return value.map(one);
    return value && typeof value === 'object' ? one(value as Axis) : value;
  };
  const tooltip = (value: unknown) => {
    const one = (t: { valueFormatter?: unknown }) => (t.valueFormatter ? t : { ...t, valueFormatter: number });
    if (Array.isArray(value)) return value.map(one);
    return value && typeof value === 'object' ? one(value) : value;
  };
  const out: EChartsCoreOption = { ...option };
  if (option.xAxis !== undefined) out.xAxis = axes(option.xAxis, false);
  if (option.yAxis !== undefined) out.yAxis = axes(option.yAxis, true);
  if (option.tooltip !== undefined) out.tooltip = tooltip(option.tooltip);
  return out;
}
