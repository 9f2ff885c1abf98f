import {
  computeSchedule,
  DomainError,
  dataWindow,
  type FormSummary,
  foldForSearch,
  holidayCalendar,
  type JsonValue,
  type LevelSchedule,
  type LocalizedMessage,
  localize,
  normalizeText,
  type PeriodType,
  periodForDate,
  periodLabel,
  type RegimeCreate,
  type RegimeDefinition,
  type RegimeListQuery,
  type RegimeUpdate,
  validateLadder,
  validateSchedule,
} from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { canManageRegimes, iso } from '../../reporting/catalogue';
import { recordAudit } from '../audit/audit.service';
import { findHolidays } from '../calendar/calendar.queries';
import { regimePeriod } from '../calendar/calendar.service';
import { todayInVietnam } from '../units/units.service';
import {
  findFormsPublished,
  findHierarchyCodes,
  findRegime,
  findRegimeForms,
  findRegimePage,
  findRegimeVersions,
  findUnitKindCodes,
  findUnitsByCode,
  findVersionsOfForms,
  insertRegime,
  insertRegimeVersion,
  lockRegime,
  updateDraftVersion,
  updateRegimeRow,
} from './regimes.queries';

type Reader = Db | Tx;

interface Problem {
  field: string;
  message: LocalizedMessage;
}

function invalidRegime(problems: Problem[]): DomainError {
  const first = problems[0]!;
  return new DomainError('REGIME_DEFINITION_INVALID', {
    field: first.field,
    message: 'FIRST_PROBLEM',
    params: { problem: first.message },
    details: { problems },
  });
}

/**
 * Checks what the JSON schema cannot: dates in order, the owner and recipients are known units,
 * the hierarchy and unit kinds exist, and each level's schedule is ordered (opens ≤ due ≤
 * closes) for the first period of the regime. Returns the owning unit's id.
 */
async function checkRegimeDefinition(db: Reader, definition: RegimeDefinition): Promise<number> {
  const problems: Problem[] = [];
  if (definition.validTo !== null && definition.validTo < definition.validFrom) {
    problems.push({ field: 'definition.validTo', message: localize('REGIME_VALID_TO_BEFORE_VALID_FROM') });
  }
  const units = await findUnitsByCode(db, [definition.ownerUnitCode, ...definition.recipientUnitCodes]);
  const onValidFrom = (code: string) =>
    units.find(
      (u) =>
        u.code === code &&
        u.validFrom <= definition.validFrom &&
        (u.validTo === null || u.validTo >= definition.validFrom),
    ) ?? units.find((u) => u.code === code);
  const owner = onValidFrom(definition.ownerUnitCode);
  if (!owner) {
    problems.push({
      field: 'definition.ownerUnitCode',
      message: localize('REGIME_UNKNOWN_OWNER', { code: definition.ownerUnitCode }),
    });
  }
  definition.recipientUnitCodes.forEach((code, index) => {
    if (!onValidFrom(code)) {
      problems.push({
        field: `definition.recipientUnitCodes.${index}`,
        message: localize('REGIME_UNKNOWN_RECIPIENT', { code }),
      });
    }
  });
  const [kinds, hierarchies] = await Promise.all([findUnitKindCodes(db), findHierarchyCodes(db)]);
  if (!hierarchies.has(definition.hierarchy)) {
    problems.push({
      field: 'definition.hierarchy',
      message: localize('REGIME_UNKNOWN_HIERARCHY', { hierarchy: definition.hierarchy }),
    });
  }
  const unknownKind = (field: string, kind: string) =>
    problems.push({ field, message: localize('UNKNOWN_UNIT_KIND', { kind }) });
  definition.consolidatingUnitKinds.forEach((kind, index) => {
    if (!kinds.has(kind)) unknownKind(`definition.consolidatingUnitKinds.${index}`, kind);
  });
  const holidays = holidayCalendar(await findHolidays(db));
  const firstPeriod = periodForDate(definition.frequency as PeriodType, definition.validFrom);
  definition.schedules.forEach((schedule: LevelSchedule, index) => {
    schedule.unitKinds.forEach((kind, kindIndex) => {
      if (!kinds.has(kind)) unknownKind(`definition.schedules.${index}.unitKinds.${kindIndex}`, kind);
    });
    const scheduleIssues = validateSchedule(schedule, firstPeriod, definition.dataWindow, holidays);
    for (const issue of scheduleIssues) {
      problems.push({ field: `definition.schedules.${index}.${issue.field}`, message: issue.message });
    }
    if (scheduleIssues.length === 0) {
      const instants = computeSchedule(firstPeriod, definition.dataWindow, schedule, holidays);
      for (const issue of validateLadder(schedule, instants))
        problems.push({ field: `definition.schedules.${index}.${issue.field}`, message: issue.message });
    }
  });
  if (problems.length > 0 || !owner) throw invalidRegime(problems);
  return owner.id;
}

