import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  CloudSyncOutlined,
  DisconnectOutlined,
  ExclamationCircleOutlined,
  FileDoneOutlined,
  LoadingOutlined,
  LockOutlined,
  SendOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { type CellValues, computeFields, type FormDefinition } from '@baocao/domain';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Result, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { FullPageSpin } from '../../components/full-page-spin';
import { PageHeader } from '../../components/page-header';
import { ReasonModal } from '../../components/reason-modal';
import { buildGridLayout } from '../../components/report-grid/grid-layout';
import { ReportGrid, type ReportGridHandle } from '../../components/report-grid/report-grid';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { UnlockRequestDetails, UnlockStatusTag } from '../../reporting/period-lock-control';
import { requestUnlock } from '../../reporting/period-locks.api';
import { consolidationQueryKey, reportsQueryKey } from '../../reporting/query-keys';
import {
  DueCountdown,
  formatClock,
  formatDueTime,
  formatDuration,
  LatenessTag,
  languageOf,
  ReviewStateTag,
  StateTag,
  useChannelLabel,
  useNow,
  WindowTag,
  windowStateAt,
} from '../../reporting/report-labels';
import {
  consolidationPath,
  type DraftConflict,
  type ReportKey,
  type ReportViewData,
  reportKeyFrom,
  type SubmitResult,
  submitReport,
  type UploadResult,
  useReport,
} from '../../reporting/reports.api';
import { ReviewActions } from '../../reporting/review-actions';
import { ConflictModal } from './conflict-modal';
import { sendableComments, sendableValues } from './draft-copies';
import { ExcelActions } from './excel-actions';
import { IssuesPanel, issuesByCell, reportIssues } from './issues-panel';
import { type SaveStatus, useReportDraft } from './use-report-draft';
import './reports.css';

