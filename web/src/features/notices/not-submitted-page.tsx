import { BellOutlined, NotificationOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Space, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatDueTime } from '../../reporting/report-labels';
import { type NotSubmittedKey, type NotSubmittedView, useNotSubmitted, useSendReminders } from './notices.api';

/** /not-submitted?regimeId=&period=&unitId= — the units a consolidating unit waits for, and reminders to them. */
export function NotSubmittedPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const number = (name: string) => {
    const value = Number(search.get(name));
    return Number.isInteger(value) && value > 0 ? value : null;
  };
  const regimeId = number('regimeId');
  const unitId = number('unitId');
  const period = search.get('period');
  if (!regimeId || !unitId || !period)
    return (
      <>
        <PageHeader title={t('notices.notSubmitted.title')} />
        <Alert type="warning" showIcon title={t('notices.notSubmitted.missingAddress')} />
      </>
    );
  return <NotSubmitted reportKey={{ regimeId, unitId, period }} formId={number('formId')} />;
}

function NotSubmitted({ reportKey, formId }: { reportKey: NotSubmittedKey; formId: number | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useNotSubmitted(reportKey);
  const remind = useSendReminders(reportKey);
  const send = (unitIds: number[] | null) =>
    remind.mutate(unitIds, {
      onSuccess: (result) => {
        void message.success(t('notices.notSubmitted.sent', { count: result.reminded.length }));
        if (result.skipped.length > 0)
          void message.info(t('notices.notSubmitted.skipped', { count: result.skipped.length }));
      },
    });
  const data = list.data;
  const narrow = useNarrowScreen();
  const everyoneWaiting = data?.items.every((u) => u.nextReminderAt !== null) ?? true;
  return (
    <>
      <PageHeader
        title={t('notices.notSubmitted.title')}
        description={
          data
            ? t('notices.notSubmitted.description', {
                missing: data.items.length,
                expected: data.expected,
                due: data.dueAt ? formatDueTime(data.dueAt) : '—',
              })
            : undefined
        }
        extra={
          <Space wrap>
            {formId ? (
              <Link to={`/consolidation?unitId=${reportKey.unitId}&formId=${formId}&period=${reportKey.period}`}>
                {t('notices.notSubmitted.openConsolidation')}
              </Link>
            ) : null}
            <Button
              type="primary"
              icon={<NotificationOutlined />}
              disabled={!data || data.items.length === 0 || everyoneWaiting}
              loading={remind.isPending && remind.variables === null}
              onClick={() => send(null)}
              data-testid="remind-all"
            >
              {t('notices.notSubmitted.remindAll')}
            </Button>
          </Space>
        }
      />
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      {remind.isError ? (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={remind.error} />
        </div>
      ) : null}
      <Card styles={{ body: { padding: 0 } }}>
        <Table
          rowKey="id"
          loading={list.isPending}
          dataSource={data?.items ?? []}
          pagination={data && data.items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notices.notSubmitted.allSent')} />,
          }}
          data-testid="not-submitted"
          columns={[
            {
              title: t('notices.notSubmitted.unit'),
              dataIndex: 'name',
              render: (name: string, row) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {row.code}
                    {narrow && row.remindedAt
                      ? ` · ${t('notices.notSubmitted.reminded')} ${formatDueTime(row.remindedAt)}`
                      : ''}
                  </Typography.Text>
                </Space>
              ),
            },
            ...(narrow
              ? []
              : [
                  {
                    title: t('notices.notSubmitted.reminded'),
                    dataIndex: 'remindedAt',
                    render: (at: string | null) => (at ? formatDueTime(at) : '—'),
                  },
                ]),
            {
              key: 'remind',
              align: 'right' as const,
              render: (_: unknown, row: NotSubmittedView['items'][number]) => (
                <Tooltip
                  title={
                    row.nextReminderAt
                      ? t('notices.notSubmitted.nextAt', { time: formatDueTime(row.nextReminderAt) })
                      : undefined
                  }
                >
                  <Button
                    size="small"
                    icon={<BellOutlined />}
                    disabled={row.nextReminderAt !== null}
                    loading={remind.isPending && remind.variables?.[0] === row.id}
                    onClick={() => send([row.id])}
                    data-testid={`remind-${row.code}`}
                  >
                    {t('notices.notSubmitted.remind')}
                  </Button>
                </Tooltip>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
