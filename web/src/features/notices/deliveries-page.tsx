import { Card, Flex, Segmented, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../i18n/format';
import { type DeliveryView, useDeliveries } from './notices.api';

const PAGE = 50;
const STATUS_COLORS = { pending: 'gold', sent: 'green', failed: 'red' } as const;
type Status = keyof typeof STATUS_COLORS;

/** /notices/deliveries — the e-mail delivery log: each e-mail to an account in view, and every attempt. */
export function DeliveriesPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status | 'all'>('all');
  const [offset, setOffset] = useState(0);
  const deliveries = useDeliveries(status === 'all' ? undefined : status, { limit: PAGE, offset });
  return (
    <>
      <PageHeader
        title={t('notices.deliveries.title')}
        description={t('notices.deliveries.description')}
        extra={
          <Segmented
            value={status}
            onChange={(value) => {
              setStatus(value as Status | 'all');
              setOffset(0);
            }}
            options={(['all', 'pending', 'sent', 'failed'] as const).map((s) => ({
              value: s,
              label: t(`notices.deliveries.status.${s}`),
            }))}
          />
        }
      />
      {deliveries.isError ? <ErrorAlert error={deliveries.error} /> : null}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<DeliveryView>
          rowKey="id"
          loading={deliveries.isPending}
          dataSource={deliveries.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          data-testid="deliveries"
          pagination={{
            current: offset / PAGE + 1,
            pageSize: PAGE,
            total: deliveries.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (page) => setOffset((page - 1) * PAGE),
          }}
          expandable={{
            expandedRowRender: (row) => (
              <Timeline
                items={row.attempts.map((a) => ({
                  color: a.outcome === 'sent' ? 'green' : 'red',
                  children: (
                    <Flex vertical>
                      <Typography.Text>
                        {t('notices.deliveries.attempt', { number: a.attempt })} · {formatDateTime(a.at)} ·{' '}
                        {t(`notices.deliveries.outcome.${a.outcome}`)}
                      </Typography.Text>
                      {a.error ? <Typography.Text type="secondary">{a.error}</Typography.Text> : null}
                    </Flex>
                  ),
                }))}
              />
            ),
            rowExpandable: (row) => row.attempts.length > 0,
          }}
          columns={[
            {
              title: t('notices.deliveries.createdAt'),
              dataIndex: 'createdAt',
              render: (v: string) => formatDateTime(v),
            },
            { title: t('notices.deliveries.to'), dataIndex: 'toAddress' },
            {
              title: t('notices.deliveries.statusLabel'),
              dataIndex: 'status',
              render: (s: Status) => <Tag color={STATUS_COLORS[s]}>{t(`notices.deliveries.status.${s}`)}</Tag>,
            },
            {
              title: t('notices.deliveries.attempts'),
              key: 'attempts',
              align: 'right',
              render: (_, row) => row.attempts.length,
            },
            { title: t('notices.deliveries.subject'), dataIndex: 'subject', ellipsis: true, width: 520 },
          ]}
        />
      </Card>
    </>
  );
}
