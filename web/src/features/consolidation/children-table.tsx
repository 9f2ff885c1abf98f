import { BarChartOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Flex, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatDueTime, formatDuration, languageOf, useChannelLabel } from '../../reporting/report-labels';
import { consolidationPath, entryPath } from '../../reporting/reports.api';
import { ReviewActions } from '../../reporting/review-actions';
import type { ChildRow } from './consolidation.api';
import './consolidation.css';

export const childStatuses = ['on_time', 'late', 'missing', 'returned', 'nil', 'draft'] as const;
export type ChildStatus = (typeof childStatuses)[number];

const statusColors: Record<ChildStatus, string> = {
  on_time: 'green',
  late: 'orange',
  missing: 'red',
  returned: 'magenta',
  nil: 'purple',
  draft: 'blue',
};

/**
 * A child's status as a tag: đúng hạn, trễ N phút, chưa gửi (chưa gửi lên cấp trên, for a consolidating
 * child), bị trả lại, không phát sinh, đang soạn.
 */
export function ChildStatusTag({ row }: { row: ChildRow }) {
  const { t, i18n } = useTranslation();
  const status = (childStatuses as readonly string[]).includes(row.status) ? (row.status as ChildStatus) : null;
  if (!status) return <Tag>{row.status}</Tag>;
  // A consolidating child has nothing to enter: until it sends its consolidation up, it has not sent.
  const notSentUp = row.role === 'consolidation' && (status === 'missing' || status === 'draft');
  const label = notSentUp
    ? t('consolidation.status.notSentUp')
    : status === 'late' && row.minutesLate
      ? t('consolidation.status.lateBy', {
          duration: formatDuration(row.minutesLate * 60_000, languageOf(i18n.language), false),
        })
      : t(`consolidation.status.${status}`);
  const tag = (
    <Tag color={notSentUp ? 'red' : statusColors[status]} data-testid={`child-status-${row.unit.code}`}>
      {label}
    </Tag>
  );
  return status === 'returned' && row.reviewReason ? <Tooltip title={row.reviewReason}>{tag}</Tooltip> : tag;
}

/**
 * The units reporting to this one for the form and period: status, who sent it
 * when and how; the unit's approvers (its children's direct consolidator), or at the
 * top a receiving agency's, accept or return each report sent here.
 */
export function ChildrenTable({
  rows,
  formId,
  period,
  canReview,
  loading,
}: {
  rows: ChildRow[];
  formId: number;
  period: string;
  canReview: boolean;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const channelLabel = useChannelLabel();
  const narrow = useNarrowScreen();
  const open = (row: ChildRow) => {
    const key = { unitId: row.unit.id, formId, period };
    void navigate(row.role === 'consolidation' ? consolidationPath(key) : entryPath(key));
  };
  const sender = (row: ChildRow) =>
    row.submittedByName ? (
      <div>
        <div>{row.submittedByName}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {channelLabel(row.channel)}
          {row.revisionCount > 1 ? ` · ${t('consolidation.children.revisions', { count: row.revisionCount })}` : ''}
        </Typography.Text>
      </div>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  const actions = (row: ChildRow) => (
    <Space size={4} wrap>
      {canReview && row.submissionId && row.revisionId ? (
        <ReviewActions
          size="small"
          submissionId={row.submissionId}
          unitName={row.unit.name}
          canAccept={row.state === 'submitted'}
          canReturn={row.state === 'submitted' || row.state === 'accepted'}
        />
      ) : null}
      <Button
        size="small"
        type="text"
        icon={row.role === 'consolidation' ? <BarChartOutlined /> : <EyeOutlined />}
        onClick={() => open(row)}
        aria-label={t('consolidation.children.open')}
        title={t('consolidation.children.open')}
      />
    </Space>
  );
  const status = (row: ChildRow) => (
    <Space size={4} wrap>
      <ChildStatusTag row={row} />
      {row.state === 'accepted' ? <Tag color="green">{t('reports.reviewState.accepted')}</Tag> : null}
    </Space>
  );
  const unit = (row: ChildRow) => (
    <div>
      <div>{row.unit.name}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {row.unit.code}
        {row.role === 'consolidation' ? ` · ${t('reports.roleConsolidation')}` : ''}
      </Typography.Text>
    </div>
  );

  if (narrow)
    return (
      <Spin spinning={loading}>
        <Flex vertical data-testid="children-table">
          {rows.map((row) => (
            <div key={row.unit.id} className="child-item" data-testid={`child-${row.unit.code}`}>
              <Flex justify="space-between" align="flex-start" gap={8}>
                <div style={{ minWidth: 0 }}>{unit(row)}</div>
                {status(row)}
              </Flex>
              {row.submittedAt ? (
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
                  {[row.submittedByName, formatDueTime(row.submittedAt), channelLabel(row.channel)]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography.Text>
              ) : null}
              <Flex justify="flex-end" style={{ marginTop: 4 }}>
                {actions(row)}
              </Flex>
            </div>
          ))}
        </Flex>
      </Spin>
    );

  return (
    <Table<ChildRow>
      size="small"
      rowKey={(row) => row.unit.id}
      loading={loading}
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 860 }}
      data-testid="children-table"
      onRow={(row) => ({ 'data-testid': `child-${row.unit.code}` }) as object}
      columns={[
        {
          title: t('consolidation.children.unit'),
          key: 'unit',
          sorter: (a, b) => a.unit.name.localeCompare(b.unit.name, 'vi'),
          render: (_, row) => unit(row),
        },
        {
          title: t('consolidation.children.status'),
          key: 'status',
          width: 220,
          filters: childStatuses.map((s) => ({ text: t(`consolidation.status.${s}`), value: s })),
          onFilter: (value, row) => row.status === value,
          render: (_, row) => status(row),
        },
        {
          title: t('consolidation.children.sentBy'),
          key: 'by',
          width: 240,
          render: (_, row) => sender(row),
        },
        {
          title: t('consolidation.children.sentAt'),
          key: 'at',
          width: 160,
          sorter: (a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''),
          render: (_, row) => formatDueTime(row.submittedAt),
        },
        {
          title: '',
          key: 'actions',
          width: 250,
          align: 'right',
          render: (_, row) => actions(row),
        },
      ]}
    />
  );
}
