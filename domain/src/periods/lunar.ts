/**
 * The Vietnamese lunisolar calendar (âm lịch), needed for Tết and the Hùng Kings' day.
 *
 * This is Hồ Ngọc Đức's published algorithm (astronomical new moons and solar terms after
 * Meeus, evaluated at UTC+7, the meridian Vietnam has used since 1968): a lunar month starts
 * on the day of a new moon in Vietnam; month 11 is the one containing the winter solstice;
 * in a year with 13 months the leap month is the first one without a major solar term.
 * Using UTC+7 matters: it is why Vietnamese and Chinese (UTC+8) calendars sometimes
 * disagree, e.g. Tết 1985 and 2007. Conversions are accepted for Gregorian years 1900–2100.
 */
import { DomainError } from '../errors/error-codes';
import type { MessageRef } from '../errors/error-messages';
import { addDays, type CalendarDate, dateFromDayNumber, dayNumber } from './periods';

/** A date in the Vietnamese lunar calendar. `leap` marks the intercalary month (tháng nhuận). */
export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

/** The first and last Gregorian years the conversion is accepted for. */
export const MIN_LUNAR_YEAR = 1900;
export const MAX_LUNAR_YEAR = 2100;

const VIETNAM_TIME_ZONE_HOURS = 7;
/** Julian day number of 1970-01-01, to move between day numbers and Julian days. */
const JULIAN_DAY_OF_EPOCH = 2440588;
/** Julian day of the new moon of 1900-01-01, from which new moons are counted. */
const NEW_MOON_EPOCH = 2415021.076998695;
const SYNODIC_MONTH = 29.530588853;
const DEGREE = Math.PI / 180;

/** The Julian day (at noon UT) of the k-th new moon after 1900-01-01 (Meeus, chapter 49, abridged). */
function newMoon(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * DEGREE);
  const m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const mPrime = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  let c =
    (0.1734 - 0.000393 * t) * Math.sin(m * DEGREE) +
    0.0021 * Math.sin(2 * DEGREE * m) -
    0.4068 * Math.sin(mPrime * DEGREE) +
    0.0161 * Math.sin(DEGREE * 2 * mPrime) -
    0.0004 * Math.sin(DEGREE * 3 * mPrime);
  c +=
    0.0104 * Math.sin(DEGREE * 2 * f) -
    0.0051 * Math.sin(DEGREE * (m + mPrime)) -
    0.0074 * Math.sin(DEGREE * (m - mPrime)) +
    0.0004 * Math.sin(DEGREE * (2 * f + m)) -
    0.0004 * Math.sin(DEGREE * (2 * f - m)) -
    0.0006 * Math.sin(DEGREE * (2 * f + mPrime)) +
    0.001 * Math.sin(DEGREE * (2 * f - mPrime)) +
    0.0005 * Math.sin(DEGREE * (2 * mPrime + m));
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + c - deltaT;
}

/** The sun's apparent longitude in radians, in [0, 2π), at a Julian day. */
function sunLongitude(julianDay: number): number {
  const t = (julianDay - 2451545.0) / 36525;
  const t2 = t * t;
  const m = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  let dl = (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(DEGREE * m);
  dl += (0.019993 - 0.000101 * t) * Math.sin(DEGREE * 2 * m) + 0.00029 * Math.sin(DEGREE * 3 * m);
  const l = (l0 + dl) * DEGREE;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

/** The Julian day number of the local (UTC+7) day of the k-th new moon. */
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + VIETNAM_TIME_ZONE_HOURS / 24);
}

/** Which of the 12 major solar-term sectors (0–11) the sun is in at the start of a local day. */
function solarTermSector(julianDayNumber: number): number {
  return Math.floor((sunLongitude(julianDayNumber - 0.5 - VIETNAM_TIME_ZONE_HOURS / 24) / Math.PI) * 6);
}

