import type { TaskStats, Widget } from '@baocao/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, queryString } from '../../api/client';
import { TaskStatsChart } from '../tasks/task-stats-chart';
import { type BoardFilters, boardDataQueryKey } from './dashboards.api';

const numberVi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const TOTALS = [
  ['assigned', ''],
  ['done_on_time', 'kpi-up'],
  ['done_late', ''],
  ['overdue', 'kpi-down'],
  ['in_progress', ''],
] as const;

/**
 * The task statistics (nhiệm vụ) of the viewer's scope under the board's unit, by the server
 * clock: tasks assigned, done on time, done late, overdue and in progress, and the ranking per
 * lead unit (or per issuer) as stacked bars, the widget's `rank` choosing how many and from
 * which end. The numbers are the statistics page's; a click opens it.
 */
export function TasksWidget({ widget, filters, dark }: { widget: Widget; filters: BoardFilters; dark: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const query = useQuery({
    queryKey: [...boardDataQueryKey, 'tasks', filters.unitId],
    queryFn: ({ signal }) =>
      api<TaskStats>(`/tasks/stats${queryString({ unitId: filters.unitId ?? undefined })}`, { signal }),
  });
  if (query.isPending) return <Spin />;
  if (query.isError)
    return <Alert type="error" showIcon message={t('dashboards.widget.error')} description={query.error.message} />;
  const stats = query.data;
  const ranked = widget.tasks?.by === 'issuer' ? stats.byIssuer : stats.byUnit;
  const limit = widget.rank?.limit ?? 10;
  const rows = widget.rank?.order === 'bottom' ? [...ranked].reverse() : ranked;
  const judged = stats.totals.assigned - stats.totals.regular;
  const onTimeRate = judged > 0 ? stats.totals.done_on_time / judged : null;
  return (
    <div className="tasks-widget" data-testid={`tasks-${widget.id}`}>
      <div className="tasks-widget-totals">
        {TOTALS.map(([key, tone]) => (
          <div key={key} className="tasks-widget-total">
            <div
              className={`tasks-widget-number ${tone}`}
              data-testid={`tasks-${widget.id}-${key}`}
              style={{ color: dark && tone === '' ? '#fff' : undefined }}
            >
              {numberVi.format(stats.totals[key])}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12, color: dark ? '#bbb' : undefined }}>
              {key === 'assigned' ? t('dashboards.widget.tasksAssigned') : t(`tasks.status.${key}`)}
            </Typography.Text>
          </div>
        ))}
      </div>
      {onTimeRate !== null && (
        <Typography.Text style={{ color: dark ? '#ddd' : undefined }}>
          {t('dashboards.widget.tasksOnTimeRate', { rate: numberVi.format(onTimeRate * 100) })}
        </Typography.Text>
      )}
      {rows.length === 0 ? (
        <Empty description={t('tasks.stats.empty')} />
      ) : (
        <TaskStatsChart rows={rows} limit={limit} testId={`tasks-chart-${widget.id}`} />
      )}
      <Button
        size="small"
        type="link"
        style={{ alignSelf: 'flex-start', paddingInline: 0 }}
        onClick={() => void navigate('/tasks?tab=stats')}
      >
        {t('dashboards.widget.openTasks')}
      </Button>
    </div>
  );
}
