import type { EChartsCoreOption } from 'echarts/core';

/**
 * The option drawn at once, for a person who asked for reduced motion: no growing bars or lines,
 * no easing on hover, no tooltip gliding after the pointer. The chart wrappers apply it when
 * antd's theme has its motion off (app/reduced-motion.ts).
 */
export function withoutAnimation(option: EChartsCoreOption): EChartsCoreOption {
  const still: EChartsCoreOption = { ...option, animation: false, stateAnimation: { duration: 0 } };
  const tooltip = option.tooltip;
  if (Array.isArray(tooltip)) still.tooltip = tooltip.map((t) => ({ ...t, transitionDuration: 0 }));
  else if (tooltip && typeof tooltip === 'object') still.tooltip = { ...tooltip, transitionDuration: 0 };
  return still;
}
