import { DomainError, type Language, type MessageRef } from '@baocao/domain';
import type { Db } from '../../db/database';
import type { RequestContext } from '../../http/context';
import type { ReportCatalog } from '../../reporting/report-context';
import type { ReportKey } from '../../reporting/report-key';
import { readTemplateUpload } from '../forms/template-reader';
import { saveDraft, submitReport } from './submissions.service';

/**
 * A filled Excel template becomes the report's draft (or, with `submit`, a
 * submission through the Excel channel). The template must be the one made for
 * this form's current version, unit and period; unreadable cells are reported
 * one by one and nothing is saved.
 */
export async function uploadReport(
  db: Db,
  reports: ReportCatalog,
  context: RequestContext,
  key: ReportKey,
  file: Buffer,
  options: { submit: boolean; idempotencyKey: string | null; now: () => number; language: Language },
) {
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
  const values = Object.fromEntries(Object.entries(upload.values).filter(([, v]) => v !== null));
  if (options.submit)
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
  const current = await db
    .selectFrom('submissions')
    .select('draftVersion')
    .where('formId', '=', key.formId)
    .where('unitId', '=', key.unitId)
    .where('periodId', '=', key.periodId)
    .executeTakeFirst();
  const draft = await saveDraft(db, reports, context, key, { values, baseVersion: current?.draftVersion ?? 0 });
  return { draft, cells: Object.keys(values).length };
}
