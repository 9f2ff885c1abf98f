import {
  ArrowLeftOutlined,
  DiffOutlined,
  EditOutlined,
  LockOutlined,
  PlusOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { type CellValue, type CellValues, type FormDefinition, periodLabel } from '@baocao/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Popconfirm,
  Progress,
  Result,
  Row,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { FullPageSpin } from '../../components/full-page-spin';
import { PageHeader } from '../../components/page-header';
import { formatCellValue } from '../../components/report-grid/cell-values';
import { cellLabel } from '../../components/report-grid/grid-layout';
import { ReportGrid } from '../../components/report-grid/report-grid';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { formatNumber } from '../../i18n/format';
import { PeriodLockControl } from '../../reporting/period-lock-control';
import { consolidationQueryKey, reportsQueryKey } from '../../reporting/query-keys';
import {
  DueCountdown,
  formatClock,
  formatDueTime,
  formatDuration,
  LatenessTag,
  languageOf,
  StateTag,
  useNow,
  WindowTag,
  windowStateAt,
} from '../../reporting/report-labels';
import { type ReportKey, reportKeyFrom, submitReport, useReport } from '../../reporting/reports.api';
import { useCan } from '../auth/session';
import { AdjustmentModal } from './adjustment-modal';
import { ChildrenTable, childStatuses } from './children-table';
import { type AdjustmentRow, type ConsolidationViewData, useConsolidation } from './consolidation.api';
import { CrossChecksCard } from './cross-checks-card';
import { DrilldownDrawer, signed } from './drilldown-drawer';
import { OwnEntriesDrawer } from './own-entries-modal';
import { useLiveConsolidation } from './use-live-consolidation';

const countColors: Record<(typeof childStatuses)[number], string> = {
  on_time: 'green',
  late: 'orange',
  missing: 'red',
  returned: 'magenta',
  nil: 'purple',
  draft: 'blue',
};

/** /consolidation?unitId=&formId=&period= — a consolidating unit's live view of a form and period. */
export function ConsolidationPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const key = reportKeyFrom(search);
  if (!key) return <Result status="404" title={t('reports.badAddress')} />;
  return <Consolidation key={`${key.unitId}.${key.formId}.${key.period}`} reportKey={key} />;
}

function Consolidation({ reportKey }: { reportKey: ReportKey }) {
  const consolidation = useConsolidation(reportKey);
  const live = useLiveConsolidation(reportKey.formId, reportKey.period);
  if (consolidation.isPending) return <FullPageSpin />;
  if (consolidation.isError)
    return (
      <>
        <BackLink />
        <ErrorAlert error={consolidation.error} />
      </>
    );
  return (
    <ConsolidationView
      reportKey={reportKey}
      view={consolidation.data}
      fetching={consolidation.isFetching}
      live={live.connected}
    />
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/reports" style={{ display: 'inline-block', marginBottom: 12 }}>
      <ArrowLeftOutlined /> {t('reports.backToList')}
    </Link>
  );
}

function LiveIndicator({ connected }: { connected: boolean }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={connected ? t('consolidation.live.on') : t('consolidation.live.off')}>
      <Tag
        color={connected ? 'success' : 'default'}
        style={{ paddingInline: 10 }}
        data-testid="live-indicator"
        data-connected={connected}
      >
        <Badge status={connected ? 'processing' : 'default'} color={connected ? '#3f9142' : undefined} />{' '}
        {t('consolidation.live.label')}
      </Tag>
    </Tooltip>
  );
}