/** /reports/entry?unitId=&formId=&period= — one report, as its officers fill it in. */
export function EntryPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const key = reportKeyFrom(search);
  if (!key) return <Result status="404" title={t('reports.badAddress')} />;
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
        <BackLink />
        <ErrorAlert error={report.error} />
      </>
    );
  const view = report.data;
  if (view.role === 'consolidation') return <Navigate to={consolidationPath(reportKey)} replace />;
  if (!view.form.definition) return <Result status="warning" title={t('reports.badAddress')} />;
  return <ReportEntryForm reportKey={reportKey} view={view} refetch={() => void report.refetch()} />;
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/reports" style={{ display: 'inline-block', marginBottom: 12 }}>
      <ArrowLeftOutlined /> {t('reports.backToList')}
    </Link>
  );
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
  const { modal, message } = App.useApp();
  const notifyError = useErrorNotifier();
  const client = useQueryClient();
  const navigate = useNavigate();
  // Coarse: only whether the window still takes submissions; the countdown ticks in ReportFacts.
  const now = useNow(10_000);
  const grid = useRef<ReportGridHandle>(null);
  const form = view.form.definition as FormDefinition;
  const editable = view.actions.includes('save');
  const draft = useReportDraft({ reportKey, form, view, editable });
  const [includeMissing, setIncludeMissing] = useState(false);
  const [submitting, setSubmitting] = useState<'data' | 'nil' | null>(null);
  const [result, setResult] = useState<SubmitResult | null>(null);
  const [importing, setImporting] = useState(false);
  const { values, comments, isNil } = draft.snapshot;

  const shown = useMemo<CellValues>(() => computeFields(form, values), [form, values]);
  const issues = useMemo(
    () =>
      reportIssues(form, values, comments, {
        isNil,
        includeMissing,
        language,
        ruleLabel: (code) => t('reports.issues.rule', { code }),
      }),
    [form, values, comments, isNil, includeMissing, language, t],
  );
  const cellIssues = useMemo(() => issuesByCell(issues), [issues]);
  const wide = useMemo(() => buildGridLayout(form).sections.some((s) => s.columns.length > 3), [form]);

  const submission = view.submission;
  const revision = submission?.currentRevision ?? null;
  const windowState = view.schedule ? windowStateAt(view.schedule, now) : null;
  const windowRefuses =
    windowState === 'not_open' || (windowState === 'closed' && !view.allowLateSubmission) ? windowState : null;
  const canSubmit = view.actions.includes('submit');

  const afterSubmit = (sent: SubmitResult) => {
    setResult(sent);
    void client.invalidateQueries({ queryKey: reportsQueryKey });
    void client.invalidateQueries({ queryKey: consolidationQueryKey });
    refetch();
  };

  const submitError = (error: unknown) => {
    if (isApiError(error) && error.status === 409 && error.code === 'CONFLICT')
      draft.conflictFromSubmit(error.details as DraftConflict);
    else {
      if (isApiError(error) && error.code === 'VALIDATION_FAILED') setIncludeMissing(true);
      notifyError(error, t('reports.submitFailed'));
    }
  };

  const submit = async () => {
    setIncludeMissing(true);
    const all = reportIssues(form, values, comments, {
      isNil: false,
      includeMissing: true,
      language,
      ruleLabel: (code) => t('reports.issues.rule', { code }),
    });
    const errors = all.filter((i) => i.severity === 'error');
    if (errors.length > 0) {
      void message.error(t('reports.fixErrorsFirst', { count: errors.length }));
      const first = errors.find((i) => i.cell);
      if (first?.cell) grid.current?.focusCell(first.cell);
      return;
    }
    setSubmitting('data');
    try {
      const baseVersion = await draft.settle();
      const seq = draft.editSeq();
      const sent = draft.snapshot;
      const answer = await submitReport(reportKey, {
        values: sendableValues(form, sent.values),
        comments: sendableComments(sent.comments),
        isNil: false,
        baseVersion,
      });
      draft.submitted(sent, seq);
      afterSubmit(answer);
    } catch (error) {
      submitError(error);
    } finally {
      setSubmitting(null);
    }
  };

  const submitNil = () => {
    modal.confirm({
      title: t('reports.nilConfirmTitle'),
      content: t('reports.nilConfirm'),
      okText: t('reports.nilConfirmOk'),
      cancelText: t('common.cancel'),
      icon: <ExclamationCircleOutlined />,
      onOk: async () => {
        setSubmitting('nil');
        try {
          const baseVersion = await draft.settle();
          const seq = draft.editSeq();
          const sent = { values: {}, comments: {}, isNil: true };
          const answer = await submitReport(reportKey, { values: {}, comments: {}, isNil: true, baseVersion });
          draft.submitted(sent, seq);
          afterSubmit(answer);
        } catch (error) {
          submitError(error);
        } finally {
          setSubmitting(null);
        }
      },
    });
  };

  // An Excel upload replaces the server's draft: settle saves first, then take the server's copy.
  const beforeUpload = async () => {
    setImporting(true);
    await draft.settle();
  };
  const uploaded = async (answer: UploadResult) => {
    draft.takeServerCopy();
    if (answer.submitted) {
      setResult(answer.submitted);
      void client.invalidateQueries({ queryKey: consolidationQueryKey });
    }
    // Refetches this report too; the page then shows the uploaded draft.
    await client.invalidateQueries({ queryKey: reportsQueryKey });
    setImporting(false);
  };
  const uploadFailed = () => {
    setImporting(false);
    draft.retry();
  };

  const reviewer = view.actions.includes('accept') || view.actions.includes('return');
  const readOnly = !editable;

  return (
    <>
      <BackLink />
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
          <Space wrap>
            {submission ? <StateTag state={submission.state} /> : <StateTag state="draft" started={false} />}
            {isNil && submission?.currentRevision?.isNil ? <Tag color="purple">{t('reports.nilTag')}</Tag> : null}
            {view.locked ? (
              <Tag icon={<LockOutlined />} color="red">
                {t('reports.locked')}
              </Tag>
            ) : null}
            {readOnly ? <Tag>{t('reports.readOnly')}</Tag> : null}
          </Space>
        }
      />

      {view.lock ? (
        <Alert
          type="warning"
          showIcon
          icon={<LockOutlined />}
          style={{ marginBottom: 16 }}
          title={t('reports.lockedTitle')}
          data-testid="period-locked-alert"
          description={
            <>
              {view.lock.reason ? <div data-testid="period-lock-reason-text">{view.lock.reason}</div> : null}
              <Typography.Text type="secondary">
                {t('reports.lockedBy', { name: view.lock.lockedByName, time: formatDueTime(view.lock.lockedAt) })}
              </Typography.Text>
              <UnlockRequestSection view={view} />
            </>
          }
        />
      ) : null}
      {submission?.state === 'returned' ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('reports.returnedTitle')}
          description={
            <>
              <div data-testid="return-reason-text">{revision?.reviewReason}</div>
              {revision?.reviewedByName ? (
                <Typography.Text type="secondary">
                  {t('reports.reviewedBy', {
                    name: revision.reviewedByName,
                    time: formatDueTime(revision.reviewedAt),
                  })}
                </Typography.Text>
              ) : null}
            </>
          }
        />
      ) : null}
      {result ? (
        <Alert
          type={result.onTime ? 'success' : 'warning'}
          showIcon
          closable={{ onClose: () => setResult(null) }}
          style={{ marginBottom: 16 }}
          title={t(result.onTime ? 'reports.sentOnTime' : 'reports.sentLate', {
            time: formatDueTime(result.submittedAt),
            number: result.revisionNumber,
            late: formatDuration(result.minutesLate * 60_000, language, false),
          })}
          description={
            result.warnings.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {result.warnings.map((w) => (
                  <li key={`${w.target}:${w.code}`}>{w.message[language] || w.message.vi}</li>
                ))}
              </ul>
            ) : undefined
          }
          data-testid="submit-result"
        />
      ) : null}
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

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={wide ? 24 : 17}>
          <Card
            size="small"
            title={t('reports.formCard')}
            extra={
              editable ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('reports.keyboardHint')}
                </Typography.Text>
              ) : null
            }
          >
            {form.instructions ? (
              <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                {form.instructions[language] || form.instructions.vi}
              </Typography.Paragraph>
            ) : null}
            <ExcelActions
              reportKey={reportKey}
              form={form}
              versionId={view.form.versionId}
              disabled={readOnly || !!draft.conflict}
              canSubmit={canSubmit}
              submitBlocked={windowRefuses ? t(`reports.windowRefuses.${windowRefuses}`) : null}
              beforeUpload={beforeUpload}
              onUploaded={uploaded}
              onFailed={uploadFailed}
            />
            <ReportGrid
              ref={grid}
              form={form}
              values={shown}
              comments={comments}
              issues={cellIssues}
              readOnly={readOnly || importing}
              onChange={draft.setValues}
              onCommentChange={draft.setComment}
              data-testid="entry-grid"
            />
          </Card>
        </Col>
        <Col xs={24} xl={wide ? 24 : 7}>
          <div style={{ position: 'sticky', top: 76 }}>
            <IssuesPanel issues={issues} onFocus={(cell) => grid.current?.focusCell(cell)} />
          </div>
        </Col>
      </Row>

      <Flex className="report-actionbar" justify="space-between" align="center" gap={12} wrap>
        <SaveState status={readOnly ? null : draft.status} savedAt={draft.savedAt} onRetry={draft.retry} />
        <Space wrap>
          {reviewer && submission ? (
            <ReviewActions
              submissionId={submission.id}
              unitName={view.unit.name}
              canAccept={view.actions.includes('accept')}
              canReturn={view.actions.includes('return')}
              onDone={refetch}
            />
          ) : null}
          {canSubmit ? (
            <>
              <Tooltip title={windowRefuses ? t(`reports.windowRefuses.${windowRefuses}`) : undefined}>
                <Button
                  icon={<FileDoneOutlined />}
                  disabled={!!windowRefuses || !!draft.conflict || submitting !== null}
                  loading={submitting === 'nil'}
                  onClick={submitNil}
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
                  onClick={() => void submit()}
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
        </Space>
      </Flex>

      <ConflictModal form={form} conflict={draft.conflict} onResolve={draft.resolveConflict} />
    </>
  );
}

