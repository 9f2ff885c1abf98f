import type {
  CellValues,
  DraftResultSchema,
  FormDefinition,
  MyReportItem,
  MyReportsView as MyReportsViewSchema,
  ReportView,
  SubmitResultSchema,
  ValueIssue,
} from '@baocao/domain';
import type { Static } from '@sinclair/typebox';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, queryString, upload } from '../api/client';
import { reportsQueryKey } from './query-keys';

// The API's shapes, derived from the shared schemas in @baocao/domain.
export type ReportViewData = Static<typeof ReportView>;
export type MyReportRow = Static<typeof MyReportItem>;
export type SubmitResult = Static<typeof SubmitResultSchema>;
export type DraftResult = Static<typeof DraftResultSchema>;
export type Revision = NonNullable<NonNullable<ReportViewData['submission']>['currentRevision']>;

export type MyReportsView = Static<typeof MyReportsViewSchema>;

/** A report is one unit × form × period. */
export interface ReportKey {
  unitId: number;
  formId: number;
  period: string;
}

/** The `details` of a 409 CONFLICT answer to a stale draft save or submit. */
export interface DraftConflict {
  draftVersion: number;
  values: CellValues;
  comments?: Record<string, string>;
  changed: string[];
  updatedBy?: number | null;
}

/** The `details` of a 422 answer to a submit with errors. */
export interface SubmitProblems {
  issues: ValueIssue[];
}

export function reportQueryKey(key: ReportKey) {
  return [...reportsQueryKey, 'report', key.unitId, key.formId, key.period] as const;
}

export function useMyReports(params: { date?: string | undefined; unitId?: number | undefined }) {
  return useQuery({
    queryKey: [...reportsQueryKey, 'mine', params],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => api<MyReportsView>(`/my-reports${queryString(params)}`, { signal }),
  });
}

export function useReport(key: ReportKey | null) {
  return useQuery({
    queryKey: key ? reportQueryKey(key) : [...reportsQueryKey, 'report', 'none'],
    enabled: key !== null,
    staleTime: 0,
    queryFn: ({ signal }) =>
      api<ReportViewData>(`/reports${queryString({ unitId: key!.unitId, formId: key!.formId, period: key!.period })}`, {
        signal,
      }),
  });
}

export function formOf(view: { form: { definition: unknown } }): FormDefinition {
  return view.form.definition as FormDefinition;
}

/** A fresh Idempotency-Key: one per click, so a retried request is answered once. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID exists only on secure origins; intranet deployments may serve plain HTTP.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function submitReport(
  key: ReportKey,
  body: { values?: CellValues; comments?: Record<string, string>; isNil?: boolean; baseVersion?: number },
) {
  return api<SubmitResult>('/reports/submit', {
    method: 'POST',
    body: { unitId: key.unitId, formId: key.formId, period: key.period, ...body },
    headers: { 'Idempotency-Key': newIdempotencyKey() },
  });
}

export function saveDraft(
  key: ReportKey,
  body: { values: CellValues; comments: Record<string, string>; isNil: boolean; baseVersion: number },
) {
  return api<DraftResult>('/reports/draft', {
    method: 'PUT',
    body: { unitId: key.unitId, formId: key.formId, period: key.period, ...body },
  });
}

export function reviewSubmission(submissionId: number, action: 'accept' | 'return', reason?: string) {
  return api<{ submissionId: number; state: string }>(`/submissions/${submissionId}/review`, {
    method: 'POST',
    body: reason ? { action, reason } : { action },
  });
}

/** The answer to an Excel upload: how many cells it held, and the new draft or the submission. */
export interface UploadResult {
  cells: number;
  draft?: DraftResult;
  submitted?: SubmitResult;
}

/** One unreadable cell of an uploaded template (the `details.errors` of a 400 answer). */
export interface TemplateCellError {
  cellKey: string;
  address: string;
  message: { vi: string; en: string };
}

/** Uploads a filled Excel template of the report: it becomes the draft, or is submitted with `submit`. */
export function uploadReport(key: ReportKey, file: File, submit: boolean) {
  const query = queryString({
    unitId: key.unitId,
    formId: key.formId,
    period: key.period,
    submit: submit || undefined,
  });
  return upload<UploadResult>(`/reports/upload${query}`, file);
}

/** The address of a report's entry page. */
export function entryPath(key: ReportKey): string {
  return `/reports/entry${queryString({ unitId: key.unitId, formId: key.formId, period: key.period })}`;
}

/** The address of a consolidating unit's page for a form and period. */
export function consolidationPath(key: ReportKey): string {
  return `/consolidation${queryString({ unitId: key.unitId, formId: key.formId, period: key.period })}`;
}

/** Reads unitId, formId and period from the page address. */
export function reportKeyFrom(search: URLSearchParams): ReportKey | null {
  const unitId = Number(search.get('unitId'));
  const formId = Number(search.get('formId'));
  const period = search.get('period') ?? '';
  if (!Number.isInteger(unitId) || unitId <= 0 || !Number.isInteger(formId) || formId <= 0 || !period) return null;
  return { unitId, formId, period };
}
