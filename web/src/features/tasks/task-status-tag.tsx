import type { TaskItem, TaskStatus } from '@baocao/domain';
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n/format';

export const taskStatusColors: Record<TaskStatus, string> = {
  in_progress: 'blue',
  overdue: 'red',
  done_on_time: 'green',
  done_late: 'orange',
  regular: 'purple',
};

/** "Đang thực hiện trong hạn", "Quá hạn"… judged by the server clock. */
export function TaskStatusTag({ status, testId }: { status: TaskStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={taskStatusColors[status]} data-testid={testId} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`tasks.status.${status}`)}
    </Tag>
  );
}

/** The deadline (or "Thường xuyên") and, while the task is open, the days left or past it. */
export function TaskDeadline({ task }: { task: Pick<TaskItem, 'deadline' | 'daysLeft' | 'status'> }) {
  const { t } = useTranslation();
  if (task.deadline === null) return <span>{t('tasks.regular')}</span>;
  const open = task.status === 'in_progress' || task.status === 'overdue';
  const left = task.daysLeft;
  return (
    <span>
      {formatDate(task.deadline)}
      {open && left !== null ? (
        <Typography.Text type={left < 0 ? 'danger' : 'secondary'} style={{ display: 'block', fontSize: 12 }}>
          {left < 0
            ? t('tasks.daysLate', { count: -left })
            : left === 0
              ? t('tasks.dueToday')
              : t('tasks.daysLeft', { count: left })}
        </Typography.Text>
      ) : null}
    </span>
  );
}

/** Marks demonstration data, so nobody takes it for a real directive. */
export function DemoTag({ demo }: { demo: boolean }) {
  const { t } = useTranslation();
  return demo ? (
    <Tag color="gold" style={{ marginInlineStart: 6 }}>
      {t('tasks.demo')}
    </Tag>
  ) : null;
}
