/**
 * The period calculus: reporting periods (kỳ báo cáo) as plain calendar dates.
 *
 * A period is identified by a canonical, DHIS2-compatible id (`20210715`, `2021W28`,
 * `202107`, `2021Q3`, `2021S1`, `2021`, plus our own `2021N9` for the nine months
 * January–September, which DHIS2 has no id for). Everything else — start and end dates,
 * neighbours, labels, the ADX interval form — is derived from the id, so the id is the
 * only thing stored. Dates are ISO strings `YYYY-MM-DD` turned into day numbers (days
 * since 1970-01-01) with integer civil-calendar arithmetic: no `Date`, no time zone, no
 * clock. Periods are calendar facts; wall-clock instants belong to schedules.
 *
 * The data window (thời gian chốt số liệu) is kept apart from the period: a regime
 * reports "July 2021" but may count the figures of 15 June–14 July (Decree 09/2019).
 */
import { DomainError } from '../errors/error-codes';
import type { Language, MessageRef } from '../errors/error-messages';

/** A calendar date in ISO 8601 form, `YYYY-MM-DD` (proleptic Gregorian, years 0001–9999). */
export type CalendarDate = string;

/** An inclusive range of calendar dates. */
export interface DateRange {
  start: CalendarDate;
  end: CalendarDate;
}

// ---------------------------------------------------------------------------
// Civil dates
// ---------------------------------------------------------------------------

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateError(value: string): never {
  throw new DomainError('VALIDATION_FAILED', { field: 'date', message: 'DATE_INVALID', params: { value } });
}

/** Whether a Gregorian year has 366 days. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function parseCivil(value: string): CivilDate | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Whether a string is a real calendar date written `YYYY-MM-DD` (rejects `2021-02-30`). */
export function isIsoDate(value: string): boolean {
  return parseCivil(value) !== null;
}

// Days from civil and back: H. Hinnant's branch-free algorithms, exact for every Gregorian date.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function formatCivil(year: number, month: number, day: number): CalendarDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * The day number of a date: days since 1970-01-01 (negative before).
 * @throws DomainError VALIDATION_FAILED (field `date`) when the string is not a real date.
 */
export function dayNumber(date: CalendarDate): number {
  const civil = parseCivil(date);
  if (!civil) dateError(date);
  return daysFromCivil(civil.year, civil.month, civil.day);
}

/**
 * The date of a day number (days since 1970-01-01).
 * @throws DomainError VALIDATION_FAILED when the result falls outside years 0001–9999.
 */
export function dateFromDayNumber(days: number): CalendarDate {
  const civil = civilFromDays(days);
  const formatted = formatCivil(civil.year, civil.month, civil.day);
  if (!Number.isInteger(days) || civil.year < 1 || civil.year > 9999) dateError(formatted);
  return formatted;
}

/** The date `days` calendar days after `date` (before, when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return dateFromDayNumber(dayNumber(date) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** ISO day of the week: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  return weekdayOfDayNumber(dayNumber(date));
}

function weekdayOfDayNumber(days: number): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

// ---------------------------------------------------------------------------
// Period types and ids
// ---------------------------------------------------------------------------

/** The kinds of reporting period. `nine_months` is January–September of a year. */
export type PeriodType = 'day' | 'week' | 'month' | 'quarter' | 'half_year' | 'nine_months' | 'year';

/** Every period type, shortest first. */
export const periodTypes: readonly PeriodType[] = [
  'day',
  'week',
  'month',
  'quarter',
  'half_year',
  'nine_months',
  'year',
];

/** Whether a string names a period type. */
export function isPeriodType(value: string): value is PeriodType {
  return (periodTypes as readonly string[]).includes(value);
}

/** A reporting period: its canonical id and its first and last days (both inclusive). */
export interface Period {
  readonly type: PeriodType;
  readonly id: string;
  readonly start: CalendarDate;
  readonly end: CalendarDate;
}

/**
 * A period taken apart. `week` is the ISO 8601 week of the ISO week-year `year`
 * (which can differ from the calendar year of some of its days).
 */
export type PeriodParts =
  | { type: 'day'; year: number; month: number; day: number }
  | { type: 'week'; year: number; week: number }
  | { type: 'month'; year: number; month: number }
  | { type: 'quarter'; year: number; quarter: number }
  | { type: 'half_year'; year: number; half: number }
  | { type: 'nine_months'; year: number }
  | { type: 'year'; year: number };

