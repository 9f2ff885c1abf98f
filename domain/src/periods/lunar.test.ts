import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/error-codes';
import { lunarMonthLength, lunarNewYear, lunarToSolar, solarToLunar } from './lunar';
import { addDays, dateFromDayNumber, dayNumber } from './periods';

describe('lunarNewYear', () => {
  it('gives the known dates of Tết', () => {
    expect(lunarNewYear(2020)).toBe('2020-01-25');
    expect(lunarNewYear(2021)).toBe('2021-02-12');
    expect(lunarNewYear(2022)).toBe('2022-02-01');
    expect(lunarNewYear(2023)).toBe('2023-01-22');
    expect(lunarNewYear(2024)).toBe('2024-02-10');
    expect(lunarNewYear(2025)).toBe('2025-01-29');
    expect(lunarNewYear(2026)).toBe('2026-02-17');
    expect(lunarNewYear(2027)).toBe('2027-02-06');
  });

  it('uses Vietnam time (UTC+7), not China time, where the two calendars differ', () => {
    // China (UTC+8) celebrated on 1985-02-20 and 2007-02-18.
    expect(lunarNewYear(1985)).toBe('1985-01-21');
    expect(lunarNewYear(2007)).toBe('2007-02-17');
  });
});

describe('lunarToSolar and solarToLunar', () => {
  it('finds the Hùng Kings day (10/3 lunar)', () => {
    expect(lunarToSolar({ year: 2024, month: 3, day: 10, leap: false })).toBe('2024-04-18');
    expect(lunarToSolar({ year: 2023, month: 3, day: 10, leap: false })).toBe('2023-04-29');
    expect(lunarToSolar({ year: 2022, month: 3, day: 10, leap: false })).toBe('2022-04-10');
  });

  it('knows leap months', () => {
    expect(solarToLunar('2023-03-22')).toEqual({ year: 2023, month: 2, day: 1, leap: true });
    expect(solarToLunar('2020-05-23')).toEqual({ year: 2020, month: 4, day: 1, leap: true });
    expect(solarToLunar('2025-07-25')).toEqual({ year: 2025, month: 6, day: 1, leap: true });
    expect(lunarToSolar({ year: 2023, month: 2, day: 1, leap: true })).toBe('2023-03-22');
    expect(lunarToSolar({ year: 2023, month: 2, day: 1, leap: false })).toBe('2023-02-20');
  });

  it('puts the last days of the lunar year in the previous lunar year', () => {
    expect(solarToLunar('2024-02-09')).toEqual({ year: 2023, month: 12, day: 30, leap: false });
    expect(solarToLunar('2025-01-28')).toEqual({ year: 2024, month: 12, day: 29, leap: false });
    expect(solarToLunar('2021-02-12')).toEqual({ year: 2021, month: 1, day: 1, leap: false });
  });

  it('rejects lunar dates that do not exist', () => {
    expect(() => lunarToSolar({ year: 2024, month: 2, day: 1, leap: true })).toThrow(DomainError);
    expect(() => lunarToSolar({ year: 2023, month: 3, day: 1, leap: true })).toThrow(DomainError);
    expect(() => lunarToSolar({ year: 2024, month: 13, day: 1, leap: false })).toThrow(DomainError);
    expect(() => lunarToSolar({ year: 2024, month: 12, day: 31, leap: false })).toThrow(DomainError);
    expect(lunarMonthLength(2024, 12)).toBe(29);
    expect(() => lunarToSolar({ year: 2024, month: 12, day: 30, leap: false })).toThrow(DomainError);
    expect(() => lunarToSolar({ year: 1899, month: 1, day: 1, leap: false })).toThrow(DomainError);
    expect(() => solarToLunar('2101-01-01')).toThrow(DomainError);
  });

  it('round-trips every date of 1900-03-01 to 2100-12-31', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber('1900-03-01'), max: dayNumber('2100-12-31') }), (days) => {
        const date = dateFromDayNumber(days);
        const lunar = solarToLunar(date);
        expect(lunarToSolar(lunar)).toBe(date);
      }),
      { numRuns: 500 },
    );
  });

  it('advances one lunar day per day, with months of 29 or 30 days', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber('1900-03-01'), max: dayNumber('2100-12-30') }), (days) => {
        const date = dateFromDayNumber(days);
        const today = solarToLunar(date);
        const tomorrow = solarToLunar(addDays(date, 1));
        if (tomorrow.day === 1) {
          expect([29, 30]).toContain(today.day);
          expect(lunarMonthLength(today.year, today.month, today.leap)).toBe(today.day);
        } else {
          expect(tomorrow).toEqual({ ...today, day: today.day + 1 });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('holds for every day from 1900 to 2100: each day one lunar day on, and back again', () => {
    // Exhaustive, because the true new moon can stray from the mean one on a handful of days
    // only (2054-05-07, 2062-04-08 and -09 were once day 0 of a month).
    const bad: string[] = [];
    for (let days = dayNumber('1900-03-01'); days <= dayNumber('2100-12-30'); days += 1) {
      const date = dateFromDayNumber(days);
      const today = solarToLunar(date);
      const tomorrow = solarToLunar(addDays(date, 1));
      const steps =
        tomorrow.day === 1
          ? (today.day === 29 || today.day === 30) &&
            lunarMonthLength(today.year, today.month, today.leap) === today.day
          : tomorrow.year === today.year &&
            tomorrow.month === today.month &&
            tomorrow.leap === today.leap &&
            tomorrow.day === today.day + 1;
      if (!steps || today.day < 1 || lunarToSolar(today) !== date) bad.push(date);
    }
    expect(bad).toEqual([]);
  });

  it('starts every lunar year between 21 January and 20 February', () => {
    for (let year = 1901; year <= 2100; year += 1) {
      const tet = lunarNewYear(year);
      expect(tet >= `${year}-01-21` && tet <= `${year}-02-20`, `${year}: ${tet}`).toBe(true);
    }
  });
});
