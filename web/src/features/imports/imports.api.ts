import type { ImportHistoryItem, ImportJobView, ImportSummaryView } from '@baocao/domain';
import { useQuery } from '@tanstack/react-query';
import { api, download, queryString, sendFile } from '../../api/client';
import { saveBlob } from '../../components/download';

export const importFormats = ['native', 'dhis2-json', 'dhis2-csv', 'adx', 'csv', 'xlsx'] as const;
export type ImportFormat = (typeof importFormats)[number];

export const importHistoryKey = ['imports', 'history'] as const;

/**
 * The format of a file, from its name and its first bytes: XLSX by extension, ADX by
 * its XML, DHIS2 JSON by its `dataValues`, plain CSV by its `form,` header (DHIS2 CSV
 * otherwise). The page lets the user correct it.
 */
export function detectFormat(name: string, head: string): ImportFormat {
  const lower = name.toLowerCase();
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (lower.endsWith('.xlsx') || head.startsWith('PK')) return 'xlsx';
  if (lower.endsWith('.xml') || text.startsWith('<')) return 'adx';
  if (lower.endsWith('.json') || text.startsWith('{') || text.startsWith('['))
    return /"dataValues"\s*:/.test(text) ? 'dhis2-json' : 'native';
  return /^form\s*,/i.test(text) ? 'csv' : 'dhis2-csv';
}

const CONTENT_TYPES: Record<ImportFormat, string> = {
  native: 'application/json',
  'dhis2-json': 'application/json',
  'dhis2-csv': 'text/csv',
  adx: 'application/adx+xml',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export type ImportAnswer = { kind: 'summary'; summary: ImportSummaryView } | { kind: 'queued'; jobId: number };

/** POST /imports: the summary at once (200), or the queued job of a large file (202). */
export async function startImport(
  file: File,
  options: { format: ImportFormat; dryRun: boolean; atomic: boolean; dataSet: string; idempotencyKey: string },
): Promise<ImportAnswer> {
  const query = queryString({
    format: options.format,
    dryRun: options.dryRun,
    atomic: options.atomic,
    dataSet: options.format === 'dhis2-csv' ? options.dataSet.trim() : undefined,
  });
  const answer = await sendFile<ImportSummaryView | { jobId: number }>(
    `/imports${query}`,
    file,
    CONTENT_TYPES[options.format],
    options.dryRun ? {} : { 'Idempotency-Key': options.idempotencyKey },
  );
  return answer.status === 202 && 'jobId' in answer.body
    ? { kind: 'queued', jobId: answer.body.jobId }
    : { kind: 'summary', summary: answer.body as ImportSummaryView };
}

/** GET /imports/:id, polled while the job runs. */
export function useImportJob(jobId: number | null) {
  return useQuery({
    queryKey: ['imports', 'job', jobId],
    enabled: jobId !== null,
    queryFn: ({ signal }) => api<ImportJobView>(`/imports/${jobId}`, { signal }),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'done' || status === 'failed' ? false : 700;
    },
  });
}

/** GET /imports: the newest imports of the users of the caller's units. */
export function useImportHistory() {
  return useQuery({
    queryKey: importHistoryKey,
    queryFn: ({ signal }) => api<ImportHistoryItem[]>('/imports', { signal }),
  });
}

/** Where each format is exported: the same formats the import reads. */
const EXPORT_PATHS: Record<ImportFormat, { path: string; extension: string }> = {
  native: { path: '/exports.json', extension: 'json' },
  'dhis2-json': { path: '/dataValueSets.json', extension: 'json' },
  'dhis2-csv': { path: '/dataValueSets.csv', extension: 'csv' },
  adx: { path: '/dataValueSets.adx', extension: 'xml' },
  csv: { path: '/exports.csv', extension: 'csv' },
  xlsx: { path: '/exports.xlsx', extension: 'xlsx' },
};

/** Reports a downloaded part holds at most (the server's largest page). */
export const EXPORT_PAGE_REPORTS = 5000;

export interface ExportChoice {
  format: ImportFormat;
  /** A form id; none exports every form the user sees. */
  formId: number | null;
  /** The form's code, for the file name. */
  formCode: string | null;
  periodId: string | null;
  unitCode: string | null;
  /** Only reports changed on or after this day (Vietnam time). */
  since: string | null;
}

/**
 * Downloads one part of an export (at most {@link EXPORT_PAGE_REPORTS} reports, from the cursor
 * `after`) and saves it; answers the file name and the next part's cursor (null when done).
 */
export async function downloadExport(
  choice: ExportChoice,
  after: number,
  part: number,
): Promise<{ fileName: string; nextCursor: number | null }> {
  const { path, extension } = EXPORT_PATHS[choice.format];
  const query = queryString({
    dataSet: choice.formId ?? undefined,
    period: choice.periodId,
    orgUnit: choice.unitCode,
    lastUpdated: choice.since ? `${choice.since}T00:00:00+07:00` : undefined,
    limit: EXPORT_PAGE_REPORTS,
    after: after > 0 ? after : undefined,
  });
  const file = await download(`${path}${query}`);
  const next = file.headers.get('x-next-cursor');
  const nextCursor = next === null ? null : Number(next);
  const name = [
    'du-lieu',
    choice.formCode ?? 'tat-ca-bieu',
    choice.periodId,
    choice.unitCode,
    choice.since ? `tu-${choice.since}` : null,
    part > 1 || nextCursor !== null ? `phan-${part}` : null,
  ]
    .filter(Boolean)
    .join('_')
    .replace(/[^A-Za-z0-9._-]+/g, '-');
  const fileName = `${name}.${extension}`;
  saveBlob(fileName, file.blob);
  return { fileName, nextCursor };
}