function normalizedDefinition(definition: RegimeDefinition): RegimeDefinition {
  return {
    ...definition,
    name: { vi: normalizeText(definition.name.vi), en: normalizeText(definition.name.en) },
  };
}

export const searchTextOf = (code: string, definition: RegimeDefinition) =>
  foldForSearch(`${code} ${definition.name.vi} ${definition.name.en}`);

/**
 * The regime catalogue: search by code or name ignoring diacritics ("bao cao hang ngay" finds
 * "Báo cáo hằng ngày"), filter by owning agency, frequency and status. Draft regimes only for
 * those who manage regimes.
 */
export async function listRegimes(db: Db, context: RequestContext, query: RegimeListQuery) {
  const page = { limit: query.limit ?? 50, offset: query.offset ?? 0 };
  const words = foldForSearch(query.q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 8);
  const { items, total } = await findRegimePage(
    db,
    { words, agency: query.agency, frequency: query.frequency, status: query.status },
    canManageRegimes(context),
    page,
  );
  return {
    items: items.map((item) => ({ ...item, updatedAt: iso(item.updatedAt)! })),
    total,
    ...page,
  };
}

/** The forms of a regime with their published and (for managers) draft versions. */
export async function formSummaries(db: Reader, context: RequestContext, regimeId: number): Promise<FormSummary[]> {
  const forms = await findRegimeForms(db, regimeId);
  const versions = await findVersionsOfForms(
    db,
    forms.map((f) => f.id),
  );
  const manage = canManageRegimes(context);
  return forms.map((form) => {
    const own = versions.filter((v) => v.formId === form.id && (manage || v.status !== 'draft'));
    const ref = (v: (typeof own)[number] | undefined) =>
      v
        ? {
            id: v.id,
            number: v.number,
            status: v.status,
            publishedAt: iso(v.publishedAt),
            updatedAt: iso(v.updatedAt)!,
          }
        : null;
    const published = own.find((v) => v.status === 'published');
    const draft = own.find((v) => v.status === 'draft');
    const newest = own[0];
    return {
      id: form.id,
      code: form.code,
      sortOrder: form.sortOrder,
      title: newest?.title ?? null,
      entryUnitKinds: (published ?? newest)?.entryUnitKinds ?? [],
      publishedVersion: ref(published),
      draftVersion: ref(draft),
      versionCount: own.length,
    };
  });
}

export async function regimeDetail(db: Reader, context: RequestContext, id: number) {
  const regime = await findRegime(db, id);
  if (!regime || (regime.status === 'draft' && !canManageRegimes(context))) throw new DomainError('NOT_FOUND');
  return {
    ...regime,
    createdAt: iso(regime.createdAt)!,
    updatedAt: iso(regime.updatedAt)!,
    forms: await formSummaries(db, context, id),
  };
}

export async function createRegime(tx: Tx, context: RequestContext, input: RegimeCreate): Promise<number> {
  const definition = normalizedDefinition(input.definition);
  const ownerUnitId = await checkRegimeDefinition(tx, definition);
  const row = await insertRegime(tx, {
    code: input.code,
    definition,
    ownerUnitId,
    searchText: searchTextOf(input.code, definition),
    isDemo: definition.isDemo ?? false,
  });
  await insertRegimeVersion(tx, {
    regimeId: row.id,
    number: 1,
    effectiveFrom: definition.validFrom,
    legalBasis: null,
    definition,
    createdBy: context.actor.userId,
  });
  await recordAudit(tx, context, [
    {
      action: 'regime.create',
      objectType: 'regime',
      objectId: row.id,
      unitId: null,
      after: { code: input.code, definition },
    },
  ]);
  return row.id;
}

