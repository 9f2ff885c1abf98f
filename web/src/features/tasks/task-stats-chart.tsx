import type { TaskStats } from '@baocao/domain';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/chart/echart';

const COLORS = {
  done_on_time: '#3f9142',
  done_late: '#d48806',
  in_progress: '#1456b8',
  overdue: '#cf1322',
  regular: '#722ed1',
};
const ORDER = ['done_on_time', 'done_late', 'in_progress', 'overdue', 'regular'] as const;

type Row = TaskStats['byUnit'][number];

/**
 * The tasks of the best-ranked units (Apache ECharts): one horizontal stacked bar per unit, split by
 * status, best at the top. Used on the statistics page and by the dashboards' task widget.
 */
export function TaskStatsChart({
  rows,
  height,
  limit = 15,
  testId = 'task-stats-chart',
}: {
  rows: readonly Row[];
  height?: number;
  limit?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const shown = rows.slice(0, limit);
  const option = useMemo(() => {
    const names = shown.map((r) => r.unit.name).reverse();
    return {
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: names,
        axisLabel: { width: 160, overflow: 'truncate' },
      },
      series: ORDER.map((status) => ({
        name: t(`tasks.status.${status}`),
        type: 'bar' as const,
        stack: 'tasks',
        itemStyle: { color: COLORS[status] },
        data: shown.map((r) => r.counts[status]).reverse(),
      })),
    };
  }, [shown, t]);
  return (
    <EChart
      option={option}
      height={height ?? Math.max(200, 60 + shown.length * 28)}
      testId={testId}
      ariaLabel={t('tasks.stats.chartTitle')}
    />
  );
}
