/**
 * Vietnamese public holidays and working days.
 *
 * The defaults follow the Labour Code: 45/2019/QH14 (Article 112) from 2021, 10/2012/QH13
 * (Article 115) for 2013–2020. The exact Tết days and the day next to National Day are
 * fixed every year by the Prime Minister, and offices often swap a working day to join
 * holidays to a weekend; those decisions cannot be computed, so the defaults are a starting
 * point that administrators edit, and everything here takes the edited list as input.
 */
import { DomainError } from '../errors/error-codes';
import { lunarNewYear, lunarToSolar } from '../periods/lunar';
import { addDays, type CalendarDate, dayNumber, daysBetween, isoWeekday } from '../periods/periods';

/** A day off: statutory (the law names it) or compensatory (nghỉ bù, for one that fell on a weekend). */
export interface Holiday {
  date: CalendarDate;
  nameVi: string;
  nameEn: string;
  kind: 'statutory' | 'compensatory';
}

/** The days off, as ISO dates. Saturdays and Sundays are not listed: they are never working days. */
export type HolidayCalendar = ReadonlySet<CalendarDate>;

/** The years {@link defaultHolidays} covers: Labour Code 2012 from 2013, lunar tables to 2100. */
export const MIN_HOLIDAY_YEAR = 2013;
export const MAX_HOLIDAY_YEAR = 2100;