/**
 * Periods are supported for years 1900–2999: far more than any reporting history, and it
 * keeps every derived date (ISO weeks spilling into the neighbouring year, Decree 09 windows
 * starting the previous December) inside four-digit years.
 */
export const MIN_PERIOD_YEAR = 1900;
export const MAX_PERIOD_YEAR = 2999;

function periodError(message: MessageRef): never {
  throw new DomainError('VALIDATION_FAILED', { field: 'period', ...message });
}

function checkYear(year: number, id: string): void {
  if (!Number.isInteger(year) || year < MIN_PERIOD_YEAR || year > MAX_PERIOD_YEAR) {
    periodError({ message: 'PERIOD_YEAR_OUT_OF_RANGE', params: { id, min: MIN_PERIOD_YEAR, max: MAX_PERIOD_YEAR } });
  }
}

function checkRange(value: number, min: number, max: number, message: MessageRef): void {
  if (!Number.isInteger(value) || value < min || value > max) periodError(message);
}

/** The Monday that starts ISO week 1 of an ISO week-year, as a day number. */
function isoWeekOneMonday(weekYear: number): number {
  const january4 = daysFromCivil(weekYear, 1, 4);
  return january4 - (weekdayOfDayNumber(january4) - 1);
}

/** The number of ISO weeks (52 or 53) in an ISO week-year. */
export function isoWeeksInYear(weekYear: number): number {
  return (isoWeekOneMonday(weekYear + 1) - isoWeekOneMonday(weekYear)) / 7;
}

function isoWeekOfDayNumber(days: number): { year: number; week: number } {
  const thursday = days - weekdayOfDayNumber(days) + 4;
  const year = civilFromDays(thursday).year;
  return { year, week: Math.floor((thursday - isoWeekOneMonday(year)) / 7) + 1 };
}

function checkParts(parts: PeriodParts, id: string): void {
  checkYear(parts.year, id);
  switch (parts.type) {
    case 'day':
      checkRange(parts.month, 1, 12, { message: 'PERIOD_MONTH_OUT_OF_RANGE', params: { id } });
      checkRange(parts.day, 1, daysInMonth(parts.year, parts.month), {
        message: 'PERIOD_DAY_NOT_IN_CALENDAR',
        params: { id, day: pad(parts.day, 2), month: pad(parts.month, 2), year: parts.year },
      });
      return;
    case 'week': {
      const weeks = isoWeeksInYear(parts.year);
      checkRange(parts.week, 1, weeks, {
        message: 'PERIOD_WEEK_OUT_OF_RANGE',
        params: { id, weeks, year: parts.year },
      });
      return;
    }
    case 'month':
      checkRange(parts.month, 1, 12, { message: 'PERIOD_MONTH_OUT_OF_RANGE', params: { id } });
      return;
    case 'quarter':
      checkRange(parts.quarter, 1, 4, { message: 'PERIOD_QUARTER_OUT_OF_RANGE', params: { id } });
      return;
    case 'half_year':
      checkRange(parts.half, 1, 2, { message: 'PERIOD_HALF_OUT_OF_RANGE', params: { id } });
      return;
    case 'nine_months':
    case 'year':
      return;
  }
}

function idOfParts(parts: PeriodParts): string {
  const year = pad(parts.year, 4);
  switch (parts.type) {
    case 'day':
      return `${year}${pad(parts.month, 2)}${pad(parts.day, 2)}`;
    case 'week':
      return `${year}W${parts.week}`;
    case 'month':
      return `${year}${pad(parts.month, 2)}`;
    case 'quarter':
      return `${year}Q${parts.quarter}`;
    case 'half_year':
      return `${year}S${parts.half}`;
    case 'nine_months':
      return `${year}N9`;
    case 'year':
      return year;
  }
}

function monthSpan(year: number, firstMonth: number, months: number): DateRange {
  const lastMonth = firstMonth + months - 1;
  return {
    start: formatCivil(year, firstMonth, 1),
    end: formatCivil(year, lastMonth, daysInMonth(year, lastMonth)),
  };
}

function rangeOfParts(parts: PeriodParts): DateRange {
  switch (parts.type) {
    case 'day': {
      const date = formatCivil(parts.year, parts.month, parts.day);
      return { start: date, end: date };
    }
    case 'week': {
      const monday = isoWeekOneMonday(parts.year) + 7 * (parts.week - 1);
      return { start: dateFromDayNumber(monday), end: dateFromDayNumber(monday + 6) };
    }
    case 'month':
      return monthSpan(parts.year, parts.month, 1);
    case 'quarter':
      return monthSpan(parts.year, 3 * parts.quarter - 2, 3);
    case 'half_year':
      return monthSpan(parts.year, 6 * parts.half - 5, 6);
    case 'nine_months':
      return monthSpan(parts.year, 1, 9);
    case 'year':
      return monthSpan(parts.year, 1, 12);
  }
}