export async function updateRegime(tx: Tx, context: RequestContext, id: number, input: RegimeUpdate): Promise<void> {
  const definition = normalizedDefinition(input.definition);
  const ownerUnitId = await checkRegimeDefinition(tx, definition);
  const before = await lockRegime(tx, id);
  if (!before) throw new DomainError('NOT_FOUND');
  if (before.version !== input.version)
    throw new DomainError('CONFLICT', { field: 'version', details: { currentVersion: before.version } });
  if (before.status !== 'draft') {
    for (const key of ['frequency', 'dataWindow'] as const) {
      if (before.definition[key] !== definition[key]) {
        throw new DomainError('INVALID_STATE', { field: `definition.${key}`, message: 'REGIME_FREQUENCY_FIXED' });
      }
    }
  }
  const amendment = input.amendment;
  if (before.status === 'draft' && amendment)
    throw new DomainError('VALIDATION_FAILED', { field: 'amendment', message: 'REGIME_AMENDMENT_FOR_DRAFT' });
  if (before.status !== 'draft' && !amendment)
    throw new DomainError('VALIDATION_FAILED', { field: 'amendment', message: 'REGIME_AMENDMENT_REQUIRED' });
  let number: number | null = null;
  if (amendment) {
    const versions = await findRegimeVersions(tx, id);
    number = checkAmendment(definition, versions, amendment.effectiveFrom);
  }
  if (JSON.stringify(before.definition) === JSON.stringify(definition) && number === null) return;
  await updateRegimeRow(tx, id, {
    definition,
    ownerUnitId,
    searchText: searchTextOf(before.code, definition),
    isDemo: definition.isDemo ?? false,
    version: before.version + 1,
  });
  if (amendment && number !== null) {
    await insertRegimeVersion(tx, {
      regimeId: id,
      number,
      effectiveFrom: amendment.effectiveFrom,
      legalBasis: normalizeText(amendment.legalBasis),
      definition,
      createdBy: context.actor.userId,
    });
  } else {
    await updateDraftVersion(tx, id, definition.validFrom, definition);
  }
  await recordAudit(tx, context, [
    {
      action: amendment ? 'regime.amend' : 'regime.update',
      objectType: 'regime',
      objectId: id,
      unitId: null,
      before: before.definition,
      after: amendment ? { ...amendment, number, definition } : definition,
    },
  ]);
}

/**
 * An amendment's effective date is the first day of a period of the regime's frequency, after the
 * newest version's (versions never overlap, and are made in order), and not before the current
 * period: periods already under way or past keep the version they are judged by. Returns the new
 * version's number.
 */
function checkAmendment(
  definition: RegimeDefinition,
  versions: { number: number; effectiveFrom: string }[],
  effectiveFrom: string,
): number {
  const field = 'amendment.effectiveFrom';
  const frequency = definition.frequency as PeriodType;
  const period = periodForDate(frequency, effectiveFrom);
  if (period.start !== effectiveFrom)
    throw new DomainError('VALIDATION_FAILED', {
      field,
      message: 'REGIME_EFFECTIVE_NOT_PERIOD_START',
      params: { example: period.start },
    });
  const latest = versions.reduce((a, b) => (a.effectiveFrom > b.effectiveFrom ? a : b));
  if (effectiveFrom <= latest.effectiveFrom)
    throw new DomainError('INVALID_STATE', {
      field,
      message: 'REGIME_EFFECTIVE_NOT_AFTER_LATEST',
      params: { latest: latest.effectiveFrom },
    });
  const current = periodForDate(frequency, todayInVietnam()).start;
  if (effectiveFrom < current)
    throw new DomainError('INVALID_STATE', { field, message: 'REGIME_EFFECTIVE_IN_PAST', params: { current } });
  return Math.max(...versions.map((v) => v.number)) + 1;
}

function versionState(effectiveFrom: string, effectiveTo: string | null, today: string) {
  if (effectiveFrom > today) return 'scheduled' as const;
  return effectiveTo !== null && effectiveTo <= today ? ('past' as const) : ('current' as const);
}

async function visibleRegime(db: Reader, context: RequestContext, id: number) {
  const regime = await findRegime(db, id);
  if (!regime || (regime.status === 'draft' && !canManageRegimes(context))) throw new DomainError('NOT_FOUND');
  return regime;
}

async function versionsOf(db: Reader, id: number) {
  const today = todayInVietnam();
  const rows = await findRegimeVersions(db, id);
  return rows.map((row, index) => {
    const effectiveTo = rows[index + 1]?.effectiveFrom ?? null;
    return {
      ...row,
      effectiveTo,
      state: versionState(row.effectiveFrom, effectiveTo, today),
      createdAt: iso(row.createdAt)!,
    };
  });
}

