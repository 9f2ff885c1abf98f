import { CloudSyncOutlined, FileDoneOutlined, LockOutlined, SendOutlined } from '@ant-design/icons';
import { type CellValues, computeFields, type FormDefinition } from '@baocao/domain';
import { Alert, Button, Flex } from 'antd';
import { lazy, Suspense, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { FullPageSpin } from '../../components/full-page-spin';
import { LazyResult } from '../../components/lazy-result';
import { PageHeader } from '../../components/page-header';
import { buildGridLayout } from '../../components/report-grid/grid-layout';
import { ReportGrid, type ReportGridHandle } from '../../components/report-grid/report-grid';
import { SmallCard } from '../../components/small-card';
import { Tag } from '../../components/tag';
import { Tooltip } from '../../components/tooltip';
import { withFeatureStrings } from '../../i18n';
import { BackToReportsLink } from '../../reporting/back-to-reports-link';
import { languageOf, StateTag, useNow, windowStateAt } from '../../reporting/report-labels';
import {
  consolidationPath,
  type ReportKey,
  type ReportViewData,
  reportKeyFrom,
  useReport,
} from '../../reporting/reports.api';
import { useCan } from '../auth/session';
import { ExcelActions } from './excel-actions';
import { IssuesPanel, issuesByCell, reportIssues } from './issues-panel';
import { PeriodLockedAlert } from './period-locked-alert';
import { QualityFlagsCard } from './quality-flags-card';
import { ReportFacts } from './report-facts';
import { SaveState } from './save-state';
import { ReturnedAlert, SubmitResultAlert } from './submission-alerts';
import { useReportDraft } from './use-report-draft';
import { useReportSubmit } from './use-report-submit';
import './reports.css';
import { Paragraph, Text } from '../../components/typography';

// The signatures of a submitted revision ("Ký số"), loaded only when there is one.
const RevisionSignatureCard = lazy(() =>
  withFeatureStrings(import('../signatures/signature-cards'), 'signatures').then((m) => ({
    default: m.RevisionSignatureCard,
  })),
);
// Shown only when someone else saved the report meanwhile: its Table loads with it.
const ConflictModal = lazy(() => import('./conflict-modal').then((m) => ({ default: m.ConflictModal })));
// Accept and return, for the reviewer above the unit only: officers entering the report never load them.
const ReviewActions = lazy(() => import('../../reporting/review-actions').then((m) => ({ default: m.ReviewActions })));

/** /reports/entry?unitId=&formId=&period= — one report, as its officers fill it in. */
export function EntryPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const key = reportKeyFrom(search);
  if (!key) return <LazyResult status="404" title={t('reports.badAddress')} />;
  // A new report is a new page: no pending save of one report can land on another.
  return <ReportEntry key={`${key.unitId}.${key.formId}.${key.period}`} reportKey={key} />;
}

function ReportEntry({ reportKey }: { reportKey: ReportKey }) {
  const { t } = useTranslation();
  const report = useReport(reportKey);
  if (report.isPending) return <FullPageSpin />;
  if (report.isError)
    return (
      <>
        <BackToReportsLink />
        <ErrorAlert error={report.error} />
      </>
    );
  const view = report.data;
  if (view.role === 'consolidation') return <Navigate to={consolidationPath(reportKey)} replace />;
  if (!view.form.definition) return <LazyResult status="warning" title={t('reports.badAddress')} />;
  return <ReportEntryForm reportKey={reportKey} view={view} refetch={() => void report.refetch()} />;
}

