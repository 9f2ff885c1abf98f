import { theme } from 'antd';
import type { ECElementEvent, EChartsCoreOption, EChartsType } from 'echarts/core';
import { type CSSProperties, useEffect, useRef, useState } from 'react';
import { withoutAnimation } from './chart-motion';
import { withVietnameseNumbers } from './chart-numbers';

type ECharts = typeof import('echarts/core');

let loading: Promise<ECharts> | undefined;

/**
 * The ECharts core with the app's charts registered, fetched on first use (one chunk, cached).
 * For what a chart needs beyond an option, e.g. `(await loadECharts()).registerMap(name, geoJson)`.
 */
export function loadECharts(): Promise<ECharts> {
  loading ??= import('./echart-core').then((m) => m.echarts);
  return loading;
}

export interface EChartProps {
  /** The ECharts option; the chart is updated (not rebuilt) when it changes. */
  option: EChartsCoreOption;
  height?: number | string;
  /** SVG by default (crisp, light); canvas for big series or a PNG export. */
  renderer?: 'svg' | 'canvas';
  /** Called when a data item is clicked (drill-down). */
  onItemClick?: (event: ECElementEvent) => void;
  /** Receives the chart instance once drawn (export, dispatchAction), and undefined when it goes. */
  onChart?: (chart: EChartsType | undefined) => void;
  testId?: string;
  ariaLabel?: string;
  style?: CSSProperties;
}

/**
 * An Apache ECharts chart that loads ECharts only when first shown, so the pages without charts
 * (sign-in, report entry) never download it. It resizes with its box, and draws without
 * animation when the theme's motion is off (reduced motion, app/reduced-motion.ts).
 */
export function EChart({
  option,
  height = 320,
  renderer = 'svg',
  onItemClick,
  onChart,
  testId,
  ariaLabel,
  style,
}: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<EChartsType>();
  const [failed, setFailed] = useState(false);
  const { motion } = theme.useToken().token;

  useEffect(() => {
    let disposed = false;
    let instance: EChartsType | undefined;
    let observer: ResizeObserver | undefined;
    loadECharts().then(
      (echarts) => {
        if (disposed || !element.current) return;
        instance = echarts.init(element.current, undefined, { renderer });
        observer = new ResizeObserver(() => instance?.resize());
        observer.observe(element.current);
        setChart(instance);
      },
      () => {
        if (!disposed) setFailed(true);
      },
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      instance?.dispose();
      setChart(undefined);
    };
  }, [renderer]);

  useEffect(() => {
    const drawn = withVietnameseNumbers(option);
    chart?.setOption(motion ? drawn : withoutAnimation(drawn), { notMerge: true });
  }, [chart, option, motion]);

  useEffect(() => {
    if (!chart || !onItemClick) return;
    chart.on('click', onItemClick);
    return () => {
      chart.off('click', onItemClick);
    };
  }, [chart, onItemClick]);

  useEffect(() => {
    onChart?.(chart);
  }, [chart, onChart]);

  return (
    <div
      ref={element}
      role="img"
      aria-label={ariaLabel}
      aria-busy={!chart && !failed}
      data-testid={testId}
      data-ready={chart ? 'true' : undefined}
      style={{ width: '100%', height, ...style }}
    />
  );
}