/** A regime's versions, oldest first, each marked past, in force today or scheduled. */
export async function listRegimeVersions(db: Reader, context: RequestContext, id: number) {
  await visibleRegime(db, context, id);
  return (await versionsOf(db, id)).map(({ definition: _definition, ...summary }) => summary);
}

async function versionOf(db: Reader, id: number, number: number) {
  const version = (await versionsOf(db, id)).find((v) => v.number === number);
  if (!version)
    throw new DomainError('NOT_FOUND', { field: 'number', message: 'REGIME_VERSION_NOT_FOUND', params: { number } });
  return version;
}

export async function regimeVersion(db: Reader, context: RequestContext, id: number, number: number) {
  const regime = await visibleRegime(db, context, id);
  return { ...(await versionOf(db, id, number)), regimeId: regime.id, regimeCode: regime.code };
}

/** What changed from one version to another, per top-level part of the definition. */
export async function regimeVersionDiff(db: Reader, context: RequestContext, id: number, from: number, to: number) {
  await visibleRegime(db, context, id);
  const [a, b] = [await versionOf(db, id, from), await versionOf(db, id, to)];
  const before = a.definition as unknown as Record<string, JsonValue>;
  const after = b.definition as unknown as Record<string, JsonValue>;
  const parts = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return {
    from,
    to,
    changes: parts
      .filter((part) => JSON.stringify(before[part]) !== JSON.stringify(after[part]))
      .map((part) => ({ part, before: before[part] ?? null, after: after[part] ?? null })),
  };
}

/**
 * Puts a regime in force (every form must have a published version) or retires it. A retired
 * regime can be put in force again.
 */
export async function setRegimeStatus(
  tx: Tx,
  context: RequestContext,
  id: number,
  target: 'active' | 'retired',
  version: number,
): Promise<void> {
  const before = await lockRegime(tx, id);
  if (!before) throw new DomainError('NOT_FOUND');
  if (before.version !== version)
    throw new DomainError('CONFLICT', { field: 'version', details: { currentVersion: before.version } });
  if (before.status === target) {
    throw new DomainError('INVALID_STATE', {
      message: target === 'active' ? 'REGIME_ALREADY_ACTIVE' : 'REGIME_ALREADY_RETIRED',
    });
  }
  if (target === 'active') {
    const forms = await findFormsPublished(tx, id);
    const unpublished = forms.filter((f) => !f.published).map((f) => f.code);
    if (forms.length === 0 || unpublished.length > 0) {
      throw new DomainError('INVALID_STATE', {
        field: 'forms',
        ...(forms.length === 0
          ? { message: 'REGIME_HAS_NO_FORM' as const }
          : { message: 'REGIME_FORMS_UNPUBLISHED' as const, params: { forms: unpublished.join(', ') } }),
        details: { unpublished },
      });
    }
  }
  await updateRegimeRow(tx, id, { status: target, version: before.version + 1 });
  await recordAudit(tx, context, [
    {
      action: target === 'active' ? 'regime.activate' : 'regime.retire',
      objectType: 'regime',
      objectId: id,
      unitId: null,
      before: { status: before.status },
      after: { status: target },
    },
  ]);
}

/** When each level opens, is due and closes for a period, in Vietnam time, counting the holidays on record. */
export async function regimeSchedule(db: Db, context: RequestContext, regimeId: number, periodId: string) {
  const regime = await findRegime(db, regimeId);
  if (!regime || (regime.status === 'draft' && !canManageRegimes(context))) throw new DomainError('NOT_FOUND');
  const period = regimePeriod(periodId, regime.definition.frequency);
  const versions = await findRegimeVersions(db, regimeId);
  const definition =
    (versions.findLast((v) => v.effectiveFrom <= period.start) ?? versions[0])?.definition ?? regime.definition;
  const holidays = holidayCalendar(await findHolidays(db));
  return {
    regimeId: regime.id,
    regimeCode: regime.code,
    periodId: period.id,
    periodLabel: { vi: periodLabel(period, 'vi'), en: periodLabel(period, 'en') },
    dataWindowKind: definition.dataWindow,
    dataWindow: dataWindow(period, definition.dataWindow),
    timeZone: 'Asia/Ho_Chi_Minh' as const,
    levels: definition.schedules.map((schedule) => {
      const instants = computeSchedule(period, definition.dataWindow, schedule, holidays);
      return {
        role: schedule.role,
        unitKinds: schedule.unitKinds,
        opensAt: instants.opensAt,
        dueAt: instants.dueAt,
        closesAt: instants.closesAt,
      };
    }),
  };
}