/**
 * Builds the period named by its parts.
 * @throws DomainError VALIDATION_FAILED (field `period`) when a part is out of range.
 */
export function periodFromParts(parts: PeriodParts): Period {
  const id = idOfParts(parts);
  checkParts(parts, id);
  const { start, end } = rangeOfParts(parts);
  return { type: parts.type, id, start, end };
}

/**
 * The canonical id of a period given by its parts, e.g. `{ type: 'week', year: 2021, week: 28 }`
 * → `2021W28`. Weeks are not zero-padded (DHIS2 style: `2021W1`).
 * @throws DomainError VALIDATION_FAILED (field `period`) when a part is out of range.
 */
export function formatPeriodId(parts: PeriodParts): string {
  return periodFromParts(parts).id;
}

const ID_PATTERNS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => PeriodParts]> = [
  [/^(\d{4})(\d{2})(\d{2})$/, (m) => ({ type: 'day', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) })],
  [/^(\d{4})W(\d{1,2})$/, (m) => ({ type: 'week', year: Number(m[1]), week: Number(m[2]) })],
  [/^(\d{4})(\d{2})$/, (m) => ({ type: 'month', year: Number(m[1]), month: Number(m[2]) })],
  [/^(\d{4})Q(\d)$/, (m) => ({ type: 'quarter', year: Number(m[1]), quarter: Number(m[2]) })],
  [/^(\d{4})S(\d)$/, (m) => ({ type: 'half_year', year: Number(m[1]), half: Number(m[2]) })],
  [/^(\d{4})N9$/, (m) => ({ type: 'nine_months', year: Number(m[1]) })],
  [/^(\d{4})$/, (m) => ({ type: 'year', year: Number(m[1]) })],
];

function partsOfId(id: string): PeriodParts {
  for (const [pattern, build] of ID_PATTERNS) {
    const match = pattern.exec(id);
    if (match) return build(match);
  }
  return periodError({ message: 'PERIOD_ID_MALFORMED', params: { id } });
}

/**
 * Parses a canonical period id (`20210715`, `2021W28`, `202107`, `2021Q3`, `2021S1`, `2021N9`, `2021`).
 * A zero-padded week (`2021W01`) is accepted and returned with its canonical id `2021W1`.
 * @throws DomainError VALIDATION_FAILED (field `period`) with a message saying what is wrong,
 *   e.g. `2021Q5` (quarter out of range), `202113` (no month 13), `20210230` (no such day).
 */
export function parsePeriod(id: string): Period {
  const parts = partsOfId(id);
  checkParts(parts, id);
  const { start, end } = rangeOfParts(parts);
  return { type: parts.type, id: idOfParts(parts), start, end };
}