function ReportEntryForm({
  reportKey,
  view,
  refetch,
}: {
  reportKey: ReportKey;
  view: ReportViewData;
  refetch: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const navigate = useNavigate();
  // Coarse: only whether the window still takes submissions; the countdown ticks in ReportFacts.
  const now = useNow(10_000);
  const grid = useRef<ReportGridHandle>(null);
  const form = view.form.definition as FormDefinition;
  const editable = view.actions.includes('save');
  const draft = useReportDraft({ reportKey, form, view, editable });
  const sending = useReportSubmit({ reportKey, form, draft, grid, refetch });
  const { includeMissing, submitting, result } = sending;
  const { values, comments, isNil } = draft.snapshot;

  const shown = useMemo<CellValues>(() => computeFields(form, values), [form, values]);
  const issues = useMemo(
    () =>
      reportIssues(form, values, comments, {
        isNil,
        includeMissing,
        language,
        ruleLabel: (code) => t('reports.issues.rule', { code }),
        baselines: editable ? view.outlierBaselines : undefined,
        outlierNote: (comment) =>
          comment ? t('quality.entry.confirmed', { comment }) : t('quality.entry.unconfirmed'),
      }),
    [form, values, comments, isNil, includeMissing, language, t, editable, view.outlierBaselines],
  );
  const cellIssues = useMemo(() => issuesByCell(issues), [issues]);
  const wide = useMemo(() => buildGridLayout(form).sections.some((s) => s.columns.length > 3), [form]);

  const submission = view.submission;
  const revision = submission?.currentRevision ?? null;
  const windowState = view.schedule ? windowStateAt(view.schedule, now) : null;
  const windowRefuses =
    windowState === 'not_open' || (windowState === 'closed' && !view.allowLateSubmission) ? windowState : null;
  const canSubmit = view.actions.includes('submit');
  const reviewer = view.actions.includes('accept') || view.actions.includes('return');
  // An approver who is not this report's reviewer is told who is.
  const approver = useCan('data.review');
  const readOnly = !editable;
  const canSign = useCan('data.submit');

  return (
    <>
      <BackToReportsLink />
      <PageHeader
        title={
          <span data-testid="entry-title">
            {form.code} — {form.title[language] || form.title.vi}
          </span>
        }
        description={
          <>
            {view.unit.name} · {view.period.label[language]} · {view.regime.name[language] || view.regime.name.vi}
          </>
        }
        extra={
          <Flex gap={8} wrap align="center">
            {submission ? <StateTag state={submission.state} /> : <StateTag state="draft" started={false} />}
            {isNil && submission?.currentRevision?.isNil ? <Tag color="purple">{t('reports.nilTag')}</Tag> : null}
            {view.locked ? (
              <Tag icon={<LockOutlined />} color="red">
                {t('reports.locked')}
              </Tag>
            ) : null}
            {readOnly ? <Tag>{t('reports.readOnly')}</Tag> : null}
          </Flex>
        }
      />

      <PeriodLockedAlert view={view} />
      {submission?.state === 'returned' ? <ReturnedAlert revision={revision} /> : null}
      {approver && !reviewer && submission?.currentRevision && view.reviewer ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(view.reviewer.withRecipients ? 'reports.directReviewerTop' : 'reports.directReviewer', {
            unit: view.reviewer.unit.name,
          })}
          data-testid="reviewed-by"
        />
      ) : null}
      {result ? <SubmitResultAlert result={result} onClose={sending.dismissResult} /> : null}
      {draft.restored ? (
        <Alert
          type="info"
          showIcon
          icon={<CloudSyncOutlined />}
          closable={{ onClose: draft.dismissRestored }}
          style={{ marginBottom: 16 }}
          title={t('reports.restored')}
          data-testid="restored-alert"
        />
      ) : null}
      {draft.status === 'error' && draft.error ? (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert
            error={draft.error}
            title={t('reports.saveFailed')}
            action={
              <Button size="small" onClick={draft.retry}>
                {t('common.retry')}
              </Button>
            }
          />
        </div>
      ) : null}

      <ReportFacts view={view} />
      {revision && (submission?.state === 'submitted' || submission?.state === 'accepted') ? (
        <Suspense fallback={null}>
          <RevisionSignatureCard revisionId={revision.id} unitName={view.unit.name} canSign={canSign} />
        </Suspense>
      ) : null}

      {/* The form and, from 1200 px (antd's xl) unless the form is wide, its checks beside it (17 : 7). */}
      <div className={wide ? 'report-columns report-columns-stacked' : 'report-columns'}>
        <div>
          <SmallCard
            title={t('reports.formCard')}
            extra={
              editable ? (
                <Text type="secondary" style={{ fontSize: 12 }}>
                  {t('reports.keyboardHint')}
                </Text>
              ) : null
            }
          >
            {form.instructions ? (
              <Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                {form.instructions[language] || form.instructions.vi}
              </Paragraph>
            ) : null}
            <ExcelActions
              reportKey={reportKey}
              form={form}
              versionId={view.form.versionId}
              disabled={readOnly || !!draft.conflict}
              canSubmit={canSubmit}
              submitBlocked={windowRefuses ? t(`reports.windowRefuses.${windowRefuses}`) : null}
              beforeUpload={sending.beforeUpload}
              onUploaded={sending.uploaded}
              onFailed={sending.uploadFailed}
            />
            <ReportGrid
              ref={grid}
              form={form}
              values={shown}
              comments={comments}
              issues={cellIssues}
              readOnly={readOnly || sending.importing}
              onChange={draft.setValues}
              onCommentChange={draft.setComment}
              data-testid="entry-grid"
            />
          </SmallCard>
        </div>
        <div>
          <div style={{ position: 'sticky', top: 76 }}>
            <QualityFlagsCard form={form} flags={revision?.qualityFlags ?? []} />
            <IssuesPanel issues={issues} onFocus={(cell) => grid.current?.focusCell(cell)} />
          </div>
        </div>
      </div>

      <Flex className="report-actionbar" justify="space-between" align="center" gap={12} wrap>
        <SaveState status={readOnly ? null : draft.status} savedAt={draft.savedAt} onRetry={draft.retry} />
        <Flex gap={8} wrap align="center">
          {reviewer && submission ? (
            <Suspense fallback={null}>
              <ReviewActions
                submissionId={submission.id}
                unitName={view.unit.name}
                canAccept={view.actions.includes('accept')}
                canReturn={view.actions.includes('return')}
                onDone={refetch}
              />
            </Suspense>
          ) : null}
          {canSubmit ? (
            <>
              <Tooltip title={windowRefuses ? t(`reports.windowRefuses.${windowRefuses}`) : undefined}>
                <Button
                  icon={<FileDoneOutlined />}
                  disabled={!!windowRefuses || !!draft.conflict || submitting !== null}
                  loading={submitting === 'nil'}
                  onClick={sending.submitNil}
                  data-testid="submit-nil"
                >
                  {t('reports.submitNil')}
                </Button>
              </Tooltip>
              <Tooltip title={windowRefuses ? t(`reports.windowRefuses.${windowRefuses}`) : undefined}>
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  disabled={!!windowRefuses || !!draft.conflict || submitting !== null}
                  loading={submitting === 'data'}
                  onClick={() => void sending.submit()}
                  data-testid="submit-report"
                >
                  {submission?.currentRevision ? t('reports.resubmit') : t('reports.submit')}
                </Button>
              </Tooltip>
            </>
          ) : null}
          {!canSubmit && !reviewer ? (
            <Button onClick={() => void navigate('/reports')}>{t('reports.backToList')}</Button>
          ) : null}
        </Flex>
      </Flex>

      {draft.conflict ? (
        <Suspense fallback={null}>
          <ConflictModal form={form} conflict={draft.conflict} onResolve={draft.resolveConflict} />
        </Suspense>
      ) : null}
    </>
  );
}
