import type { ComplianceStats } from '@baocao/domain';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/chart/echart';
import { languageOf } from '../../reporting/report-labels';

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
  const option = useMemo(() => {
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
    return {
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
    };
  }, [stats, language, t]);

  return <EChart option={option} height={height} testId="compliance-trend-chart" />;
}