function ConsolidationView({
  reportKey,
  view,
  fetching,
  live,
}: {
  reportKey: ReportKey;
  view: ConsolidationViewData;
  fetching: boolean;
  live: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const { message, modal } = App.useApp();
  const notifyError = useErrorNotifier();
  const client = useQueryClient();
  const canReview = useCan('data.review');
  const canEnter = useCan('data.enter');
  const canLock = useCan('periods.lock');
  // The unit's own report: whether it may save its own entries, and whether the period is locked.
  const report = useReport(reportKey);
  const locked = report.data?.locked ?? false;
  const canEditOwn = canEnter && !!report.data?.actions.includes('save');
  const [editingOwn, setEditingOwn] = useState(false);
  const form = view.form.definition as FormDefinition;
  const values = view.values as CellValues;
  const [drillCell, setDrillCell] = useState<string | null>(null);
  const [adjusting, setAdjusting] = useState<{ cell: string | null } | null>(null);

  const marks = useMemo(() => {
    const byCell = new Map<string, number>();
    for (const a of view.adjustments) byCell.set(a.cellKey, (byCell.get(a.cellKey) ?? 0) + a.delta);
    return new Map(
      [...byCell].map(([cell, delta]) => [cell, t('consolidation.adjustments.mark', { delta: signed(delta) })]),
    );
  }, [view.adjustments, t]);

  const send = useMutation({
    mutationFn: () => submitReport(reportKey, {}),
    onSuccess: (result) => {
      void message.success(
        t(result.onTime ? 'consolidation.send.doneOnTime' : 'consolidation.send.doneLate', {
          time: formatDueTime(result.submittedAt),
          late: formatDuration(result.minutesLate * 60_000, language, false),
        }),
      );
      if (result.warnings.length)
        modal.warning({
          title: t('consolidation.send.warnings'),
          content: (
            <ul style={{ paddingInlineStart: 18 }}>
              {result.warnings.map((w) => (
                <li key={`${w.target}:${w.code}`}>{w.message[language] || w.message.vi}</li>
              ))}
            </ul>
          ),
        });
      void client.invalidateQueries({ queryKey: consolidationQueryKey });
      void client.invalidateQueries({ queryKey: reportsQueryKey });
    },
    onError: (error) => notifyError(error, t('consolidation.send.failed')),
  });

  const counts = view.counts;
  const expected = counts.expected ?? view.children.length;
  const submitted = counts.submitted ?? 0;
  const percent = expected ? Math.round((submitted / expected) * 1000) / 10 : 0;
  const pending = (counts.missing ?? 0) + (counts.draft ?? 0) + (counts.returned ?? 0);
  const period = periodLabel(view.period.id, language);

  return (
    <>
      <BackLink />
      <PageHeader
        title={
          <span data-testid="consolidation-title">
            {t('consolidation.title')}: {form.code} — {form.title[language] || form.title.vi}
          </span>
        }
        description={
          <>
            {view.unit.name} · {period} · {view.regime.name[language] || view.regime.name.vi}
          </>
        }
        extra={
          <Space wrap>
            {locked ? (
              <Tag color="red" icon={<LockOutlined />} data-testid="period-locked">
                {t('consolidation.lock.tag')}
              </Tag>
            ) : null}
            {canLock && report.data ? (
              <PeriodLockControl regimeId={view.regime.id} period={view.period.id} locked={locked} />
            ) : null}
            <LiveIndicator connected={live} />
            {view.refreshedAt ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('consolidation.refreshedAt', { time: formatClock(view.refreshedAt) })}
              </Typography.Text>
            ) : null}
          </Space>
        }
      />

      <Card size="small" style={{ marginBottom: 16 }} data-testid="consolidation-summary">
        <Row gutter={[24, 12]} align="middle">
          <Col xs={24} lg={10}>
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="submitted-count">
              {t('consolidation.submittedOf', { submitted: formatNumber(submitted), expected: formatNumber(expected) })}
            </Typography.Text>
            <Progress
              percent={percent}
              format={() => `${formatNumber(percent)}%`}
              status={submitted === expected && expected > 0 ? 'success' : 'active'}
              strokeColor={submitted === expected && expected > 0 ? undefined : '#1456b8'}
            />
            <Flex gap={6} wrap>
              {childStatuses.map((status) => (
                <Tag key={status} color={countColors[status]} data-testid={`count-${status}`}>
                  {t(`consolidation.status.${status}`)}: {formatNumber(counts[status] ?? 0)}
                </Tag>
              ))}
            </Flex>
          </Col>
          <Col xs={24} lg={8}>
            <Flex vertical gap={4}>
              <Typography.Text type="secondary">{t('consolidation.deadline')}</Typography.Text>
              <Deadline schedule={view.schedule} sent={!!view.sent} />
              {view.sent ? (
                <Space wrap data-testid="sent-info">
                  <Typography.Text>
                    {t('consolidation.sentAt', { time: formatDueTime(view.sent.sentAt) })}
                  </Typography.Text>
                  <LatenessTag minutesLate={view.sent.minutesLate} />
                  {view.own.state === 'submitted' ? null : <StateTag state={view.own.state} />}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('consolidation.notSent')}</Typography.Text>
              )}
            </Flex>
          </Col>
          <Col xs={24} lg={6} style={{ textAlign: 'right' }}>
            {view.canSend ? (
              <Popconfirm
                title={t('consolidation.send.confirmTitle')}
                description={
                  pending > 0
                    ? t('consolidation.send.confirmPending', { count: pending })
                    : t('consolidation.send.confirm')
                }
                okText={t('consolidation.send.ok')}
                cancelText={t('common.cancel')}
                onConfirm={() => send.mutate()}
              >
                <Button
                  type="primary"
                  size="large"
                  icon={<SendOutlined />}
                  loading={send.isPending}
                  data-testid="send-up"
                >
                  {view.sent ? t('consolidation.send.again') : t('consolidation.send.button')}
                </Button>
              </Popconfirm>
            ) : null}
          </Col>
        </Row>
      </Card>

      {view.sent?.changedSinceSent ? (
        <Alert
          type="warning"
          showIcon
          icon={<DiffOutlined />}
          style={{ marginBottom: 16 }}
          title={t('consolidation.changed.title', { time: formatDueTime(view.sent.sentAt) })}
          description={<Differences form={form} differences={view.sent.differences} />}
          data-testid="changed-since-sent"
        />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card
            size="small"
            title={t('consolidation.figures')}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('consolidation.figuresHint', { count: view.contributorCount })}
              </Typography.Text>
            }
          >
            <ReportGrid
              form={form}
              values={values}
              readOnly
              marks={marks}
              onCellOpen={setDrillCell}
              data-testid="consolidated-grid"
            />
          </Card>
        </Col>
        {view.crossChecks.length > 0 ? (
          <Col span={24}>
            <CrossChecksCard checks={view.crossChecks} />
          </Col>
        ) : null}
        <Col span={24}>
          <Card size="small" title={t('consolidation.children.title', { count: view.children.length })}>
            <ChildrenTable
              rows={view.children}
              formId={reportKey.formId}
              period={reportKey.period}
              canReview={canReview}
              loading={fetching}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={t('consolidation.adjustments.title')}
            extra={
              view.canSend ? (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setAdjusting({ cell: null })}
                  data-testid="add-adjustment"
                >
                  {t('consolidation.adjustments.create')}
                </Button>
              ) : null
            }
          >
            <Adjustments form={form} rows={view.adjustments} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={t('consolidation.own.title')}
            extra={
              canEditOwn ? (
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditingOwn(true)}
                  data-testid="edit-own-entries"
                >
                  {t('consolidation.own.edit')}
                </Button>
              ) : null
            }
          >
            <OwnEntries form={form} values={view.own.values as CellValues} />
          </Card>
        </Col>
      </Row>

      <DrilldownDrawer
        form={form}
        formId={reportKey.formId}
        period={reportKey.period}
        root={{ unitId: view.unit.id, name: view.unit.name, value: drillCell ? (values[drillCell] ?? null) : null }}
        cell={drillCell}
        onClose={() => setDrillCell(null)}
      />
      <AdjustmentModal
        open={adjusting !== null}
        reportKey={reportKey}
        form={form}
        values={values}
        initialCell={adjusting?.cell ?? null}
        onClose={() => setAdjusting(null)}
      />
      <OwnEntriesDrawer
        open={editingOwn}
        reportKey={reportKey}
        form={form}
        values={view.own.values as CellValues}
        draftVersion={view.own.draftVersion}
        onClose={() => setEditingOwn(false)}
      />
    </>
  );
}