function statutoryHolidays(year: number): Holiday[] {
  const holiday = (date: CalendarDate, nameVi: string, nameEn: string): Holiday => ({
    date,
    nameVi,
    nameEn,
    kind: 'statutory',
  });
  const tet = lunarNewYear(year);
  const days: Holiday[] = [
    holiday(`${year}-01-01`, 'Tết Dương lịch', "New Year's Day"),
    holiday(addDays(tet, -1), 'Tết Nguyên đán (ngày cuối năm âm lịch)', 'Lunar New Year (New Year’s Eve)'),
  ];
  for (let day = 1; day <= 4; day += 1) {
    days.push(holiday(addDays(tet, day - 1), `Tết Nguyên đán (mùng ${day})`, `Lunar New Year (day ${day})`));
  }
  days.push(
    holiday(
      lunarToSolar({ year, month: 3, day: 10, leap: false }),
      'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      'Hùng Kings’ Commemoration Day',
    ),
    holiday(`${year}-04-30`, 'Ngày Chiến thắng (30/4)', 'Reunification Day'),
    holiday(`${year}-05-01`, 'Ngày Quốc tế Lao động (1/5)', 'International Labour Day'),
    holiday(`${year}-09-02`, 'Quốc khánh (2/9)', 'National Day'),
  );
  if (year >= 2021) {
    const adjacent = nationalDayAdjacentDay(year);
    days.push(holiday(adjacent, 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)'));
  }
  return days;
}

/**
 * Since 2021 National Day is two days: 2/9 and "one day immediately before or after it"
 * (Labour Code 2019, Art. 112(1)(đ)), chosen yearly. Default rule: the neighbour giving the
 * longer break together with the weekend, 1/9 on a tie. It reproduces the official choices
 * of 2021 (3/9), 2022 (1/9), 2023 (1/9), 2024 (3/9) and 2025 (1/9).
 */
function nationalDayAdjacentDay(year: number): CalendarDate {
  const nationalDay = `${year}-09-02`;
  const breakLength = (adjacent: CalendarDate): number => {
    const off = (date: CalendarDate) => date === nationalDay || date === adjacent || isoWeekday(date) >= 6;
    let first = nationalDay;
    while (off(addDays(first, -1))) first = addDays(first, -1);
    let last = nationalDay;
    while (off(addDays(last, 1))) last = addDays(last, 1);
    return daysBetween(first, last) + 1;
  };
  const before = `${year}-09-01`;
  const after = `${year}-09-03`;
  return breakLength(after) > breakLength(before) ? after : before;
}

function checkYears(yearFrom: number, yearTo: number): void {
  const valid = (year: number) => Number.isInteger(year) && year >= MIN_HOLIDAY_YEAR && year <= MAX_HOLIDAY_YEAR;
  if (!valid(yearFrom) || !valid(yearTo) || yearFrom > yearTo) {
    throw new DomainError('VALIDATION_FAILED', {
      field: 'year',
      message: 'HOLIDAY_YEARS_OUT_OF_RANGE',
      params: { from: yearFrom, to: yearTo, min: MIN_HOLIDAY_YEAR, max: MAX_HOLIDAY_YEAR },
    });
  }
}

/**
 * The default Vietnamese public holidays of the years `yearFrom`–`yearTo`, sorted by date:
 * - New Year's Day, 1/1;
 * - Tết, 5 days: the last day of the lunar year (29 or 30 tháng Chạp) and days 1–4 of the
 *   new lunar year (the law gives 5 days and leaves their placement to the Prime Minister);
 * - the Hùng Kings' day, 10/3 lunar;
 * - 30/4 and 1/5;
 * - National Day 2/9, plus from 2021 one adjacent day, 1/9 or 3/9 (rule below);
 * - compensatory days (nghỉ bù): each holiday falling on a Saturday or Sunday gives the next
 *   day that is neither a weekend nor a holiday (Labour Code 2019, Art. 111(3); 2012, Art. 115(3)).
 *
 * National Day's adjacent day: the neighbour of 2/9 that makes the longer break with the
 * weekend, 1/9 on a tie — which matches the Prime Minister's choices for 2021–2025.
 * @throws DomainError VALIDATION_FAILED (field `year`) outside 2013–2100.
 */
export function defaultHolidays(yearFrom: number, yearTo: number): Holiday[] {
  checkYears(yearFrom, yearTo);
  const holidays: Holiday[] = [];
  for (let year = yearFrom; year <= yearTo; year += 1) {
    const statutory = statutoryHolidays(year).sort((a, b) => a.date.localeCompare(b.date));
    const taken = new Set(statutory.map((h) => h.date));
    holidays.push(...statutory);
    for (const day of statutory) {
      if (isoWeekday(day.date) < 6) continue;
      let compensatory = addDays(day.date, 1);
      while (isoWeekday(compensatory) >= 6 || taken.has(compensatory)) compensatory = addDays(compensatory, 1);
      taken.add(compensatory);
      holidays.push({
        date: compensatory,
        nameVi: `Nghỉ bù ${day.nameVi}`,
        nameEn: `Compensatory day off: ${day.nameEn}`,
        kind: 'compensatory',
      });
    }
  }
  return holidays.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Builds a holiday calendar from dates or holiday records (such as an administrator's edited list).
 * @throws DomainError VALIDATION_FAILED (field `date`) when an entry is not a real `YYYY-MM-DD` date.
 */
export function holidayCalendar(entries: Iterable<CalendarDate | { date: CalendarDate }>): HolidayCalendar {
  const dates = new Set<CalendarDate>();
  for (const entry of entries) {
    const date = typeof entry === 'string' ? entry : entry.date;
    dayNumber(date);
    dates.add(date);
  }
  return dates;
}

/** Whether a date is a working day: not a Saturday, a Sunday or a day of the holiday calendar. */
export function isWorkingDay(date: CalendarDate, holidays: HolidayCalendar): boolean {
  return isoWeekday(date) < 6 && !holidays.has(date);
}

/**
 * The date `n` working days after `date` (before it when `n` is negative): counting starts on
 * the next (previous) day and only working days count, so for `n ≠ 0` the result is always a
 * working day, whatever `date` is. `n = 0` returns `date` itself, working day or not, which
 * keeps the result strictly increasing in `n`.
 * @throws DomainError VALIDATION_FAILED when `n` is not an integer.
 */
export function addWorkingDays(date: CalendarDate, n: number, holidays: HolidayCalendar): CalendarDate {
  if (!Number.isInteger(n)) {
    throw new DomainError('VALIDATION_FAILED', { field: 'days', message: 'WORKING_DAYS_NOT_INTEGER' });
  }
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let current = date;
  dayNumber(date);
  while (remaining > 0) {
    current = addDays(current, step);
    if (isWorkingDay(current, holidays)) remaining -= 1;
  }
  return current;
}
