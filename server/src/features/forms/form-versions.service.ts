import {
  checkFormDefinition,
  DomainError,
  diffFormDefinitions,
  type FormDefinition,
  type FormProblem,
  type FormVersionUpdate,
  formCellKeys,
  formFields,
  localize,
} from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { assertCanView } from '../../http/scope';
import { canManageRegimes, iso } from '../../reporting/catalogue';
import { recordAudit } from '../audit/audit.service';
import { regimePeriod } from '../calendar/calendar.service';
import { findRegime, findUnitKindCodes } from '../regimes/regimes.queries';
import { buildFormTemplate } from '../templates/template-writer';
import {
  deleteFormVersion,
  findFormVersion,
  findPreviousPublished,
  findSiblingDefinitions,
  findTemplateUnit,
  findVersionsOfForm,
  hasOtherVersion,
  insertFormVersion,
  lockForm,
  lockFormVersion,
  publishFormVersion,
  setDraftDefinition,
  supersedePublished,
} from './forms.queries';

type Reader = Db | Tx;
type VersionRow = NonNullable<Awaited<ReturnType<typeof findFormVersion>>>;

/** A version the caller may see: drafts only for those who manage regimes. */
async function visibleVersion(db: Reader, context: RequestContext, id: number): Promise<VersionRow> {
  const version = await findFormVersion(db, id);
  const manage = canManageRegimes(context);
  if (!version || (!manage && (version.status === 'draft' || version.regimeStatus === 'draft')))
    throw new DomainError('NOT_FOUND');
  return version;
}

function detail(version: VersionRow) {
  return {
    id: version.id,
    formId: version.formId,
    formCode: version.formCode,
    regimeId: version.regimeId,
    regimeCode: version.regimeCode,
    number: version.number,
    status: version.status,
    definition: version.definition,
    cellKeys: formCellKeys(version.definition),
    publishedAt: iso(version.publishedAt),
    publishedBy: version.publishedBy === null ? null : { id: version.publishedBy, name: version.publishedByName ?? '' },
    createdAt: iso(version.createdAt)!,
    updatedAt: iso(version.updatedAt)!,
  };
}

export async function versionDetail(db: Reader, context: RequestContext, id: number) {
  return detail(await visibleVersion(db, context, id));
}

/** The refusal for any change to a published (or superseded) version. */
function publishedError(version: { number: number; status: string }): DomainError {
  return new DomainError('VERSION_PUBLISHED', {
    message: version.status === 'published' ? 'VERSION_PUBLISHED_IMMUTABLE' : 'VERSION_SUPERSEDED_IMMUTABLE',
    params: { number: version.number },
    details: { status: version.status },
  });
}

/**
 * Every problem of a definition in its regime: the pure checks (with the regime's other forms
 * for cross-form references) plus entry unit kinds that do not exist.
 */
export async function definitionProblems(
  db: Reader,
  version: { formId: number; formCode: string; regimeId: number },
  definition: unknown,
): Promise<FormProblem[]> {
  const siblings = await findSiblingDefinitions(db, version.regimeId, version.formId);
  const otherForms = new Map(
    siblings.map((s) => {
      const sets = new Map((s.definition.optionSets ?? []).map((o) => [o.code, new Set(o.options.map((x) => x.code))]));
      const fields = new Map(
        formFields(s.definition).map((f) => [
          f.code,
          f.disaggregation ? (sets.get(f.disaggregation) ?? new Set<string>()) : new Set<string>(),
        ]),
      );
      return [s.code, fields] as const;
    }),
  );
  const problems = checkFormDefinition(definition, { otherForms, formCode: version.formCode });
  if (problems.some((p) => p.code === 'SCHEMA')) return problems;
  const kinds = await findUnitKindCodes(db);
  (definition as FormDefinition).entryUnitKinds.forEach((kind, index) => {
    if (!kinds.has(kind)) {
      problems.unshift({
        code: 'SCHEMA',
        severity: 'error',
        path: `entryUnitKinds.${index}`,
        subject: kind,
        message: localize('UNKNOWN_UNIT_KIND', { kind }),
      });
    }
  });
  return problems;
}

function validation(problems: FormProblem[]) {
  const errorCount = problems.filter((p) => p.severity === 'error').length;
  return { valid: errorCount === 0, errorCount, warningCount: problems.length - errorCount, problems };
}

/** Checks a version's definition, or `definition` instead when given (unsaved edits). */
export async function validateVersion(db: Db, context: RequestContext, id: number, definition?: unknown) {
  const version = await visibleVersion(db, context, id);
  return validation(await definitionProblems(db, version, definition === undefined ? version.definition : definition));
}

/**
 * Starts a new draft of a form: a copy of its published version, or of its newest version when
 * none is published. A form has at most one draft.
 */
export async function createDraft(tx: Tx, context: RequestContext, formId: number): Promise<number> {
  const form = await lockForm(tx, formId);
  if (!form) throw new DomainError('NOT_FOUND');
  const versions = await findVersionsOfForm(tx, formId);
  const draft = versions.find((v) => v.status === 'draft');
  if (draft) {
    throw new DomainError('INVALID_STATE', {
      message: 'FORM_HAS_DRAFT',
      params: { number: draft.number },
      details: { draftVersionId: draft.id },
    });
  }
  const source = versions.find((v) => v.status === 'published') ?? versions[0];
  const definition: FormDefinition = (source?.definition as FormDefinition | undefined) ?? {
    code: form.code,
    title: { vi: form.code, en: form.code },
    entryUnitKinds: [],
    sections: [{ code: 'chung', title: { vi: 'Chỉ tiêu', en: 'Fields' }, layout: 'list', fields: [] }],
    optionSets: [],
    rules: [],
  };
  const number = (versions[0]?.number ?? 0) + 1;
  const row = await insertFormVersion(tx, { formId, number, definition });
  await recordAudit(tx, context, [
    {
      action: 'form_version.create',
      objectType: 'form_version',
      objectId: row.id,
      unitId: null,
      after: { formId, number, copiedFrom: source?.id ?? null },
    },
  ]);
  return row.id;
}