function useCellFormatter(form: FormDefinition) {
  const { i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const fields = useMemo(() => new Map(form.sections.flatMap((s) => s.fields).map((f) => [f.code, f])), [form]);
  return (key: string, value: unknown) => {
    if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
    const field = fields.get(key.split('.')[0]!);
    return field ? formatCellValue(form, field, value as CellValue, language) : String(value);
  };
}

function Differences({
  form,
  differences,
}: {
  form: FormDefinition;
  differences: { cellKey: string; sent: unknown; now: unknown }[];
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const show = useCellFormatter(form);
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>{t('consolidation.changed.explain')}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="cellKey"
        pagination={false}
        dataSource={differences}
        style={{ maxWidth: 720 }}
        columns={[
          {
            title: t('consolidation.changed.cell'),
            key: 'cell',
            render: (_, row) => cellLabel(form, row.cellKey, language),
          },
          {
            title: t('consolidation.changed.sent'),
            key: 'sent',
            align: 'right',
            render: (_, row) => show(row.cellKey, row.sent),
          },
          {
            title: t('consolidation.changed.now'),
            key: 'now',
            align: 'right',
            render: (_, row) => <Typography.Text strong>{show(row.cellKey, row.now)}</Typography.Text>,
          },
          {
            title: t('consolidation.changed.delta'),
            key: 'delta',
            align: 'right',
            render: (_, row) =>
              typeof row.now === 'number' && typeof row.sent === 'number' ? signed(row.now - row.sent) : '',
          },
        ]}
      />
    </>
  );
}

function Adjustments({ form, rows }: { form: FormDefinition; rows: AdjustmentRow[] }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  if (rows.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consolidation.adjustments.none')} />;
  return (
    <Table<AdjustmentRow>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rows}
      data-testid="adjustments-table"
      columns={[
        {
          title: t('consolidation.adjustments.cell'),
          key: 'cell',
          render: (_, row) => cellLabel(form, row.cellKey, language),
        },
        {
          title: t('consolidation.adjustments.delta'),
          key: 'delta',
          align: 'right',
          render: (_, row) => <Typography.Text strong>{signed(row.delta)}</Typography.Text>,
        },
        { title: t('consolidation.adjustments.reason'), dataIndex: 'reason' },
        {
          title: t('consolidation.adjustments.by'),
          key: 'by',
          render: (_, row) => (
            <div>
              <div>{row.createdByName}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDueTime(row.createdAt)}
              </Typography.Text>
            </div>
          ),
        },
      ]}
    />
  );
}