function SaveState({
  status,
  savedAt,
  onRetry,
}: {
  status: SaveStatus | null;
  savedAt: number | null;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  let content: ReactNode;
  switch (status) {
    case null:
      content = (
        <Typography.Text type="secondary">
          <LockOutlined /> {t('reports.save.readOnly')}
        </Typography.Text>
      );
      break;
    case 'saving':
      content = (
        <Typography.Text type="secondary">
          <LoadingOutlined /> {t('reports.save.saving')}
        </Typography.Text>
      );
      break;
    case 'dirty':
      content = <Typography.Text type="secondary">{t('reports.save.dirty')}</Typography.Text>;
      break;
    case 'offline':
      content = (
        <Typography.Text type="danger">
          <DisconnectOutlined /> {t('reports.save.offline')}{' '}
          <Button type="link" size="small" onClick={onRetry} style={{ padding: 0 }}>
            {t('common.retry')}
          </Button>
        </Typography.Text>
      );
      break;
    case 'conflict':
      content = <Typography.Text type="warning">{t('reports.save.conflict')}</Typography.Text>;
      break;
    case 'error':
      content = <Typography.Text type="danger">{t('reports.save.error')}</Typography.Text>;
      break;
    default:
      content = savedAt ? (
        <Typography.Text style={{ color: '#3f9142' }}>
          <CheckCircleOutlined /> {t('reports.save.savedAt', { time: formatClock(savedAt) })}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">{t('reports.save.nothingYet')}</Typography.Text>
      );
  }
  return <span data-testid="save-status">{content}</span>;
}

/** Schedule, window, current revision and review of the report. */
function ReportFacts({ view }: { view: ReportViewData }) {
  const { t } = useTranslation();
  const now = useNow();
  const channelLabel = useChannelLabel();
  const submission = view.submission;
  const revision = submission?.currentRevision ?? null;
  const sent = submission?.state === 'submitted' || submission?.state === 'accepted';
  const window = view.schedule ? windowStateAt(view.schedule, now) : null;
  return (
    <Card size="small" className="report-facts" data-testid="report-facts">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          {
            key: 'schedule',
            label: t('reports.facts.schedule'),
            children: view.schedule ? (
              <span>
                {t('reports.facts.opens')} {formatDueTime(view.schedule.opensAt)} · {t('reports.facts.due')}{' '}
                <Typography.Text strong>{formatDueTime(view.schedule.dueAt)}</Typography.Text> ·{' '}
                {t('reports.facts.closes')} {formatDueTime(view.schedule.closesAt)}
              </span>
            ) : (
              t('reports.facts.noSchedule')
            ),
            span: 2,
          },
          {
            key: 'window',
            label: t('reports.facts.window'),
            children:
              view.schedule && window ? (
                <Space size={8} wrap>
                  <WindowTag state={window} />
                  {sent ? null : <DueCountdown schedule={view.schedule} now={now} />}
                  {window === 'closed' && view.allowLateSubmission ? (
                    <Typography.Text type="secondary">{t('reports.lateAllowed')}</Typography.Text>
                  ) : null}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            key: 'revision',
            label: t('reports.facts.revision'),
            span: 2,
            children: revision ? (
              <Space size={6} wrap data-testid="current-revision">
                <span>{t('reports.facts.revisionNumber', { number: revision.number })}</span>·
                <span>{revision.submittedByName}</span>·<span>{formatDueTime(revision.submittedAt)}</span>·
                <span>{channelLabel(revision.channel)}</span>
                <LatenessTag minutesLate={revision.minutesLate} />
                {revision.isNil ? <Tag color="purple">{t('reports.nilTag')}</Tag> : null}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('reports.facts.notSent')}</Typography.Text>
            ),
          },
          {
            key: 'review',
            label: t('reports.facts.review'),
            children: revision ? (
              <Space size={6} wrap>
                <ReviewStateTag state={revision.reviewState} />
                {revision.reviewedByName ? (
                  <Typography.Text type="secondary">
                    {revision.reviewedByName}, {formatDueTime(revision.reviewedAt)}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">{t('reports.facts.awaitingReview')}</Typography.Text>
                )}
              </Space>
            ) : (
              '—'
            ),
          },
        ]}
      />
    </Card>
  );
}

