import type { ComplianceBoardRow, ComplianceStatus } from '@baocao/domain';
import { complianceStatuses, periodLabel } from '@baocao/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Flex, Popconfirm, Progress, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert';
import { ReasonModal } from '../../components/reason-modal';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatNumber } from '../../i18n/format';
import { formatClock, formatDueTime, languageOf } from '../../reporting/report-labels';
import { useCan } from '../auth/session';
import { LiveIndicator } from '../consolidation/live-indicator';
import {
  type BoardChoice,
  complianceQueryKey,
  createExemption,
  deleteExemption,
  useComplianceBoard,
} from './compliance.api';
import { ComplianceStatusTag, statusColors } from './compliance-status-tag';
import { useLiveCompliance } from './use-live-compliance';

/**
 * The board of a period: the progress ("612/696 đơn vị đã gửi, 41 gửi muộn"), a tag per status
 * (a click filters the table by it), and every expected unit with its status; refetched live.
 */
export function ComplianceBoardView({
  choice,
  formIds,
  onStatus,
}: {
  choice: BoardChoice;
  formIds: number[];
  onStatus: (status: ComplianceStatus | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const narrow = useNarrowScreen();
  const board = useComplianceBoard(choice);
  const live = useLiveCompliance(formIds, choice.periodId);
  const canExempt = useCan('data.review');
  const [exempting, setExempting] = useState<ComplianceBoardRow | null>(null);
  const client = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const withdraw = useMutation({
    mutationFn: (row: ComplianceBoardRow) => deleteExemption(row.exemptionId!),
    onSuccess: (_, row) => {
      void message.success(t('compliance.exemption.withdrawn', { unit: row.unit.name }));
      void client.invalidateQueries({ queryKey: complianceQueryKey });
    },
    onError: (error) => notifyError(error),
  });
  if (board.isError) return <ErrorAlert error={board.error} />;
  if (!board.data) return <Card size="small" loading />;
  const { totals } = board.data;
  const rows = choice.status ? board.data.rows.filter((r) => r.status === choice.status) : board.data.rows;
  const percent = totals.expected ? Math.round((totals.reported / totals.expected) * 1000) / 10 : 0;
  const lateShare = totals.expected ? (totals.counts.late / totals.expected) * 100 : 0;

  const unit = (row: ComplianceBoardRow) => (
    <div>
      <div>{row.unit.name}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {row.unit.code} · {t(`compliance.levels.${row.unit.level as 'province'}`)}
      </Typography.Text>
    </div>
  );

  const exemptionAction = (row: ComplianceBoardRow) =>
    !canExempt ? null : row.status === 'exempt' && row.exemptionId ? (
      <Popconfirm
        title={t('compliance.exemption.withdrawConfirm', { unit: row.unit.name })}
        okText={t('compliance.exemption.withdraw')}
        cancelText={t('common.cancel')}
        onConfirm={() => withdraw.mutateAsync(row)}
      >
        <Button size="small" type="link" data-testid={`compliance-unexempt-${row.unit.code}`}>
          {t('compliance.exemption.withdraw')}
        </Button>
      </Popconfirm>
    ) : row.sent === 0 ? (
      <Button
        size="small"
        type="link"
        onClick={() => setExempting(row)}
        data-testid={`compliance-exempt-${row.unit.code}`}
      >
        {t('compliance.exemption.action')}
      </Button>
    ) : null;

  return (
    <>
      {exempting ? (
        <ReasonModal
          title={t('compliance.exemption.title', {
            unit: exempting.unit.name,
            period: periodLabel(choice.periodId, languageOf(i18n.language)),
          })}
          hint={t('compliance.exemption.hint')}
          okText={t('compliance.exemption.ok')}
          testId="compliance-exemption"
          onClose={() => setExempting(null)}
          onSubmit={async (reason) => {
            await createExemption({
              unitId: exempting.unit.id,
              regimeId: choice.regimeId,
              periodFrom: choice.periodId,
              periodTo: choice.periodId,
              reason,
            });
            void message.success(t('compliance.exemption.done', { unit: exempting.unit.name }));
            await client.invalidateQueries({ queryKey: complianceQueryKey });
          }}
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 16 }} data-testid="compliance-summary">
        <Row gutter={[24, 12]} align="middle">
          <Col xs={24} lg={10}>
            <Typography.Text strong style={{ fontSize: 18 }} data-testid="compliance-progress">
              {t('compliance.progress', {
                reported: formatNumber(totals.reported),
                expected: formatNumber(totals.expected),
              })}
            </Typography.Text>
            <Progress
              percent={percent}
              success={{ percent: Math.max(0, percent - lateShare) }}
              format={(value) => `${formatNumber(value ?? 0)}%`}
              style={{ marginBottom: 0 }}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('compliance.progressDetail', {
                late: formatNumber(totals.counts.late),
                missing: formatNumber(totals.counts.missing),
                overdue: formatNumber(totals.counts.overdue),
              })}
            </Typography.Text>
          </Col>
          <Col xs={24} lg={14}>
            <Flex wrap gap={6} justify={narrow ? 'flex-start' : 'flex-end'}>
              {complianceStatuses
                .filter((s) => totals.counts[s] > 0)
                .map((s) => (
                  <Tag.CheckableTag
                    key={s}
                    checked={choice.status === s}
                    onChange={(checked) => onStatus(checked ? s : undefined)}
                    data-testid={`compliance-count-${s}`}
                    style={{ border: '1px solid #d9d9d9', paddingInline: 8 }}
                  >
                    <Tag color={statusColors[s]} style={{ marginInlineEnd: 6 }}>
                      {formatNumber(totals.counts[s])}
                    </Tag>
                    {t(`compliance.status.${s}`)}
                  </Tag.CheckableTag>
                ))}
            </Flex>
            <Flex gap={8} justify={narrow ? 'flex-start' : 'flex-end'} align="center" style={{ marginTop: 8 }}>
              <LiveIndicator connected={live} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('compliance.asOf', { time: formatClock(board.data.asOf) })}
              </Typography.Text>
            </Flex>
          </Col>
        </Row>
      </Card>

      {narrow ? (
        <Flex vertical gap={8} data-testid="compliance-table">
          {rows.length === 0 ? <Empty description={t('compliance.empty')} /> : null}
          {rows.slice(0, 200).map((row) => (
            <Card size="small" key={row.unit.id} data-testid={`compliance-row-${row.unit.code}`}>
              <Flex justify="space-between" align="flex-start" gap={8}>
                <div style={{ minWidth: 0 }}>{unit(row)}</div>
                <ComplianceStatusTag
                  status={row.status}
                  minutesLate={row.minutesLate}
                  reason={row.exemptionReason}
                  code={row.unit.code}
                />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
                {[row.parent?.name, row.submittedAt ? formatDueTime(row.submittedAt) : null]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            </Card>
          ))}
        </Flex>
      ) : (
        <Table<ComplianceBoardRow>
          size="small"
          rowKey={(row) => row.unit.id}
          loading={board.isFetching && !board.isPending}
          dataSource={rows}
          pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('compliance.empty') }}
          data-testid="compliance-table"
          onRow={(row) => ({ 'data-testid': `compliance-row-${row.unit.code}` }) as object}
          columns={[
            {
              title: t('compliance.columns.unit'),
              key: 'unit',
              sorter: (a, b) => a.unit.code.localeCompare(b.unit.code, 'vi'),
              render: (_, row) => unit(row),
            },
            {
              title: t('compliance.columns.parent'),
              key: 'parent',
              width: 220,
              render: (_, row) => row.parent?.name ?? '—',
            },
            {
              title: t('compliance.columns.status'),
              key: 'status',
              width: 210,
              sorter: (a, b) => complianceStatuses.indexOf(a.status) - complianceStatuses.indexOf(b.status),
              render: (_, row) => (
                <ComplianceStatusTag
                  status={row.status}
                  minutesLate={row.minutesLate}
                  reason={row.exemptionReason}
                  code={row.unit.code}
                />
              ),
            },
            {
              title: t('compliance.columns.sentAt'),
              key: 'sentAt',
              width: 150,
              sorter: (a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''),
              render: (_, row) => (row.submittedAt ? formatDueTime(row.submittedAt) : '—'),
            },
            {
              title: t('compliance.columns.dueAt'),
              key: 'dueAt',
              width: 150,
              render: (_, row) => (row.dueAt ? formatDueTime(row.dueAt) : '—'),
            },
            {
              title: t('compliance.columns.forms'),
              key: 'forms',
              width: 100,
              align: 'right',
              render: (_, row) => (
                <Space size={0}>
                  {row.sent}/{row.forms}
                </Space>
              ),
            },
            ...(canExempt
              ? [
                  {
                    title: '',
                    key: 'actions',
                    width: 150,
                    align: 'right' as const,
                    render: (_: unknown, row: ComplianceBoardRow) => exemptionAction(row),
                  },
                ]
              : []),
          ]}
        />
      )}
    </>
  );
}
