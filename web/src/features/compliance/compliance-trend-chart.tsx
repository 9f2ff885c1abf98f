import type { ComplianceStats } from '@baocao/domain';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { languageOf } from '../../reporting/report-labels';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const COLORS = {
  on_time: '#3f9142',
  nothing_to_report: '#722ed1',
  late: '#d48806',
  returned: '#c41d7f',
  overdue: '#fa541c',
  missing: '#cf1322',
  rate: '#1456b8',
};

/**
 * The trend over the periods (Apache ECharts): stacked bars of units on time, with nothing to
 * report, late, returned, overdue and missing per period, and the on-time share as a line on its own axis.
 */
export function ComplianceTrendChart({ stats, height = 320 }: { stats: ComplianceStats; height?: number }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'svg' });
    const labels = new Map(stats.periods.map((p) => [p.id, p.label[language]]));
    const series = (['on_time', 'nothing_to_report', 'late', 'returned', 'overdue', 'missing'] as const).map(
      (status) => ({
        name: t(`compliance.status.${status}`),
        type: 'bar' as const,
        stack: 'units',
        itemStyle: { color: COLORS[status] },
        data: stats.trend.map((p) => p.counts[status]),
      }),
    );
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: stats.trend.map((p) => labels.get(p.periodId) ?? p.periodId) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        ...series,
        {
          name: t('compliance.stats.onTimeRate'),
          type: 'line',
          yAxisIndex: 1,
          itemStyle: { color: COLORS.rate },
          data: stats.trend.map((p) => {
            const owed = p.expected - p.counts.not_due - p.counts.draft;
            return owed > 0 ? Math.round(((p.counts.on_time + p.counts.nothing_to_report) / owed) * 1000) / 10 : null;
          }),
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [stats, language, t]);

  return <div ref={element} style={{ width: '100%', height }} data-testid="compliance-trend-chart" />;
}
