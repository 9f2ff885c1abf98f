import { DomainError, type FormCreate, type FormDefinition, normalizeText } from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { canManageRegimes, iso } from '../../reporting/catalogue';
import { recordAudit } from '../audit/audit.service';
import { findVersionsOfForms, lockRegime } from '../regimes/regimes.queries';
import { findForm, findFormCodes, findFormOrder, insertForm, insertFormVersion, setFormOrder } from './forms.queries';

export async function formDetail(db: Db, context: RequestContext, id: number) {
  const form = await findForm(db, id);
  if (!form || (form.regimeStatus === 'draft' && !canManageRegimes(context))) throw new DomainError('NOT_FOUND');
  const manage = canManageRegimes(context);
  const versions = (await findVersionsOfForms(db, [id])).filter((v) => manage || v.status !== 'draft');
  return {
    id: form.id,
    code: form.code,
    sortOrder: form.sortOrder,
    regimeId: form.regimeId,
    regimeCode: form.regimeCode,
    regimeName: form.regimeName,
    versions: versions.map((v) => ({
      id: v.id,
      number: v.number,
      status: v.status,
      title: v.title,
      publishedAt: iso(v.publishedAt),
      publishedByName: v.publishedByName,
      createdAt: iso(v.createdAt)!,
      updatedAt: iso(v.updatedAt)!,
    })),
  };
}

/** A new form's first draft when no definition is given: one empty list section. */
function emptyDefinition(code: string, title: FormDefinition['title'], entryUnitKinds: string[]): FormDefinition {
  return {
    code,
    title,
    entryUnitKinds,
    sections: [{ code: 'chung', title: { vi: 'Chỉ tiêu', en: 'Fields' }, layout: 'list', fields: [] }],
    optionSets: [],
    rules: [],
  };
}

/** Adds a form to a regime, with a first draft version (number 1). */
export async function createForm(
  tx: Tx,
  context: RequestContext,
  regimeId: number,
  input: FormCreate,
): Promise<{ formId: number; versionId: number }> {
  if (input.definition && input.definition.code !== input.code) {
    throw new DomainError('FORM_DEFINITION_INVALID', {
      field: 'definition.code',
      message: 'FORM_CODE_MISMATCH',
      params: { given: input.definition.code, expected: input.code },
    });
  }
  const regime = await lockRegime(tx, regimeId);
  if (!regime) throw new DomainError('NOT_FOUND');
  if (regime.status === 'retired') {
    throw new DomainError('INVALID_STATE', { message: 'REGIME_RETIRED_NO_NEW_FORM' });
  }
  const existing = await findFormCodes(tx, regimeId);
  if (existing.some((f) => f.code === input.code)) throw new DomainError('ALREADY_EXISTS', { field: 'code' });
  const title = { vi: normalizeText(input.title.vi), en: normalizeText(input.title.en) };
  const definition = input.definition ?? emptyDefinition(input.code, title, []);
  const form = await insertForm(tx, { regimeId, code: input.code, sortOrder: (existing[0]?.maxOrder ?? 0) + 1 });
  const version = await insertFormVersion(tx, { formId: form.id, number: 1, definition });
  await recordAudit(tx, context, [
    {
      action: 'form.create',
      objectType: 'form',
      objectId: form.id,
      unitId: null,
      after: { regimeId, code: input.code, title, firstVersionId: version.id },
    },
  ]);
  return { formId: form.id, versionId: version.id };
}

/** Puts a regime's forms in the given order; the list must name every form of the regime once. */
export async function reorderForms(tx: Tx, context: RequestContext, regimeId: number, formIds: number[]) {
  const regime = await lockRegime(tx, regimeId);
  if (!regime) throw new DomainError('NOT_FOUND');
  const forms = await findFormOrder(tx, regimeId);
  const known = new Set(forms.map((f) => f.id));
  if (formIds.length !== forms.length || formIds.some((id) => !known.has(id))) {
    throw new DomainError('VALIDATION_FAILED', {
      field: 'formIds',
      message: 'FORM_ORDER_INCOMPLETE',
      details: { formIds: forms.map((f) => f.id) },
    });
  }
  for (const [index, id] of formIds.entries()) await setFormOrder(tx, id, index + 1);
  await recordAudit(tx, context, [
    {
      action: 'regime.reorder_forms',
      objectType: 'regime',
      objectId: regimeId,
      unitId: null,
      before: { formIds: forms.map((f) => f.id) },
      after: { formIds },
    },
  ]);
}
