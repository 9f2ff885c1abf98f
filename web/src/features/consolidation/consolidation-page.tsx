import { BellOutlined, DiffOutlined, EditOutlined, LockOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { type CellValues, type FormDefinition, periodLabel } from '@baocao/domain';
import { Alert, Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { lazy, type ReactNode, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { FullPageSpin } from '../../components/full-page-spin';
import { PageHeader } from '../../components/page-header';
import { ReportGrid } from '../../components/report-grid/report-grid';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { withFeatureStrings } from '../../i18n';
import { BackToReportsLink } from '../../reporting/back-to-reports-link';
import { DemoDataTag, DemoHistoryNotice } from '../../reporting/demo-history';
import { PeriodLockControl } from '../../reporting/period-lock-control';
import { formatClock, formatDueTime, languageOf } from '../../reporting/report-labels';
import { consolidationPath, type ReportKey, reportKeyFrom, useReport } from '../../reporting/reports.api';
import { useCan } from '../auth/session';
import { AdjustmentModal } from './adjustment-modal';
import { AdjustmentsTable } from './adjustments-table';
import { ChildrenTable } from './children-table';
import { type ConsolidationViewData, useConsolidation } from './consolidation.api';
import { ConsolidationPicker } from './consolidation-picker';
import { ConsolidationSummary } from './consolidation-summary';
import { CrossChecksCard } from './cross-checks-card';
import { DifferencesTable } from './differences-table';
import { DrilldownDrawer, signed } from './drilldown-drawer';
import { LiveIndicator } from './live-indicator';
import { OwnEntriesDrawer } from './own-entries-modal';
import { OwnEntriesTable } from './own-entries-table';
import { useLiveConsolidation } from './use-live-consolidation';

// The signatures of the consolidation sent up ("Ký số"), loaded only when one was sent.
const RevisionSignatureCard = lazy(() =>
  withFeatureStrings(import('../signatures/signature-cards'), 'signatures').then((m) => ({
    default: m.RevisionSignatureCard,
  })),
);

/**
 * /consolidation?unitId=&formId=&period= — a consolidating unit's live view of a form and period.
 * Without a complete address (the menu's "Tổng hợp"), the pickers to choose one.
 */
export function ConsolidationPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const key = reportKeyFrom(search);
  if (!key) {
    const number = (name: string) => {
      const value = Number(search.get(name));
      return Number.isInteger(value) && value > 0 ? value : undefined;
    };
    return (
      <>
        <PageHeader title={t('consolidation.pickerTitle')} description={t('consolidation.pickerDescription')} />
        <ConsolidationPicker
          initial={{
            regimeId: number('regimeId'),
            formId: number('formId'),
            unitId: number('unitId'),
            period: search.get('period') ?? undefined,
          }}
          onOpen={(chosen) => void navigate(consolidationPath(chosen))}
        />
      </>
    );
  }
  return <Consolidation key={`${key.unitId}.${key.formId}.${key.period}`} reportKey={key} />;
}

function Consolidation({ reportKey }: { reportKey: ReportKey }) {
  const consolidation = useConsolidation(reportKey);
  const live = useLiveConsolidation(reportKey.formId, reportKey.period);
  const navigate = useNavigate();
  const [choosing, setChoosing] = useState(false);
  if (consolidation.isPending) return <FullPageSpin />;
  const picker = (regimeId?: number) => (
    <div style={{ marginBottom: 16 }}>
      <ConsolidationPicker
        initial={{ ...reportKey, regimeId }}
        onOpen={(chosen) => {
          setChoosing(false);
          void navigate(consolidationPath(chosen));
        }}
      />
    </div>
  );
  if (consolidation.isError)
    return (
      <>
        <BackToReportsLink />
        <ErrorAlert error={consolidation.error} />
        <div style={{ marginTop: 16 }}>{picker()}</div>
      </>
    );
  return (
    <ConsolidationView
      reportKey={reportKey}
      view={consolidation.data}
      fetching={consolidation.isFetching}
      live={live.connected}
      choosing={choosing}
      onChoose={() => setChoosing(!choosing)}
      picker={choosing ? picker(consolidation.data.regime.id) : null}
    />
  );
}

function ConsolidationView({
  reportKey,
  view,
  fetching,
  live,
  choosing,
  onChoose,
  picker,
}: {
  reportKey: ReportKey;
  view: ConsolidationViewData;
  fetching: boolean;
  live: boolean;
  choosing: boolean;
  onChoose: () => void;
  picker: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const reviewer = useCan('data.review');
  const canEnter = useCan('data.enter');
  const canLock = useCan('periods.lock');
  const canSign = useCan('data.submit');
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

  const period = periodLabel(view.period.id, language);
  const narrow = useNarrowScreen();
  const figuresHint = (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('consolidation.figuresHint', { count: view.contributorCount })}
    </Typography.Text>
  );

  return (
    <>
      <BackToReportsLink />
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
            <Button
              icon={<SwapOutlined />}
              onClick={onChoose}
              type={choosing ? 'primary' : 'default'}
              ghost={choosing}
              data-testid="choose-consolidation"
            >
              {t('consolidation.picker.change')}
            </Button>
            {view.isDemo ? <DemoDataTag /> : null}
            {locked ? (
              <Tag color="red" icon={<LockOutlined />} data-testid="period-locked">
                {t('consolidation.lock.tag')}
              </Tag>
            ) : null}
            {canLock && report.data ? (
              <PeriodLockControl regimeId={view.regime.id} period={view.period.id} locked={locked} />
            ) : null}
            <Link
              to={`/not-submitted?regimeId=${view.regime.id}&unitId=${reportKey.unitId}&formId=${reportKey.formId}&period=${reportKey.period}`}
              data-testid="open-not-submitted"
            >
              <BellOutlined /> {t('notices.notSubmitted.title')}
            </Link>
            <LiveIndicator connected={live} />
            {view.refreshedAt ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('consolidation.refreshedAt', { time: formatClock(view.refreshedAt) })}
              </Typography.Text>
            ) : null}
          </Space>
        }
      />

      {picker}

      <DemoHistoryNotice />

      <ConsolidationSummary reportKey={reportKey} view={view} />

      {view.asRecipient ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('consolidation.review.recipientTitle')}
          description={t('consolidation.review.recipient')}
          data-testid="recipient-notice"
        />
      ) : reviewer && !view.canReview && view.children.length > 0 ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('consolidation.review.notYours', { unit: view.unit.name })}
          data-testid="not-direct-reviewer"
        />
      ) : null}

      {view.sent ? (
        <div style={{ marginBottom: 16 }}>
          <Suspense fallback={null}>
            <RevisionSignatureCard revisionId={view.sent.revisionId} unitName={view.unit.name} canSign={canSign} />
          </Suspense>
        </div>
      ) : null}

      {view.sent?.changedSinceSent ? (
        <Alert
          type="warning"
          showIcon
          icon={<DiffOutlined />}
          style={{ marginBottom: 16 }}
          title={t('consolidation.changed.title', { time: formatDueTime(view.sent.sentAt) })}
          description={<DifferencesTable form={form} differences={view.sent.differences} />}
          data-testid="changed-since-sent"
        />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card size="small" title={t('consolidation.figures')} extra={narrow ? null : figuresHint}>
            {narrow ? <div style={{ marginBottom: 8 }}>{figuresHint}</div> : null}
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
              canReview={view.canReview}
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
            <AdjustmentsTable form={form} rows={view.adjustments} />
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
            <OwnEntriesTable form={form} values={view.own.values as CellValues} />
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
