import {
  computeSchedule,
  DomainError,
  dataWindow,
  type FormSummary,
  foldForSearch,
  holidayCalendar,
  type LevelSchedule,
  normalizeText,
  type PeriodType,
  periodForDate,
  periodLabel,
  type RegimeCreate,
  type RegimeDefinition,
  type RegimeListQuery,
  type RegimeUpdate,
  validateSchedule,
} from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { canManageRegimes, iso } from '../../reporting/catalogue';
import { recordAudit } from '../audit/audit.service';
import { findHolidays } from '../calendar/calendar.queries';
import { regimePeriod } from '../calendar/calendar.service';
import {
  findHierarchyCodes,
  findRegime,
  findRegimeForms,
  findUnitKindCodes,
  findUnitsByCode,
  findVersionsOfForms,
  lockRegime,
  selectRegimeSummaries,
} from './regimes.queries';

type Reader = Db | Tx;

interface Problem {
  field: string;
  message: { vi: string; en: string };
}

function invalidRegime(problems: Problem[]): DomainError {
  const first = problems[0]!;
  return new DomainError('REGIME_DEFINITION_INVALID', {
    field: first.field,
    message: first.message,
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
    problems.push({
      field: 'definition.validTo',
      message: {
        vi: 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.',
        en: 'The end of validity must come after its start.',
      },
    });
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
      message: {
        vi: `Không có đơn vị mã “${definition.ownerUnitCode}” để làm cơ quan chủ trì.`,
        en: `There is no unit coded “${definition.ownerUnitCode}” to own the regime.`,
      },
    });
  }
  definition.recipientUnitCodes.forEach((code, index) => {
    if (!onValidFrom(code)) {
      problems.push({
        field: `definition.recipientUnitCodes.${index}`,
        message: {
          vi: `Không có đơn vị nhận báo cáo mã “${code}”.`,
          en: `There is no recipient unit coded “${code}”.`,
        },
      });
    }
  });
  const [kinds, hierarchies] = await Promise.all([findUnitKindCodes(db), findHierarchyCodes(db)]);
  if (!hierarchies.has(definition.hierarchy)) {
    problems.push({
      field: 'definition.hierarchy',
      message: {
        vi: `Không có hệ thống đơn vị “${definition.hierarchy}”.`,
        en: `There is no hierarchy “${definition.hierarchy}”.`,
      },
    });
  }
  const unknownKind = (field: string, kind: string) =>
    problems.push({
      field,
      message: { vi: `Không có loại đơn vị “${kind}”.`, en: `There is no unit kind “${kind}”.` },
    });
  definition.consolidatingUnitKinds.forEach((kind, index) => {
    if (!kinds.has(kind)) unknownKind(`definition.consolidatingUnitKinds.${index}`, kind);
  });
  const holidays = holidayCalendar(await findHolidays(db));
  const firstPeriod = periodForDate(definition.frequency as PeriodType, definition.validFrom);
  definition.schedules.forEach((schedule: LevelSchedule, index) => {
    schedule.unitKinds.forEach((kind, kindIndex) => {
      if (!kinds.has(kind)) unknownKind(`definition.schedules.${index}.unitKinds.${kindIndex}`, kind);
    });
    for (const issue of validateSchedule(schedule, firstPeriod, definition.dataWindow, holidays)) {
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
  let base = selectRegimeSummaries(db);
  const words = foldForSearch(query.q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 8);
  for (const word of words) {
    base = base.where('r.searchText', 'like', `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (query.agency) base = base.where(sql<string>`r.definition ->> 'ownerUnitCode'`, '=', query.agency);
  if (query.frequency) base = base.where(sql<string>`r.definition ->> 'frequency'`, '=', query.frequency);
  if (query.status) base = base.where('r.status', '=', query.status);
  if (!canManageRegimes(context)) base = base.where('r.status', '!=', 'draft');
  const [items, total] = await Promise.all([
    base
      .orderBy(sql`case r.status when 'active' then 0 when 'draft' then 1 else 2 end`)
      .orderBy('r.code')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: items.map((item) => ({ ...item, updatedAt: iso(item.updatedAt)! })),
    total: total.n,
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

export async function regimeDetail(db: Db, context: RequestContext, id: number) {
  const regime = await findRegime(db, id);
  if (!regime || (regime.status === 'draft' && !canManageRegimes(context))) throw new DomainError('NOT_FOUND');
  return {
    ...regime,
    createdAt: iso(regime.createdAt)!,
    updatedAt: iso(regime.updatedAt)!,
    forms: await formSummaries(db, context, id),
  };
}

export async function createRegime(db: Db, context: RequestContext, input: RegimeCreate): Promise<number> {
  const definition = normalizedDefinition(input.definition);
  const ownerUnitId = await checkRegimeDefinition(db, definition);
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('regimes')
      .values({
        code: input.code,
        definition: JSON.stringify(definition),
        ownerUnitId,
        searchText: searchTextOf(input.code, definition),
        isDemo: definition.isDemo ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
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
  });
}

export async function updateRegime(db: Db, context: RequestContext, id: number, input: RegimeUpdate): Promise<void> {
  const definition = normalizedDefinition(input.definition);
  const ownerUnitId = await checkRegimeDefinition(db, definition);
  await db.transaction().execute(async (tx) => {
    const before = await lockRegime(tx, id);
    if (!before) throw new DomainError('NOT_FOUND');
    if (before.version !== input.version)
      throw new DomainError('CONFLICT', { field: 'version', details: { currentVersion: before.version } });
    if (before.status !== 'draft') {
      for (const key of ['frequency', 'dataWindow'] as const) {
        if (before.definition[key] !== definition[key]) {
          throw new DomainError('INVALID_STATE', {
            field: `definition.${key}`,
            message: {
              vi: 'Không thể đổi tần suất hoặc cách chốt số liệu của chế độ báo cáo đã ban hành: các kỳ của số liệu đã có sẽ không còn khớp. Hãy tạo chế độ báo cáo mới.',
              en: 'The frequency and data window of a regime in force cannot change: the periods of existing data would no longer fit. Create a new regime instead.',
            },
          });
        }
      }
    }
    await tx
      .updateTable('regimes')
      .set({
        definition: JSON.stringify(definition),
        ownerUnitId,
        searchText: searchTextOf(before.code, definition),
        isDemo: definition.isDemo ?? false,
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, context, [
      {
        action: 'regime.update',
        objectType: 'regime',
        objectId: id,
        unitId: null,
        before: before.definition,
        after: definition,
      },
    ]);
  });
}

/**
 * Puts a regime in force (every form must have a published version) or retires it. A retired
 * regime can be put in force again.
 */
export async function setRegimeStatus(
  db: Db,
  context: RequestContext,
  id: number,
  target: 'active' | 'retired',
  version: number,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await lockRegime(tx, id);
    if (!before) throw new DomainError('NOT_FOUND');
    if (before.version !== version)
      throw new DomainError('CONFLICT', { field: 'version', details: { currentVersion: before.version } });
    if (before.status === target) {
      throw new DomainError('INVALID_STATE', {
        message: {
          vi: target === 'active' ? 'Chế độ báo cáo đã đang có hiệu lực.' : 'Chế độ báo cáo đã ngừng áp dụng.',
          en: target === 'active' ? 'The regime is already in force.' : 'The regime is already retired.',
        },
      });
    }
    if (target === 'active') {
      const forms = await tx
        .selectFrom('forms as f')
        .select([
          'f.code',
          sql<boolean>`exists (select 1 from form_versions v where v.form_id = f.id and v.status = 'published')`.as(
            'published',
          ),
        ])
        .where('f.regimeId', '=', id)
        .execute();
      const unpublished = forms.filter((f) => !f.published).map((f) => f.code);
      if (forms.length === 0 || unpublished.length > 0) {
        throw new DomainError('INVALID_STATE', {
          field: 'forms',
          message:
            forms.length === 0
              ? {
                  vi: 'Chế độ báo cáo chưa có biểu mẫu nào nên chưa thể ban hành.',
                  en: 'The regime has no form yet, so it cannot be put in force.',
                }
              : {
                  vi: `Các biểu mẫu chưa có phiên bản công bố: ${unpublished.join(', ')}.`,
                  en: `These forms have no published version: ${unpublished.join(', ')}.`,
                },
          details: { unpublished },
        });
      }
    }
    await tx
      .updateTable('regimes')
      .set({ status: target, version: before.version + 1, updatedAt: new Date() })
      .where('id', '=', id)
      .execute();
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
  });
}

/** When each level opens, is due and closes for a period, in Vietnam time, counting the holidays on record. */
export async function regimeSchedule(db: Db, context: RequestContext, regimeId: number, periodId: string) {
  const regime = await findRegime(db, regimeId);
  if (!regime || (regime.status === 'draft' && !canManageRegimes(context))) throw new DomainError('NOT_FOUND');
  const { definition } = regime;
  const period = regimePeriod(periodId, definition.frequency);
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
