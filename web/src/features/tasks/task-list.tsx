import type { TaskItem } from '@baocao/domain';
import { Card, Empty, Flex, Pagination, Progress, Table, type TablePaginationConfig, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatDate } from '../../i18n/format';
import { DemoTag, TaskDeadline, TaskStatusTag } from './task-status-tag';

/**
 * Tasks as a table (wide screens) or as one card per task (phones). Each links to the task's page
 * with its progress history; `showDirective` adds the directive's number and date.
 */
export function TaskList({
  tasks,
  loading,
  showDirective = true,
  pagination,
}: {
  tasks: TaskItem[];
  loading?: boolean;
  showDirective?: boolean;
  pagination?: TablePaginationConfig | false;
}) {
  const { t } = useTranslation();
  const narrow = useNarrowScreen();
  if (narrow)
    return (
      <Flex vertical gap={8} data-testid="task-list">
        {tasks.length === 0 && !loading ? <Empty description={t('tasks.empty')} /> : null}
        {tasks.map((task) => (
          <Card size="small" key={task.id} data-testid={`task-row-${task.id}`}>
            <Link to={`/tasks/${task.id}`} style={{ fontWeight: 500 }}>
              {task.title}
            </Link>
            <DemoTag demo={task.demo} />
            {showDirective ? (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {task.directive.number} · {formatDate(task.directive.issuedOn)}
              </Typography.Text>
            ) : null}
            <Flex justify="space-between" align="flex-start" gap={8} style={{ marginTop: 6 }}>
              <div style={{ minWidth: 0 }}>
                <div>{task.lead.name}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <TaskDeadline task={task} />
                </Typography.Text>
              </div>
              <TaskStatusTag status={task.status} testId={`task-status-${task.id}`} />
            </Flex>
            <Progress percent={task.percent} size="small" />
          </Card>
        ))}
        {pagination ? <Pagination simple {...pagination} style={{ alignSelf: 'center' }} /> : null}
      </Flex>
    );
  return (
    <Table<TaskItem>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={tasks}
      pagination={pagination ?? false}
      locale={{ emptyText: <Empty description={t('tasks.empty')} /> }}
      scroll={{ x: 960 }}
      data-testid="task-list"
      onRow={(task) => ({ 'data-testid': `task-row-${task.id}` }) as object}
      columns={[
        {
          title: t('tasks.columns.task'),
          key: 'title',
          render: (_, task) => (
            <div>
              <Link to={`/tasks/${task.id}`}>{task.title}</Link>
              <DemoTag demo={task.demo} />
              {showDirective ? (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {task.directive.number} · {formatDate(task.directive.issuedOn)}
                </Typography.Text>
              ) : null}
            </div>
          ),
        },
        {
          title: t('tasks.columns.lead'),
          key: 'lead',
          width: 200,
          render: (_, task) => (
            <div>
              <div>{task.lead.name}</div>
              {task.supporting.length > 0 ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  + {task.supporting.map((u) => u.name).join(', ')}
                </Typography.Text>
              ) : null}
            </div>
          ),
        },
        {
          title: t('tasks.columns.deadline'),
          key: 'deadline',
          width: 130,
          render: (_, task) => <TaskDeadline task={task} />,
        },
        {
          title: t('tasks.columns.percent'),
          key: 'percent',
          width: 130,
          render: (_, task) => <Progress percent={task.percent} size="small" />,
        },
        {
          title: t('tasks.columns.status'),
          key: 'status',
          width: 200,
          render: (_, task) => <TaskStatusTag status={task.status} testId={`task-status-${task.id}`} />,
        },
      ]}
    />
  );
}
