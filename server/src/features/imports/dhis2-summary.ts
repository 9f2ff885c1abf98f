/**
 * An import summary in DHIS2's shape, for the `dataValueSets` route: DHIS2
 * clients read `status`, `importCount {imported, updated, ignored, deleted}` and
 * `conflicts` (object, value, errorCode, indexes: 0-based like DHIS2's).
 */
import type { Dhis2ImportSummary, DomainError, Language } from '@baocao/domain';
import type { ImportConflict, ImportOptions, ImportSummary } from './imports.service';

const ERROR_CODES: Record<ImportConflict['kind'], string> = {
  missing: 'E7600',
  unknown_form: 'E7605',
  period: 'E7622',
  unknown_unit: 'E7612',
  scope: 'E7617',
  unit_not_reporting: 'E7613',
  unknown_cell: 'E7610',
  computed_cell: 'W7641',
  value: 'E7619',
  duplicate: 'E7634',
  locked: 'E7641',
  accepted: 'E7643',
  rule: 'E7631',
};

export function dhis2Summary(summary: ImportSummary, idScheme: string, language: Language): Dhis2ImportSummary {
  const status = summary.status === 'rejected' ? 'ERROR' : summary.conflicts.length > 0 ? 'WARNING' : 'SUCCESS';
  const rejected = new Set<number>();
  for (const c of summary.conflicts) if (c.blocking) for (const r of c.rows) rejected.add(r - 1);
  return {
    responseType: 'ImportSummary',
    status,
    description:
      status === 'ERROR'
        ? language === 'vi'
          ? 'Dữ liệu nhập có lỗi; chưa lưu gì.'
          : 'Import process failed; nothing was saved.'
        : summary.dryRun
          ? 'Import process completed as a dry run; nothing was saved.'
          : 'Import process completed successfully',
    importOptions: {
      dryRun: summary.dryRun,
      atomicMode: summary.atomic ? 'ALL' : 'NONE',
      idScheme: idScheme.toUpperCase(),
    },
    importCount: {
      imported: summary.counts.created,
      updated: summary.counts.updated,
      ignored: summary.counts.unchanged + summary.counts.rejected + summary.counts.ignored,
      deleted: 0,
    },
    conflicts: summary.conflicts.map((c) => ({
      object: c.object,
      value: c.message[language],
      errorCode: ERROR_CODES[c.kind],
      property: c.kind,
      indexes: c.rows.map((r) => r - 1),
    })),
    rejectedIndexes: [...rejected].sort((a, b) => a - b),
  };
}

/** A refusal of the whole file (unreadable, out of scope) as an ERROR summary. */
export function dhis2SummaryOfError(error: DomainError, options: ImportOptions, idScheme: string): Dhis2ImportSummary {
  const details = error.details as { row?: number } | undefined;
  return {
    responseType: 'ImportSummary',
    status: 'ERROR',
    description: error.messageIn('en'),
    importOptions: {
      dryRun: options.dryRun,
      atomicMode: options.atomic ? 'ALL' : 'NONE',
      idScheme: idScheme.toUpperCase(),
    },
    importCount: { imported: 0, updated: 0, ignored: 0, deleted: 0 },
    conflicts: [
      {
        object: error.field ?? 'file',
        value: error.messageIn('en'),
        errorCode: error.code,
        property: error.field ?? 'file',
        indexes: details?.row ? [details.row - 1] : [],
      },
    ],
    rejectedIndexes: details?.row ? [details.row - 1] : [],
  };
}
