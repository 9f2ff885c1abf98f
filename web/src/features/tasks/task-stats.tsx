import type { TaskStats } from '@baocao/domain';
import { Card, Col, DatePicker, Empty, Flex, Form, Row, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert';
import { ScopeUnitPicker } from '../../components/unit-picker';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useSignedInMe } from '../auth/session';
import { TaskStatsChart } from './task-stats-chart';
import { useTaskStats } from './tasks.api';
import '../../i18n/dayjs-locale';

type StatsRow = TaskStats['byUnit'][number];
const STATUSES = ['done_on_time', 'done_late', 'overdue', 'in_progress', 'regular'] as const;

const percent = (rate: number | null) =>
  rate === null ? '—' : `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(rate * 100)}%`;

/** A ranking: per lead unit or per issuer, best first. */
function Ranking({ rows, prefix }: { rows: StatsRow[]; prefix: string }) {
  const { t } = useTranslation();
  const narrow = useNarrowScreen();
  if (rows.length === 0) return <Empty description={t('tasks.stats.empty')} />;
  if (narrow)
    return (
      <Flex vertical gap={8}>
        {rows.map((row) => (
          <div key={row.unit.id} data-testid={`${prefix}-${row.unit.code}`}>
            <Flex justify="space-between" gap={8}>
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong>{row.rank}. </Typography.Text>
                {row.unit.name}
              </div>
              <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                {percent(row.onTimeRate)}
              </Typography.Text>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tasks.stats.assigned')} {row.counts.assigned} · {t('tasks.status.done_on_time')}{' '}
              {row.counts.done_on_time} · {t('tasks.status.overdue')} {row.counts.overdue}
            </Typography.Text>
          </div>
        ))}
      </Flex>
    );
  return (
    <Table<StatsRow>
      size="small"
      rowKey={(row) => row.unit.id}
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 900 }}
      onRow={(row) => ({ 'data-testid': `${prefix}-${row.unit.code}` }) as object}
      columns={[
        { title: t('tasks.stats.rank'), dataIndex: 'rank', width: 64, align: 'right' },
        { title: t('tasks.stats.unit'), key: 'unit', render: (_, row) => row.unit.name },
        {
          title: t('tasks.stats.assigned'),
          key: 'assigned',
          width: 90,
          align: 'right',
          render: (_, row) => formatNumber(row.counts.assigned),
        },
        ...STATUSES.map((status) => ({
          title: t(`tasks.status.${status}`),
          key: status,
          width: 110,
          align: 'right' as const,
          render: (_: unknown, row: StatsRow) => formatNumber(row.counts[status]),
        })),
        {
          title: t('tasks.stats.onTimeRate'),
          key: 'rate',
          width: 110,
          align: 'right',
          render: (_, row) => percent(row.onTimeRate),
        },
      ]}
    />
  );
}

/** Statistics per lead unit and per issuer, with rankings and the chart; scoped by unit and by the directives' dates. */
export function TaskStatsView() {
  const { t } = useTranslation();
  const narrow = useNarrowScreen();
  const me = useSignedInMe();
  const [unitId, setUnitId] = useState<number | undefined>();
  const [from, setFrom] = useState<Dayjs | null>(null);
  const [to, setTo] = useState<Dayjs | null>(null);
  const stats = useTaskStats({
    unitId,
    from: from?.format('YYYY-MM-DD'),
    to: to?.format('YYYY-MM-DD'),
  });
  const data = stats.data;

  return (
    <>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Row gutter={[16, 0]}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={t('tasks.scope')} htmlFor="task-stats-unit" style={{ marginBottom: 8 }}>
                <ScopeUnitPicker id="task-stats-unit" me={me} value={unitId} onChange={(value) => setUnitId(value)} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item label={t('tasks.stats.from')} htmlFor="task-stats-from" style={{ marginBottom: 8 }}>
                <DatePicker
                  id="task-stats-from"
                  format="DD/MM/YYYY"
                  value={from}
                  onChange={setFrom}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item label={t('tasks.stats.to')} htmlFor="task-stats-to" style={{ marginBottom: 8 }}>
                <DatePicker
                  id="task-stats-to"
                  format="DD/MM/YYYY"
                  value={to}
                  onChange={setTo}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {stats.isError ? <ErrorAlert error={stats.error} /> : null}
      {!data ? (
        <Card size="small" loading />
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            {(['assigned', ...STATUSES] as const).map((key) => (
              <Col xs={12} md={8} xl={4} key={key}>
                <Card size="small" data-testid={`task-total-${key}`}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {key === 'assigned' ? t('tasks.stats.assigned') : t(`tasks.status.${key}`)}
                  </Typography.Text>
                  <div style={{ fontSize: 24, fontWeight: 600 }} data-testid={`task-total-${key}-value`}>
                    {formatNumber(data.totals[key])}
                  </div>
                </Card>
              </Col>
            ))}
          </Row>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8, fontSize: 12 }}>
            {t('tasks.stats.asOf', { time: formatDateTime(data.asOf) })}
          </Typography.Text>
          <Card size="small" title={t('tasks.stats.chartTitle')} style={{ marginBottom: 16 }}>
            {data.byUnit.length === 0 ? (
              <Empty description={t('tasks.stats.empty')} />
            ) : (
              <TaskStatsChart rows={data.byUnit} limit={narrow ? 10 : 15} />
            )}
          </Card>
          <Card size="small" title={t('tasks.stats.byUnit')} style={{ marginBottom: 16 }}>
            <Ranking rows={data.byUnit} prefix="task-rank-unit" />
          </Card>
          <Card size="small" title={t('tasks.stats.byIssuer')}>
            <Ranking rows={data.byIssuer} prefix="task-rank-issuer" />
          </Card>
        </>
      )}
    </>
  );
}
