import { type CellValues, DomainError, type MessageRef } from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import type { ReportCatalog } from '../../reporting/report-context';
import type { ReportKey } from '../../reporting/report-key';
import { readTemplateUpload } from '../templates/template-reader';
import { findDraftVersion } from './submissions.queries';
import { saveDraft, submitReport } from './submissions.service';

/**
 * The values of a filled Excel template. The template must be the one made for
 * this form's current version, unit and period; unreadable cells are reported
 * one by one and nothing is saved.
 */
async function uploadedValues(db: Db | Tx, reports: ReportCatalog, key: ReportKey, file: Buffer): Promise<CellValues> {
  const upload = await readTemplateUpload(file);
  const form = await reports.form(db, key.formId);
  const mismatch = (why: MessageRef) =>
    new DomainError('VALIDATION_FAILED', {
      field: 'file',
      ...why,
      details: {
        template: {
          formId: upload.formId,
          formVersionId: upload.formVersionId,
          unitId: upload.unitId,
          periodId: upload.periodId,
        },
      },
    });
  if (upload.formId !== key.formId)
    throw mismatch({ message: 'TEMPLATE_OF_OTHER_FORM', params: { form: upload.formCode } });
  if (upload.unitId !== key.unitId)
    throw mismatch({ message: 'TEMPLATE_OF_OTHER_UNIT', params: { unit: upload.unitCode } });
  if (upload.periodId !== key.periodId)
    throw mismatch({ message: 'TEMPLATE_OF_OTHER_PERIOD', params: { period: upload.periodId } });
  if (upload.formVersionId !== form.versionId) throw mismatch({ message: 'TEMPLATE_OF_OTHER_VERSION' });
  if (upload.errors.length > 0)
    throw new DomainError('VALIDATION_FAILED', {
      field: upload.errors[0]!.cellKey,
      message: 'TEMPLATE_INVALID_CELLS',
      params: { count: upload.errors.length },
      details: { errors: upload.errors },
    });
  return Object.fromEntries(Object.entries(upload.values).filter(([, v]) => v !== null));
}

/** A filled Excel template becomes the report's draft, in the request's transaction. */
export async function uploadDraft(
  tx: Tx,
  reports: ReportCatalog,
  context: RequestContext,
  key: ReportKey,
  file: Buffer,
) {
  const values = await uploadedValues(tx, reports, key, file);
  const current = await findDraftVersion(tx, key);
  const draft = await saveDraft(tx, reports, context, key, { values, baseVersion: current?.draftVersion ?? 0 });
  return { draft, cells: Object.keys(values).length };
}

/**
 * A filled Excel template is submitted through the Excel channel: a submit, so
 * two statements and no transaction (submissions.service.ts, `submitReport`).
 */
export async function uploadAndSubmit(
  db: Db,
  reports: ReportCatalog,
  context: RequestContext,
  key: ReportKey,
  file: Buffer,
  options: { idempotencyKey: string | null; now: () => number },
) {
  const values = await uploadedValues(db, reports, key, file);
  return {
    submitted: await submitReport(
      db,
      reports,
      context,
      key,
      { values },
      { channel: 'excel', idempotencyKey: options.idempotencyKey, now: options.now },
    ),
    cells: Object.keys(values).length,
  };
}