/** The unit's request to unlock the period: its state, or the button to ask (again, after a refusal). */
function UnlockRequestSection({ view }: { view: ReportViewData }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [asking, setAsking] = useState(false);
  const request = view.unlockRequest;
  const pending = request?.status === 'pending';
  return (
    <div style={{ marginTop: 8 }} data-testid="unlock-request-section">
      {request ? (
        <div style={{ marginBottom: 8 }}>
          <Space wrap>
            <Typography.Text strong>{t('consolidation.unlock.requests')}</Typography.Text>
            <UnlockStatusTag status={request.status} />
          </Space>
          <UnlockRequestDetails request={request} />
        </div>
      ) : null}
      {view.canRequestUnlock && !pending ? (
        <Button size="small" icon={<UnlockOutlined />} onClick={() => setAsking(true)} data-testid="request-unlock">
          {t('reports.requestUnlock')}
        </Button>
      ) : null}
      {asking ? (
        <ReasonModal
          title={t('reports.requestUnlock')}
          hint={t('reports.requestUnlockHint')}
          okText={t('reports.requestUnlockOk')}
          testId="request-unlock"
          onSubmit={async (reason) => {
            await requestUnlock({ regimeId: view.regime.id, period: view.period.id, unitId: view.unit.id, reason });
            void message.success(t('reports.requestUnlockSent'));
            void client.invalidateQueries({ queryKey: reportsQueryKey });
          }}
          onClose={() => setAsking(false)}
        />
      ) : null}
    </div>
  );
}