async function lockVersion(tx: Tx, id: number) {
  const row = await lockFormVersion(tx, id);
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}

/** Replaces a draft's definition. Its problems are reported by validate and block publishing, not saving. */
export async function updateDraft(tx: Tx, context: RequestContext, id: number, input: FormVersionUpdate) {
  const current = await findFormVersion(tx, id);
  if (!current) throw new DomainError('NOT_FOUND');
  if (input.definition.code !== current.formCode) {
    throw new DomainError('FORM_DEFINITION_INVALID', {
      field: 'definition.code',
      message: 'FORM_CODE_MISMATCH',
      params: { given: input.definition.code, expected: current.formCode },
    });
  }
  const before = await lockVersion(tx, id);
  if (before.status !== 'draft') throw publishedError(before);
  if (input.updatedAt !== undefined && Date.parse(input.updatedAt) !== before.updatedAt.getTime()) {
    throw new DomainError('CONFLICT', { field: 'updatedAt', details: { currentUpdatedAt: iso(before.updatedAt) } });
  }
  await setDraftDefinition(tx, id, input.definition);
  await recordAudit(tx, context, [
    {
      action: 'form_version.update',
      objectType: 'form_version',
      objectId: id,
      unitId: null,
      before: current.definition,
      after: input.definition,
    },
  ]);
}

/** Discards a draft. A form's only version cannot be discarded (the form would have none). */
export async function deleteDraft(tx: Tx, context: RequestContext, id: number) {
  const before = await lockVersion(tx, id);
  if (before.status !== 'draft') throw publishedError(before);
  if (!(await hasOtherVersion(tx, before.formId, id))) {
    throw new DomainError('INVALID_STATE', { message: 'FORM_ONLY_VERSION' });
  }
  await deleteFormVersion(tx, id);
  await recordAudit(tx, context, [
    {
      action: 'form_version.delete',
      objectType: 'form_version',
      objectId: id,
      unitId: null,
      before: { formId: before.formId, number: before.number },
    },
  ]);
}

async function diffFor(db: Reader, version: VersionRow) {
  const previous = await findPreviousPublished(db, version.formId, version.number);
  return {
    from: previous ? { id: previous.id, number: previous.number } : null,
    to: { id: version.id, number: version.number },
    ...diffFormDefinitions(previous?.definition ?? null, version.definition),
  };
}

/** The differences between a version and the version published before it. */
export async function versionDiff(db: Db, context: RequestContext, id: number) {
  return diffFor(db, await visibleVersion(db, context, id));
}

/**
 * Publishes a draft that has no errors: the version becomes immutable and the previously
 * published one is marked superseded. Answers with the version and its differences from the
 * previous one.
 */
export async function publishVersion(tx: Tx, context: RequestContext, id: number) {
  const locked = await lockVersion(tx, id);
  if (locked.status !== 'draft') throw publishedError(locked);
  // Lock the form too, so two publications of its versions cannot interleave; then read what is checked.
  await lockForm(tx, locked.formId);
  const current = (await findFormVersion(tx, id))!;
  const problems = (await definitionProblems(tx, current, current.definition)).filter((p) => p.severity === 'error');
  const first = problems[0];
  if (first) {
    throw new DomainError('FORM_DEFINITION_INVALID', {
      field: `definition.${first.path}`,
      ...(problems.length === 1
        ? { message: 'FORM_UNPUBLISHABLE_ONE_ERROR' as const, params: { first: first.message } }
        : { message: 'FORM_UNPUBLISHABLE' as const, params: { count: problems.length, first: first.message } }),
      details: { problems },
    });
  }
  const previous = await supersedePublished(tx, current.formId);
  await publishFormVersion(tx, id, context.actor.userId);
  await recordAudit(tx, context, [
    {
      action: 'form_version.publish',
      objectType: 'form_version',
      objectId: id,
      unitId: null,
      before: { status: 'draft', supersedes: previous.map((p) => ({ id: p.id, number: p.number })) },
      after: { status: 'published', formId: current.formId, number: current.number },
    },
  ]);
  const version = await visibleVersion(tx, context, id);
  return { version: detail(version), diff: await diffFor(tx, version) };
}

/**
 * The Excel template of a version for a unit (in the caller's view) and a period of the
 * regime's frequency; see form-template.ts.
 */
export async function formTemplate(
  db: Db,
  context: RequestContext,
  id: number,
  query: { unitId: number; period: string },
): Promise<{ fileName: string; content: Buffer }> {
  const version = await visibleVersion(db, context, id);
  await assertCanView(db, context.actor, query.unitId);
  const [regime, unit] = await Promise.all([findRegime(db, version.regimeId), findTemplateUnit(db, query.unitId)]);
  if (!regime || !unit) throw new DomainError('NOT_FOUND');
  const period = regimePeriod(query.period, regime.definition.frequency);
  const content = await buildFormTemplate({
    definition: version.definition,
    form: { id: version.formId, code: version.formCode },
    version: { id: version.id, number: version.number, status: version.status },
    regime: {
      id: regime.id,
      code: regime.code,
      name: regime.definition.name,
      receivingAgency: regime.definition.receivingAgency,
    },
    unit,
    period,
    generatedAt: new Date(),
  });
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_');
  return { fileName: `${safe(version.formCode)}_${safe(unit.code)}_${period.id}.xlsx`, content };
}