/** The Julian day number on which lunar month 11 (the winter-solstice month) of a Gregorian year starts. */
function lunarMonth11(year: number): number {
  const offset = dayNumber(`${String(year).padStart(4, '0')}-12-31`) + JULIAN_DAY_OF_EPOCH - 2415021;
  const k = Math.floor(offset / SYNODIC_MONTH);
  const start = newMoonDay(k);
  return solarTermSector(start) >= 9 ? newMoonDay(k - 1) : start;
}

/** In a 13-month year starting at month 11 `a11`, the offset of the leap month from month 11. */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let sector = solarTermSector(newMoonDay(k + i));
  let last: number;
  do {
    last = sector;
    i += 1;
    sector = solarTermSector(newMoonDay(k + i));
  } while (sector !== last && i < 14);
  return i - 1;
}

function lunarError(message: MessageRef): never {
  throw new DomainError('VALIDATION_FAILED', { field: 'date', ...message });
}

function checkLunarYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_LUNAR_YEAR || year > MAX_LUNAR_YEAR) {
    lunarError({ message: 'LUNAR_YEAR_OUT_OF_RANGE', params: { min: MIN_LUNAR_YEAR, max: MAX_LUNAR_YEAR } });
  }
}

/**
 * The Vietnamese lunar date of a Gregorian date, e.g. `2021-02-12` → 1/1 of lunar year 2021.
 * The lunar year is numbered by the Gregorian year in which it mostly falls.
 * @throws DomainError VALIDATION_FAILED for an invalid date or a year outside 1900–2100.
 */
export function solarToLunar(date: CalendarDate): LunarDate {
  const jd = dayNumber(date) + JULIAN_DAY_OF_EPOCH;
  const year = Number(date.slice(0, 4));
  checkLunarYear(year);
  // The mean lunation gives the month to within one; the true new moon can fall a day or so
  // either side of the mean one, so step back until the month has begun.
  let k = Math.floor((jd - NEW_MOON_EPOCH) / SYNODIC_MONTH) + 1;
  while (newMoonDay(k) > jd) k -= 1;
  const monthStart = newMoonDay(k);
  let a11 = lunarMonth11(year);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1);
  }
  const day = jd - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month, day, leap };
}

/**
 * The Gregorian date of a Vietnamese lunar date, e.g. 10/3 of lunar 2024 → `2024-04-18`.
 * @throws DomainError VALIDATION_FAILED when the lunar date does not exist (a leap month the
 *   year does not have, day 30 of a 29-day month…) or the year is outside 1900–2100.
 */
export function lunarToSolar(lunar: LunarDate): CalendarDate {
  const { year, month, day, leap } = lunar;
  checkLunarYear(year);
  const invalid = (): never =>
    lunarError({ message: leap ? 'LUNAR_LEAP_DATE_MISSING' : 'LUNAR_DATE_MISSING', params: { day, month, year } });
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 30) {
    return invalid();
  }
  const a11 = month < 11 ? lunarMonth11(year - 1) : lunarMonth11(year);
  const b11 = month < 11 ? lunarMonth11(year) : lunarMonth11(year + 1);
  let offset = month - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11);
    let leapMonth = leapOffset - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return invalid();
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    return invalid();
  }
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  const monthStart = newMoonDay(k + offset);
  const date = dateFromDayNumber(monthStart + day - 1 - JULIAN_DAY_OF_EPOCH);
  // Day 30 of a 29-day month would silently become day 1 of the next month: reject it.
  const back = solarToLunar(date);
  if (back.month !== month || back.day !== day || back.leap !== leap) return invalid();
  return date;
}

/** The number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(year: number, month: number, leap = false): number {
  const first = lunarToSolar({ year, month, day: 1, leap });
  const next = solarToLunar(addDays(first, 29));
  return next.day === 1 ? 29 : 30;
}

/** The Gregorian date of Tết Nguyên đán (1/1 of the lunar year starting in that Gregorian year). */
export function lunarNewYear(year: number): CalendarDate {
  return lunarToSolar({ year, month: 1, day: 1, leap: false });
}
