import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/error-codes';
import { addDays, dateFromDayNumber, dayNumber, isoWeekday } from '../periods/periods';
import { addWorkingDays, defaultHolidays, holidayCalendar, isWorkingDay } from './holidays';

const datesOf = (year: number, kind?: 'statutory' | 'compensatory') =>
  defaultHolidays(year, year)
    .filter((h) => !kind || h.kind === kind)
    .map((h) => h.date);

describe('defaultHolidays', () => {
  it('puts the first day of Tết on the known dates', () => {
    const tet = defaultHolidays(2021, 2027)
      .filter((h) => h.nameVi === 'Tết Nguyên đán (mùng 1)')
      .map((h) => h.date);
    expect(tet).toEqual([
      '2021-02-12',
      '2022-02-01',
      '2023-01-22',
      '2024-02-10',
      '2025-01-29',
      '2026-02-17',
      '2027-02-06',
    ]);
  });

  it('lists the statutory days of 2024 and their compensatory days', () => {
    expect(datesOf(2024, 'statutory')).toEqual([
      '2024-01-01',
      '2024-02-09',
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
      '2024-02-13',
      '2024-04-18',
      '2024-04-30',
      '2024-05-01',
      '2024-09-02',
      '2024-09-03',
    ]);
    // Mùng 1 and mùng 2 fell on Saturday and Sunday.
    expect(datesOf(2024, 'compensatory')).toEqual(['2024-02-14', '2024-02-15']);
    const hung = defaultHolidays(2024, 2024).find((h) => h.date === '2024-04-18');
    expect(hung).toMatchObject({ nameVi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', kind: 'statutory' });
  });

  it('gives compensatory days after weekend holidays, skipping other holidays', () => {
    // 2022: 30/4 Saturday and 1/5 Sunday → Monday 2/5 and Tuesday 3/5.
    expect(datesOf(2022, 'compensatory')).toEqual(['2022-01-03', '2022-04-11', '2022-05-02', '2022-05-03']);
    // 2023: Hùng Kings 29/4 Saturday and 30/4 Sunday, 1/5 Monday → 2/5 and 3/5.
    expect(datesOf(2023, 'compensatory')).toContain('2023-05-02');
    expect(datesOf(2023, 'compensatory')).toContain('2023-05-03');
    for (const holiday of defaultHolidays(2013, 2100).filter((h) => h.kind === 'compensatory')) {
      expect(isoWeekday(holiday.date)).toBeLessThan(6);
    }
  });

  it('gives National Day two days from 2021, matching the official choices of 2021–2025', () => {
    const nationalDays = (year: number) => datesOf(year, 'statutory').filter((d) => d.slice(5, 7) === '09');
    expect(nationalDays(2020)).toEqual(['2020-09-02']);
    expect(nationalDays(2021)).toEqual(['2021-09-02', '2021-09-03']);
    expect(nationalDays(2022)).toEqual(['2022-09-01', '2022-09-02']);
    expect(nationalDays(2023)).toEqual(['2023-09-01', '2023-09-02']);
    expect(nationalDays(2024)).toEqual(['2024-09-02', '2024-09-03']);
    expect(nationalDays(2025)).toEqual(['2025-09-01', '2025-09-02']);
  });

  it('gives 11 statutory days a year from 2021 (10 before), unique and sorted', () => {
    for (let year = 2013; year <= 2100; year += 1) {
      expect(datesOf(year, 'statutory').length).toBe(year >= 2021 ? 11 : 10);
      const all = datesOf(year);
      expect(new Set(all).size).toBe(all.length);
      expect([...all].sort()).toEqual(all);
      expect(all.every((d) => d.startsWith(String(year)))).toBe(true);
    }
  });

  it('has a bilingual name for every day', () => {
    for (const holiday of defaultHolidays(2020, 2027)) {
      expect(holiday.nameVi.length).toBeGreaterThan(0);
      expect(holiday.nameEn.length).toBeGreaterThan(0);
    }
  });

  it('rejects years it cannot compute', () => {
    expect(() => defaultHolidays(2012, 2020)).toThrow(DomainError);
    expect(() => defaultHolidays(2025, 2024)).toThrow(DomainError);
    expect(() => defaultHolidays(2020, 2101)).toThrow(DomainError);
  });
});

describe('holidayCalendar', () => {
  it('takes dates or holiday records, and rejects invalid dates', () => {
    const calendar = holidayCalendar(['2021-07-15', { date: '2021-07-16' }]);
    expect([...calendar]).toEqual(['2021-07-15', '2021-07-16']);
    expect(() => holidayCalendar(['2021-02-30'])).toThrow(DomainError);
  });
});

describe('working days', () => {
  const calendar = holidayCalendar(defaultHolidays(2020, 2027));

  it('skips weekends and holidays', () => {
    expect(isWorkingDay('2024-02-08', calendar)).toBe(true);
    expect(isWorkingDay('2024-02-12', calendar)).toBe(false);
    expect(isWorkingDay('2024-02-17', calendar)).toBe(false);
    expect(isWorkingDay('2024-02-18', calendar)).toBe(false);
    expect(isWorkingDay('2024-02-16', calendar)).toBe(true);
    expect(addWorkingDays('2024-02-08', 1, calendar)).toBe('2024-02-16');
    expect(addWorkingDays('2024-02-16', -1, calendar)).toBe('2024-02-08');
    expect(addWorkingDays('2021-07-14', 2, calendar)).toBe('2021-07-16');
    expect(addWorkingDays('2021-07-16', 1, calendar)).toBe('2021-07-19');
    expect(addWorkingDays('2021-07-17', 0, calendar)).toBe('2021-07-17');
    expect(() => addWorkingDays('2021-07-17', 1.5, calendar)).toThrow(DomainError);
  });

  const dayArb = fc.integer({ min: dayNumber('2020-01-01'), max: dayNumber('2027-12-31') });
  const holidaysArb = fc
    .uniqueArray(fc.integer({ min: dayNumber('2019-10-01'), max: dayNumber('2028-03-31') }), { maxLength: 200 })
    .map((days) => holidayCalendar([...calendar, ...days.map(dateFromDayNumber)]));

  it('never lands on a weekend or a holiday, and counts exactly n working days', () => {
    fc.assert(
      fc.property(
        dayArb,
        fc.integer({ min: -40, max: 40 }).filter((n) => n !== 0),
        holidaysArb,
        (days, n, holidays) => {
          const start = dateFromDayNumber(days);
          const result = addWorkingDays(start, n, holidays);
          expect(isWorkingDay(result, holidays)).toBe(true);
          let counted = 0;
          const step = n > 0 ? 1 : -1;
          for (let date = addDays(start, step); date !== addDays(result, step); date = addDays(date, step)) {
            if (isWorkingDay(date, holidays)) counted += 1;
          }
          expect(counted).toBe(Math.abs(n));
        },
      ),
    );
  });

  it('is strictly increasing in n', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: -30, max: 29 }), holidaysArb, (days, n, holidays) => {
        const start = dateFromDayNumber(days);
        expect(addWorkingDays(start, n, holidays) < addWorkingDays(start, n + 1, holidays)).toBe(true);
      }),
    );
  });
});
