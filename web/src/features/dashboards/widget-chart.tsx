import { theme } from 'antd';
import { BarChart, LineChart, MapChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type MutableRefObject, useEffect, useRef } from 'react';
import { withoutAnimation } from '../../components/chart/chart-motion';
import { withVietnameseNumbers } from '../../components/chart/chart-numbers';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  MapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;
export type ChartHandle = MutableRefObject<echarts.ECharts | null>;

const registered = new Set<string>();
/** Registers a map's boundaries once (they are fetched by the map widget only). */
export function registerMap(name: string, geoJson: unknown): void {
  if (registered.has(name)) return;
  echarts.registerMap(name, geoJson as Parameters<typeof echarts.registerMap>[1]);
  registered.add(name);
}

/**
 * One ECharts instance on a div that follows its box's size (canvas, so a widget can be saved as
 * PNG). `onClick` receives the clicked item's name and data. Drawn without animation when the
 * theme's motion is off (reduced motion, app/reduced-motion.ts).
 */
export function WidgetChart({
  option,
  handle,
  onClick,
  dark,
}: {
  option: ChartOption;
  handle?: ChartHandle;
  onClick?: (params: { name: string; data: unknown; seriesIndex?: number; dataIndex?: number }) => void;
  dark?: boolean;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  const { motion } = theme.useToken().token;

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, dark ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = instance;
    if (handle) handle.current = instance;
    instance.on('click', (params) => click.current?.(params as never));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
      if (handle) handle.current = null;
    };
  }, [dark, handle]);

  useEffect(() => {
    const drawn = withVietnameseNumbers({ backgroundColor: 'transparent', ...option });
    chart.current?.setOption(motion ? drawn : withoutAnimation(drawn), true);
  }, [option, motion]);

  return <div ref={element} style={{ width: '100%', height: '100%', minHeight: 120 }} />;
}
