import { PlusOutlined } from '@ant-design/icons';
import { type TaskStatus, taskStatuses } from '@baocao/domain';
import { Button, Card, Col, Form, Row, Select, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { ScopeUnitPicker } from '../../components/unit-picker';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { useCan, useSignedInMe } from '../auth/session';
import { DirectivesList } from './directives-list';
import { TaskList } from './task-list';
import { TaskStatsView } from './task-stats';
import { useTasks } from './tasks.api';

const PAGE = 50;
const tabs = ['mine', 'all', 'directives', 'stats'] as const;
type Tab = (typeof tabs)[number];

const positive = (value: string | null) => {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : undefined;
};

/**
 * /tasks — "Nhiệm vụ": the tasks of the caller's units ("Nhiệm vụ của đơn vị"), every task in its
 * view, the directives that assign them, and the statistics per unit and per issuer. The choice lives
 * in the address so a view can be shared.
 */
export function TasksPage() {
  const { t } = useTranslation();
  const narrow = useNarrowScreen();
  const me = useSignedInMe();
  const canReview = useCan('data.review');
  const [search, setSearch] = useSearchParams();
  const tabParam = search.get('tab');
  const tab: Tab = (tabs as readonly string[]).includes(tabParam ?? '') ? (tabParam as Tab) : 'mine';
  const statusParam = search.get('status');
  const status = (taskStatuses as readonly string[]).includes(statusParam ?? '')
    ? (statusParam as TaskStatus)
    : undefined;
  const unitId = positive(search.get('unitId'));
  const offset = Math.max(0, Number(search.get('offset')) || 0);

  const set = (change: Record<string, string | number | undefined>) =>
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(change))
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        return next;
      },
      { replace: true },
    );

  const listing = tab === 'mine' || tab === 'all';
  const tasks = useTasks({
    mine: tab === 'mine',
    status,
    unitId: tab === 'all' ? unitId : undefined,
    offset,
    limit: PAGE,
  });

  const filters = (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Form layout="vertical">
        <Row gutter={[16, 0]}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label={t('tasks.columns.status')} htmlFor="tasks-status" style={{ marginBottom: 8 }}>
              <Select<string>
                id="tasks-status"
                value={status ?? ''}
                onChange={(value) => set({ status: value || undefined, offset: undefined })}
                options={[
                  { value: '', label: t('tasks.allStatuses') },
                  ...taskStatuses.map((s) => ({ value: s, label: t(`tasks.status.${s}`) })),
                ]}
                data-testid="tasks-status"
              />
            </Form.Item>
          </Col>
          {tab === 'all' ? (
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={t('tasks.scope')} htmlFor="tasks-unit" style={{ marginBottom: 8 }}>
                <ScopeUnitPicker
                  id="tasks-unit"
                  me={me}
                  value={unitId}
                  onChange={(value) => set({ unitId: value, offset: undefined })}
                  data-testid="tasks-unit"
                />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Form>
    </Card>
  );

  return (
    <>
      <PageHeader
        title={t('tasks.title')}
        description={narrow ? undefined : t('tasks.description')}
        extra={
          canReview ? (
            <Link to="/tasks/directives/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="directive-new">
                {t('tasks.directive.new')}
              </Button>
            </Link>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => set({ tab: key === 'mine' ? undefined : key, offset: undefined, status: undefined })}
        items={tabs.map((key) => ({ key, label: t(`tasks.tabs.${key}`) }))}
        data-testid="tasks-tabs"
      />
      {listing ? (
        <>
          {filters}
          {tasks.isError ? (
            <ErrorAlert error={tasks.error} />
          ) : (
            <Card size="small">
              <TaskList
                tasks={tasks.data?.items ?? []}
                loading={tasks.isFetching}
                pagination={
                  (tasks.data?.total ?? 0) > PAGE
                    ? {
                        current: Math.floor(offset / PAGE) + 1,
                        pageSize: PAGE,
                        total: tasks.data?.total ?? 0,
                        showSizeChanger: false,
                        onChange: (page) => set({ offset: (page - 1) * PAGE || undefined }),
                      }
                    : false
                }
              />
            </Card>
          )}
        </>
      ) : null}
      {tab === 'directives' ? <DirectivesList /> : null}
      {tab === 'stats' ? <TaskStatsView /> : null}
    </>
  );
}