/** Like {@link parsePeriod} but returns `null` instead of throwing on an invalid id. */
export function tryParsePeriod(id: string): Period | null {
  try {
    return parsePeriod(id);
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

function resolve(period: Period | string): Period {
  return parsePeriod(typeof period === 'string' ? period : period.id);
}

/** Takes a period (or its id) apart, e.g. `2021Q3` → `{ type: 'quarter', year: 2021, quarter: 3 }`. */
export function periodParts(period: Period | string): PeriodParts {
  return partsOfId(resolve(period).id);
}

/** The first day of a period (or of the period with this id). */
export function periodStart(period: Period | string): CalendarDate {
  return resolve(period).start;
}

/** The last day (inclusive) of a period (or of the period with this id). */
export function periodEnd(period: Period | string): CalendarDate {
  return resolve(period).end;
}

/** Whether a date falls within a period, both ends included. */
export function periodContains(period: Period | string, date: CalendarDate): boolean {
  const { start, end } = resolve(period);
  dayNumber(date);
  return start <= date && date <= end;
}

function yearOfDate(date: CalendarDate): number {
  const civil = parseCivil(date);
  if (!civil) dateError(date);
  return civil.year;
}

/**
 * The period of a type that contains a date, e.g. `('quarter', '2021-07-15')` → `2021Q3`.
 * Dates in October–December belong to no `nine_months` period.
 * @throws DomainError VALIDATION_FAILED when the date is invalid, out of the supported years,
 *   or (for `nine_months`) after 30 September.
 */
export function periodForDate(type: PeriodType, date: CalendarDate): Period {
  const civil = parseCivil(date);
  if (!civil) dateError(date);
  const { year, month, day } = civil;
  switch (type) {
    case 'day':
      return periodFromParts({ type, year, month, day });
    case 'week':
      return periodFromParts({ type, ...isoWeekOfDayNumber(daysFromCivil(year, month, day)) });
    case 'month':
      return periodFromParts({ type, year, month });
    case 'quarter':
      return periodFromParts({ type, year, quarter: Math.ceil(month / 3) });
    case 'half_year':
      return periodFromParts({ type, year, half: month <= 6 ? 1 : 2 });
    case 'nine_months':
      if (month > 9) {
        periodError({ message: 'DATE_IN_NO_NINE_MONTHS', params: { date } });
      }
      return periodFromParts({ type, year });
    case 'year':
      return periodFromParts({ type, year });
  }
}

/** The period right after this one (the next year's, for `nine_months`). */
export function nextPeriod(period: Period | string): Period {
  const current = resolve(period);
  if (current.type === 'nine_months')
    return periodFromParts({ type: 'nine_months', year: yearOfDate(current.start) + 1 });
  return periodForDate(current.type, addDays(current.end, 1));
}

/** The period right before this one (the previous year's, for `nine_months`). */
export function previousPeriod(period: Period | string): Period {
  const current = resolve(period);
  if (current.type === 'nine_months')
    return periodFromParts({ type: 'nine_months', year: yearOfDate(current.start) - 1 });
  return periodForDate(current.type, addDays(current.start, -1));
}

/**
 * Every period of a type that overlaps the dates `from`–`to` (inclusive), in order. Periods
 * at the ends may stick out of the range (a week straddling `from`, say); an empty list when
 * `to` is before `from`.
 */
export function enumeratePeriods(type: PeriodType, from: CalendarDate, to: CalendarDate): Period[] {
  dayNumber(from);
  dayNumber(to);
  if (to < from) return [];
  const fromYear = yearOfDate(from);
  let current =
    type === 'nine_months'
      ? periodFromParts({ type, year: from > formatCivil(fromYear, 9, 30) ? fromYear + 1 : fromYear })
      : periodForDate(type, from);
  const periods: Period[] = [];
  while (current.start <= to) {
    periods.push(current);
    current = nextPeriod(current);
  }
  return periods;
}

// ---------------------------------------------------------------------------
// ISO 8601 intervals (ADX)
// ---------------------------------------------------------------------------

const DURATIONS: Record<PeriodType, string> = {
  day: 'P1D',
  week: 'P7D',
  month: 'P1M',
  quarter: 'P3M',
  half_year: 'P6M',
  nine_months: 'P9M',
  year: 'P1Y',
};

const DURATION_TYPES: Readonly<Record<string, PeriodType>> = {
  P1D: 'day',
  P7D: 'week',
  P1W: 'week',
  P1M: 'month',
  P3M: 'quarter',
  P6M: 'half_year',
  P9M: 'nine_months',
  P12M: 'year',
  P1Y: 'year',
};

/**
 * The ISO 8601 interval form used by IHE ADX: start date and duration, e.g. `2021-07-01/P1M`,
 * `2021-07-15/P1D`, `2021-07-12/P7D` (week 2021W28), `/P3M`, `/P6M`, `/P9M`, `/P1Y`.
 */
export function toIsoInterval(period: Period | string): string {
  const { type, start } = resolve(period);
  return `${start}/${DURATIONS[type]}`;
}

/**
 * Parses an ADX period: an ISO 8601 interval `start/duration` (`P1D`, `P7D` or `P1W`, `P1M`,
 * `P3M`, `P6M`, `P9M`, `P1Y` or `P12M`) or an ISO week `2021-W28`. The start must be the first
 * day of a period of that length (a Monday for weeks, 1 January/April/July/October for quarters…).
 * @throws DomainError VALIDATION_FAILED (field `period`) otherwise.
 */
export function parseIsoInterval(value: string): Period {
  const week = /^(\d{4})-W(\d{2})$/.exec(value);
  if (week) return periodFromParts({ type: 'week', year: Number(week[1]), week: Number(week[2]) });
  const match = /^(\d{4}-\d{2}-\d{2})\/(P\d+[DWMY])$/.exec(value);
  const type = match ? DURATION_TYPES[match[2] ?? ''] : undefined;
  const start = match?.[1] ?? '';
  if (!type || !isIsoDate(start)) {
    return periodError({ message: 'ISO_INTERVAL_INVALID', params: { value } });
  }
  if (type === 'nine_months' && start.slice(5) !== '01-01') {
    return periodError({ message: 'ISO_INTERVAL_NINE_MONTHS_START', params: { value } });
  }
  const period =
    type === 'nine_months' ? periodFromParts({ type, year: yearOfDate(start) }) : periodForDate(type, start);
  if (period.start !== start) {
    return periodError({ message: 'ISO_INTERVAL_NOT_A_PERIOD', params: { value, start: period.start } });
  }
  return period;
}

// ---------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'];

/**
 * A human label for a period. Vietnamese: "Ngày 15/07/2021", "Tuần 28/2021", "Tháng 7/2021",
 * "Quý III/2021", "6 tháng đầu năm 2021", "6 tháng cuối năm 2021", "9 tháng năm 2021", "Năm 2021".
 * English: "15 Jul 2021", "Week 28 2021", "July 2021", "Q3 2021", "H1 2021", "H2 2021",
 * "9 months 2021", "Year 2021".
 */
export function periodLabel(period: Period | string, language: Language = 'vi'): string {
  const parts = periodParts(period);
  const vi = language === 'vi';
  switch (parts.type) {
    case 'day': {
      if (vi) return `Ngày ${pad(parts.day, 2)}/${pad(parts.month, 2)}/${parts.year}`;
      return `${parts.day} ${MONTHS_EN[parts.month - 1]?.slice(0, 3)} ${parts.year}`;
    }
    case 'week':
      return vi ? `Tuần ${parts.week}/${parts.year}` : `Week ${parts.week} ${parts.year}`;
    case 'month':
      return vi ? `Tháng ${parts.month}/${parts.year}` : `${MONTHS_EN[parts.month - 1]} ${parts.year}`;
    case 'quarter':
      return vi ? `Quý ${ROMAN_QUARTERS[parts.quarter - 1]}/${parts.year}` : `Q${parts.quarter} ${parts.year}`;
    case 'half_year':
      if (vi) return `6 tháng ${parts.half === 1 ? 'đầu' : 'cuối'} năm ${parts.year}`;
      return `H${parts.half} ${parts.year}`;
    case 'nine_months':
      return vi ? `9 tháng năm ${parts.year}` : `9 months ${parts.year}`;
    case 'year':
      return vi ? `Năm ${parts.year}` : `Year ${parts.year}`;
  }
}

// ---------------------------------------------------------------------------
// Data windows
// ---------------------------------------------------------------------------

/**
 * How a regime counts its figures: `calendar` — the period itself; `decree09` — the cut-off
 * windows (thời gian chốt số liệu) of Decree 09/2019/NĐ-CP, Article 12.
 */
export type DataWindowKind = 'calendar' | 'decree09';

/** Every data-window kind. */
export const dataWindowKinds: readonly DataWindowKind[] = ['calendar', 'decree09'];

/** The 15th of the month before `month` of `year` (December of the previous year for January). */
function fifteenthOfPreviousMonth(year: number, month: number): CalendarDate {
  return month === 1 ? formatCivil(year - 1, 12, 15) : formatCivil(year, month - 1, 15);
}

/**
 * The dates whose figures a period's report counts. For `decree09`: month = 15th of the
 * previous month to the 14th; quarter = 15th of the month before the quarter to the 14th of
 * its last month; S1 = 15 December of the previous year to 14 June, S2 = 15 June to
 * 14 December; nine months = 15 December of the previous year to 14 September; year =
 * 15 December of the previous year to 14 December. Days and weeks have no cut-off: their
 * window is the period itself, as is every window of kind `calendar`.
 */
export function dataWindow(period: Period | string, kind: DataWindowKind): DateRange {
  const resolved = resolve(period);
  if (kind === 'calendar' || resolved.type === 'day' || resolved.type === 'week') {
    return { start: resolved.start, end: resolved.end };
  }
  const first = parseCivil(resolved.start);
  const last = parseCivil(resolved.end);
  if (!first || !last) return dateError(resolved.start);
  return {
    start: fifteenthOfPreviousMonth(first.year, first.month),
    end: formatCivil(last.year, last.month, 14),
  };
}
