import { BarChartOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { formatDueTime, formatDuration, languageOf, useChannelLabel } from '../../reporting/report-labels';
import { consolidationPath, entryPath } from '../../reporting/reports.api';
import { ReviewActions } from '../../reporting/review-actions';
import type { ChildRow } from './consolidation.api';

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
 * when and how; an approver accepts or returns an entry unit's report here.
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
  const open = (row: ChildRow) => {
    const key = { unitId: row.unit.id, formId, period };
    void navigate(row.role === 'consolidation' ? consolidationPath(key) : entryPath(key));
  };
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
          render: (_, row) => (
            <div>
              <div>{row.unit.name}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {row.unit.code}
                {row.role === 'consolidation' ? ` · ${t('reports.roleConsolidation')}` : ''}
              </Typography.Text>
            </div>
          ),
        },
        {
          title: t('consolidation.children.status'),
          key: 'status',
          width: 220,
          filters: childStatuses.map((s) => ({ text: t(`consolidation.status.${s}`), value: s })),
          onFilter: (value, row) => row.status === value,
          render: (_, row) => (
            <Space size={4} wrap>
              <ChildStatusTag row={row} />
              {row.state === 'accepted' ? <Tag color="green">{t('reports.reviewState.accepted')}</Tag> : null}
            </Space>
          ),
        },
        {
          title: t('consolidation.children.sentBy'),
          key: 'by',
          width: 240,
          render: (_, row) =>
            row.submittedByName ? (
              <div>
                <div>{row.submittedByName}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {channelLabel(row.channel)}
                  {row.revisionCount > 1
                    ? ` · ${t('consolidation.children.revisions', { count: row.revisionCount })}`
                    : ''}
                </Typography.Text>
              </div>
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            ),
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
          render: (_, row) => (
            <Space size={4} wrap>
              {canReview && row.role === 'entry' && row.submissionId && row.revisionId ? (
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
          ),
        },
      ]}
    />
  );
}