function OwnEntries({ form, values }: { form: FormDefinition; values: CellValues }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const show = useCellFormatter(form);
  const entries = Object.entries(values).filter(([, v]) => v !== null && v !== '');
  if (entries.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consolidation.own.none')} />;
  return (
    <Table
      size="small"
      rowKey="key"
      data-testid="own-entries-table"
      pagination={false}
      dataSource={entries.map(([key, value]) => ({ key, value }))}
      columns={[
        {
          title: t('consolidation.adjustments.cell'),
          key: 'cell',
          render: (_, row) => cellLabel(form, row.key, language),
        },
        {
          title: t('consolidation.own.value'),
          key: 'value',
          align: 'right',
          render: (_, row) => show(row.key, row.value),
        },
      ]}
    />
  );
}

/** The due time to the level above, its window and (until sent) a live countdown. */
function Deadline({ schedule, sent }: { schedule: ConsolidationViewData['schedule']; sent: boolean }) {
  const now = useNow();
  if (!schedule) return <Typography.Text>—</Typography.Text>;
  return (
    <Space wrap>
      <Typography.Text strong>{formatDueTime(schedule.dueAt)}</Typography.Text>
      <WindowTag state={windowStateAt(schedule, now)} />
      {sent ? null : <DueCountdown schedule={schedule} now={now} />}
    </Space>
  );
}
