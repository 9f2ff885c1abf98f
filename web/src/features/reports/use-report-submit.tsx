import { ExclamationCircleOutlined } from '@ant-design/icons';
import type { FormDefinition } from '@baocao/domain';
import { useQueryClient } from '@tanstack/react-query';
import { type RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import type { ReportGridHandle } from '../../components/report-grid/report-grid';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { useFeedback } from '../../components/use-feedback';
import { consolidationQueryKey, reportsQueryKey } from '../../reporting/query-keys';
import { languageOf } from '../../reporting/report-labels';
import {
  type DraftConflict,
  type ReportKey,
  type SubmitResult,
  submitReport,
  type UploadResult,
} from '../../reporting/reports.api';
import { sendableComments, sendableValues } from './draft-copies';
import { reportIssues } from './issues-panel';
import type { useReportDraft } from './use-report-draft';

/**
 * Sending the report from the entry page, with its figures (checked in full first, missing cells
 * included, the first error focused) or as "nothing to report"; each waits for the pending draft
 * save. An Excel upload replaces the server's draft, so it settles the draft first too.
 */
export function useReportSubmit({
  reportKey,
  form,
  draft,
  grid,
  refetch,
}: {
  reportKey: ReportKey;
  form: FormDefinition;
  draft: ReturnType<typeof useReportDraft>;
  grid: RefObject<ReportGridHandle | null>;
  refetch: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const { modal, message } = useFeedback();
  const notifyError = useErrorNotifier();
  const client = useQueryClient();
  const [includeMissing, setIncludeMissing] = useState(false);
  const [submitting, setSubmitting] = useState<'data' | 'nil' | null>(null);
  const [result, setResult] = useState<SubmitResult | null>(null);
  const [importing, setImporting] = useState(false);
  const { values, comments } = draft.snapshot;

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
      // An unconfirmed outlier: take the officer to the first such cell, to comment on it.
      if (isApiError(error) && error.code === 'OUTLIER_UNCONFIRMED' && error.field)
        grid.current?.focusCell(error.field);
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

  return {
    /** Whether the checks list required cells left blank (after a first submit attempt). */
    includeMissing,
    submitting,
    result,
    dismissResult: () => setResult(null),
    importing,
    submit,
    submitNil,
    beforeUpload,
    uploaded,
    uploadFailed,
  };
}
