import type { ImportHistoryItem, ImportJobView, ImportSummaryView } from '@baocao/domain';
import { useQuery } from '@tanstack/react-query';
import { api, queryString, sendFile } from '../../api/client';

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
