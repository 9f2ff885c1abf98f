import {
  type Ast,
  type ComparisonOperator,
  checkExpression,
  computeSchedule,
  DomainError,
  dataWindow,
  ExpressionError,
  type ExpressionEvaluate,
  type ExpressionType,
  evaluate,
  evaluateRule,
  type FieldReference,
  type FieldType,
  type HolidayUpsert,
  holidayCalendar,
  isNumericType,
  type KnownFields,
  nextPeriod,
  normalizeText,
  type Period,
  type PeriodType,
  parsePeriod,
  periodLabel,
  previousPeriod,
  resolverFromRecord,
  toIsoInterval,
  tryParse,
} from '@baocao/domain';
import type { Db } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { findHolidays, findRegime } from './regimes.queries';
import { canManageRegimes } from './regimes.service';

// ---------------------------------------------------------------------------
// Holidays
// ---------------------------------------------------------------------------

export async function listHolidays(db: Db, year?: number) {
  return findHolidays(db, year);
}

/** Adds or renames a day off (a compensatory day, a day the Prime Minister adds…). */
export async function putHoliday(db: Db, context: RequestContext, date: string, input: HolidayUpsert) {
  const nameVi = normalizeText(input.nameVi);
  const nameEn = normalizeText(input.nameEn ?? '');
  const kind = input.kind ?? 'custom';
  return db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('holidays')
      .select(['date', 'nameVi', 'nameEn', 'kind'])
      .where('date', '=', date)
      .forUpdate()
      .executeTakeFirst();
    const row = await tx
      .insertInto('holidays')
      .values({ date, nameVi, nameEn, kind })
      .onConflict((oc) => oc.column('date').doUpdateSet({ nameVi, nameEn, kind }))
      .returning(['date', 'nameVi', 'nameEn', 'kind'])
      .executeTakeFirstOrThrow();
    await recordAudit(tx, context, [
      {
        action: before ? 'holiday.update' : 'holiday.create',
        objectType: 'holiday',
        objectId: date,
        unitId: null,
        before: before ?? null,
        after: row,
      },
    ]);
    return row;
  });
}

/** Makes a day a working day again. */
export async function deleteHoliday(db: Db, context: RequestContext, date: string) {
  await db.transaction().execute(async (tx) => {
    const before = await tx
      .deleteFrom('holidays')
      .where('date', '=', date)
      .returning(['date', 'nameVi', 'nameEn', 'kind'])
      .executeTakeFirst();
    if (!before) throw new DomainError('NOT_FOUND');
    await recordAudit(tx, context, [
      { action: 'holiday.delete', objectType: 'holiday', objectId: date, unitId: null, before },
    ]);
  });
}

// ---------------------------------------------------------------------------
// Periods and schedules
// ---------------------------------------------------------------------------

/** A period with its labels, ISO interval, neighbours and data windows. */
export function periodInfo(id: string) {
  const period = parsePeriod(id);
  return {
    id: period.id,
    type: period.type,
    start: period.start,
    end: period.end,
    label: { vi: periodLabel(period, 'vi'), en: periodLabel(period, 'en') },
    isoInterval: toIsoInterval(period),
    previousId: previousPeriod(period).id,
    nextId: nextPeriod(period).id,
    dataWindows: { calendar: dataWindow(period, 'calendar'), decree09: dataWindow(period, 'decree09') },
  };
}

/** Parses a period and checks it is of the regime's frequency. */
export function regimePeriod(periodId: string, frequency: string): Period {
  const period = parsePeriod(periodId);
  if (period.type !== (frequency as PeriodType)) {
    throw new DomainError('VALIDATION_FAILED', {
      field: 'period',
      message: {
        vi: `Kỳ “${period.id}” không đúng tần suất của chế độ báo cáo (${frequency}).`,
        en: `Period “${period.id}” does not match the regime's frequency (${frequency}).`,
      },
    });
  }
  return period;
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

// ---------------------------------------------------------------------------
// The designer's "evaluate as you type"
// ---------------------------------------------------------------------------

function errorJson(part: string, error: ExpressionError) {
  return { code: error.code, part, position: error.position, span: error.span, vi: error.vi, en: error.en };
}

/**
 * Evaluates an expression or a rule against sample values. Problems in the expression (syntax,
 * unknown fields when the form's fields are given, types) come back as positioned errors with
 * `ok: false`, not as a failed request.
 */
export function evaluateSample(input: ExpressionEvaluate) {
  if ((input.expression === undefined) === (input.rule === undefined)) {
    throw new DomainError('VALIDATION_FAILED', {
      field: 'expression',
      message: {
        vi: 'Cần gửi đúng một trong hai: “expression” hoặc “rule”.',
        en: 'Send exactly one of “expression” and “rule”.',
      },
    });
  }
  let knownFields: KnownFields | undefined;
  let fieldType: ((ref: FieldReference) => ExpressionType | undefined) | undefined;
  if (input.fields) {
    knownFields = new Map(input.fields.map((f) => [f.code, new Set(f.options ?? [])]));
    const types = new Map(input.fields.map((f) => [f.code, f.type]));
    fieldType = (ref) => {
      if (ref.form !== undefined) return undefined;
      const type = types.get(ref.field);
      if (type === undefined) return undefined;
      return isNumericType(type as FieldType) ? 'number' : type === 'boolean' ? 'boolean' : 'string';
    };
  }
  const parts: [string, string][] = input.rule
    ? [
        ['left', input.rule.left],
        ['right', input.rule.right],
      ]
    : [['expression', input.expression!]];
  const errors = parts.flatMap(([part, source]) =>
    checkExpression(source, { knownFields, fieldType }).map((e) => errorJson(part, e)),
  );
  if (errors.length > 0) return { ok: false, errors };
  const resolver = resolverFromRecord(input.values);
  try {
    if (input.rule) {
      const result = evaluateRule(
        {
          left: input.rule.left,
          operator: input.rule.operator as ComparisonOperator,
          right: input.rule.right,
          severity: 'error',
          tolerance: input.rule.tolerance,
        },
        resolver,
      );
      return {
        ok: true,
        status: result.status,
        leftValue: result.leftValue,
        rightValue: result.rightValue,
        difference: result.difference,
        errors: [],
      };
    }
    const parsed = tryParse(input.expression!);
    return { ok: true, value: evaluate((parsed as { ast: Ast }).ast, resolver), errors: [] };
  } catch (error) {
    if (error instanceof ExpressionError)
      return { ok: false, errors: [errorJson(input.rule ? 'rule' : 'expression', error)] };
    throw error;
  }
}
