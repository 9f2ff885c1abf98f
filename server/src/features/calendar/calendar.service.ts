import {
  DomainError,
  dataWindow,
  type HolidayUpsert,
  nextPeriod,
  normalizeText,
  type Period,
  type PeriodType,
  parsePeriod,
  periodLabel,
  previousPeriod,
  toIsoInterval,
} from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { deleteHolidayRow, findHolidays, lockHoliday, upsertHoliday } from './calendar.queries';

// ---------------------------------------------------------------------------
// Holidays
// ---------------------------------------------------------------------------

export async function listHolidays(db: Db, year?: number) {
  return findHolidays(db, year);
}

/** Adds or renames a day off (a compensatory day, a day the Prime Minister adds…). */
export async function putHoliday(tx: Tx, context: RequestContext, date: string, input: HolidayUpsert) {
  const nameVi = normalizeText(input.nameVi);
  const nameEn = normalizeText(input.nameEn ?? '');
  const kind = input.kind ?? 'custom';
  const before = await lockHoliday(tx, date);
  const row = await upsertHoliday(tx, { date, nameVi, nameEn, kind });
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
}

/** Makes a day a working day again. */
export async function deleteHoliday(tx: Tx, context: RequestContext, date: string) {
  const before = await deleteHolidayRow(tx, date);
  if (!before) throw new DomainError('NOT_FOUND');
  await recordAudit(tx, context, [
    { action: 'holiday.delete', objectType: 'holiday', objectId: date, unitId: null, before },
  ]);
}

// ---------------------------------------------------------------------------
// Periods
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
      message: 'PERIOD_WRONG_FREQUENCY',
      params: { period: period.id, frequency },
    });
  }
  return period;
}
