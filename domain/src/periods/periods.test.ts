import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/error-codes';
import {
  addDays,
  dataWindow,
  dateFromDayNumber,
  dayNumber,
  daysBetween,
  enumeratePeriods,
  formatPeriodId,
  isIsoDate,
  isoWeekday,
  isoWeeksInYear,
  nextPeriod,
  type Period,
  type PeriodType,
  parseIsoInterval,
  parsePeriod,
  periodContains,
  periodEnd,
  periodForDate,
  periodFromParts,
  periodLabel,
  periodParts,
  periodStart,
  periodTypes,
  previousPeriod,
  toIsoInterval,
  tryParsePeriod,
} from './periods';

const FIRST_DAY = dayNumber('1901-01-01');
const LAST_DAY = dayNumber('2998-12-31');

const dateArb = fc.integer({ min: FIRST_DAY, max: LAST_DAY }).map(dateFromDayNumber);
const yearArb = fc.integer({ min: 1901, max: 2998 });

function periodOf(type: PeriodType, date: string): Period {
  if (type === 'nine_months') return periodFromParts({ type, year: Number(date.slice(0, 4)) });
  return periodForDate(type, date);
}

const periodArb = fc.tuple(fc.constantFrom(...periodTypes), dateArb).map(([type, date]) => periodOf(type, date));

/** Asserts a list of ranges covers `start`–`end` exactly, in order, with no gap or overlap. */
function expectTiling(ranges: ReadonlyArray<{ start: string; end: string }>, start: string, end: string): void {
  expect(ranges.length).toBeGreaterThan(0);
  expect(ranges[0]?.start).toBe(start);
  expect(ranges.at(-1)?.end).toBe(end);
  for (let i = 1; i < ranges.length; i += 1) {
    expect(ranges[i]?.start).toBe(addDays(ranges[i - 1]?.end ?? '', 1));
  }
  for (const range of ranges) expect(range.start <= range.end).toBe(true);
}

function expectPeriodError(id: string, fragment: string): void {
  let caught: unknown;
  try {
    parsePeriod(id);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DomainError);
  const error = caught as DomainError;
  expect(error.code).toBe('VALIDATION_FAILED');
  expect(error.field).toBe('period');
  expect(error.messageIn('en')).toContain(fragment);
  expect(error.messageIn('vi')).toContain(id);
  expect(tryParsePeriod(id)).toBeNull();
}

describe('civil dates', () => {
  it('counts days from 1970-01-01 like Date.UTC does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (days) => {
        const date = dateFromDayNumber(days);
        expect(date).toBe(new Date(days * 86_400_000).toISOString().slice(0, 10));
        expect(dayNumber(date)).toBe(days);
      }),
    );
  });

  it('knows weekdays, leap days and invalid dates', () => {
    expect(isoWeekday('2021-07-15')).toBe(4);
    expect(isoWeekday('2024-02-10')).toBe(6);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2021-7-15')).toBe(false);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(() => addDays('2021-02-30', 1)).toThrow(DomainError);
  });
});

describe('parsePeriod', () => {
  it('parses every period type', () => {
    expect(parsePeriod('20210715')).toEqual({ type: 'day', id: '20210715', start: '2021-07-15', end: '2021-07-15' });
    expect(parsePeriod('2021W28')).toEqual({ type: 'week', id: '2021W28', start: '2021-07-12', end: '2021-07-18' });
    expect(parsePeriod('202107')).toEqual({ type: 'month', id: '202107', start: '2021-07-01', end: '2021-07-31' });
    expect(parsePeriod('2021Q3')).toEqual({ type: 'quarter', id: '2021Q3', start: '2021-07-01', end: '2021-09-30' });
    expect(parsePeriod('2021S1')).toEqual({ type: 'half_year', id: '2021S1', start: '2021-01-01', end: '2021-06-30' });
    expect(parsePeriod('2021S2')).toEqual({ type: 'half_year', id: '2021S2', start: '2021-07-01', end: '2021-12-31' });
    expect(parsePeriod('2021N9')).toEqual({
      type: 'nine_months',
      id: '2021N9',
      start: '2021-01-01',
      end: '2021-09-30',
    });
    expect(parsePeriod('2021')).toEqual({ type: 'year', id: '2021', start: '2021-01-01', end: '2021-12-31' });
  });

  it('handles ISO week 53 and weeks crossing the new year', () => {
    expect(parsePeriod('2020W53')).toMatchObject({ start: '2020-12-28', end: '2021-01-03' });
    expect(parsePeriod('2015W53')).toMatchObject({ start: '2015-12-28', end: '2016-01-03' });
    expect(parsePeriod('2026W53')).toMatchObject({ start: '2026-12-28', end: '2027-01-03' });
    expect(parsePeriod('2019W1')).toMatchObject({ start: '2018-12-31', end: '2019-01-06' });
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2021)).toBe(52);
    expect(periodForDate('week', '2021-01-03').id).toBe('2020W53');
    expect(periodForDate('week', '2024-12-30').id).toBe('2025W1');
    expectPeriodError('2021W53', '2021 has 52 ISO weeks');
  });

  it('accepts a zero-padded week and returns the canonical id', () => {
    expect(parsePeriod('2021W01').id).toBe('2021W1');
    expect(formatPeriodId({ type: 'week', year: 2021, week: 1 })).toBe('2021W1');
  });

  it('handles leap years', () => {
    expect(parsePeriod('20240229').start).toBe('2024-02-29');
    expect(parsePeriod('20000229').start).toBe('2000-02-29');
    expect(periodEnd('202402')).toBe('2024-02-29');
    expect(periodEnd('202302')).toBe('2023-02-28');
    expect(periodEnd('2024S1')).toBe('2024-06-30');
    expectPeriodError('20230229', 'not a calendar date');
    expectPeriodError('19000229', 'not a calendar date');
  });

  it('rejects invalid ids with a clear error', () => {
    expectPeriodError('2021Q5', 'quarter must be 1 to 4');
    expectPeriodError('2021Q0', 'quarter must be 1 to 4');
    expectPeriodError('202113', 'month must be 01 to 12');
    expectPeriodError('202100', 'month must be 01 to 12');
    expectPeriodError('20210230', 'not a calendar date');
    expectPeriodError('20211301', 'month must be 01 to 12');
    expectPeriodError('2021S3', 'S1 or S2');
    expectPeriodError('2021W0', 'week must be 1 to 52');
    expectPeriodError('2021W54', 'week must be 1 to 52');
    expectPeriodError('1899', 'year must be between 1900 and 2999');
    for (const id of ['', 'abc', '2021N8', '2021q3', '21Q1', '2021-07', ' 2021', '2021W', '2021W123', '2021H1']) {
      expectPeriodError(id, 'is not a period id');
    }
  });

  it('round-trips every type between id, parts, dates and ISO intervals', () => {
    fc.assert(
      fc.property(periodArb, (period) => {
        expect(parsePeriod(period.id)).toEqual(period);
        expect(tryParsePeriod(period.id)).toEqual(period);
        expect(formatPeriodId(periodParts(period))).toBe(period.id);
        expect(periodFromParts(periodParts(period.id))).toEqual(period);
        expect(periodStart(period.id)).toBe(period.start);
        expect(periodEnd(period.id)).toBe(period.end);
        expect(periodOf(period.type, period.start)).toEqual(period);
        expect(periodOf(period.type, period.end)).toEqual(period);
        expect(parseIsoInterval(toIsoInterval(period))).toEqual(period);
      }),
    );
  });
});

describe('periodForDate and periodContains', () => {
  it('finds the period containing a date, and its neighbours do not contain it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...periodTypes.filter((t) => t !== 'nine_months')),
        fc.integer({ min: FIRST_DAY + 400, max: LAST_DAY - 400 }),
        (type, days) => {
          const date = dateFromDayNumber(days);
          const period = periodForDate(type, date);
          expect(periodContains(period, date)).toBe(true);
          expect(periodContains(nextPeriod(period), date)).toBe(false);
          expect(periodContains(previousPeriod(period), date)).toBe(false);
        },
      ),
    );
  });

  it('gives examples of each type', () => {
    expect(periodForDate('day', '2021-07-15').id).toBe('20210715');
    expect(periodForDate('week', '2021-07-15').id).toBe('2021W28');
    expect(periodForDate('month', '2021-07-15').id).toBe('202107');
    expect(periodForDate('quarter', '2021-07-15').id).toBe('2021Q3');
    expect(periodForDate('half_year', '2021-07-15').id).toBe('2021S2');
    expect(periodForDate('nine_months', '2021-07-15').id).toBe('2021N9');
    expect(periodForDate('year', '2021-07-15').id).toBe('2021');
    expect(periodContains('2021N9', '2021-09-30')).toBe(true);
    expect(periodContains('2021N9', '2021-10-01')).toBe(false);
  });

  it('rejects dates in no nine-month period and invalid dates', () => {
    expect(() => periodForDate('nine_months', '2021-10-01')).toThrow(DomainError);
    expect(() => periodForDate('month', '2021-02-29')).toThrow(DomainError);
    expect(() => periodContains('2021', 'yesterday')).toThrow(DomainError);
  });
});

describe('nextPeriod and previousPeriod', () => {
  it('are inverse and adjacent', () => {
    fc.assert(
      fc.property(periodArb, (period) => {
        const next = nextPeriod(period);
        const previous = previousPeriod(period);
        expect(previousPeriod(next)).toEqual(period);
        expect(nextPeriod(previous)).toEqual(period);
        expect(next.type).toBe(period.type);
        if (period.type !== 'nine_months') {
          expect(next.start).toBe(addDays(period.end, 1));
          expect(previous.end).toBe(addDays(period.start, -1));
        }
      }),
    );
  });

  it('steps across year boundaries', () => {
    expect(nextPeriod('20211231').id).toBe('20220101');
    expect(nextPeriod('2020W53').id).toBe('2021W1');
    expect(previousPeriod('2021W1').id).toBe('2020W53');
    expect(nextPeriod('202112').id).toBe('202201');
    expect(previousPeriod('2021Q1').id).toBe('2020Q4');
    expect(nextPeriod('2021S2').id).toBe('2022S1');
    expect(nextPeriod('2021N9').id).toBe('2022N9');
    expect(previousPeriod('2021').id).toBe('2020');
    expect(() => nextPeriod('2999')).toThrow(DomainError);
  });
});

describe('enumeratePeriods', () => {
  it('tiles a year with days, months, quarters, half-years and the year', () => {
    fc.assert(
      fc.property(
        yearArb,
        fc.constantFrom<PeriodType>('day', 'month', 'quarter', 'half_year', 'year'),
        (year, type) => {
          const periods = enumeratePeriods(type, `${year}-01-01`, `${year}-12-31`);
          expectTiling(periods, `${year}-01-01`, `${year}-12-31`);
          const expected = {
            day: daysBetween(`${year}-01-01`, `${year + 1}-01-01`),
            month: 12,
            quarter: 4,
            half_year: 2,
          };
          expect(periods.length).toBe(type === 'year' ? 1 : expected[type as keyof typeof expected]);
          expect(new Set(periods.map((p) => p.id)).size).toBe(periods.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('tiles an ISO week-year with its weeks', () => {
    fc.assert(
      fc.property(yearArb, (year) => {
        const first = parsePeriod(`${year}W1`);
        const weeks = isoWeeksInYear(year);
        const last = parsePeriod(`${year}W${weeks}`);
        const periods = enumeratePeriods('week', first.start, last.end);
        expectTiling(periods, first.start, last.end);
        expect(periods.map((p) => p.id)).toEqual(Array.from({ length: weeks }, (_, i) => `${year}W${i + 1}`));
        expect(nextPeriod(last).id).toBe(`${year + 1}W1`);
      }),
    );
  });

  it('lists the periods overlapping a range', () => {
    expect(enumeratePeriods('week', '2021-01-01', '2021-01-11').map((p) => p.id)).toEqual([
      '2020W53',
      '2021W1',
      '2021W2',
    ]);
    expect(enumeratePeriods('month', '2021-11-15', '2022-01-01').map((p) => p.id)).toEqual([
      '202111',
      '202112',
      '202201',
    ]);
    expect(enumeratePeriods('nine_months', '2020-10-01', '2022-09-30').map((p) => p.id)).toEqual(['2021N9', '2022N9']);
    expect(enumeratePeriods('nine_months', '2020-09-30', '2020-12-31').map((p) => p.id)).toEqual(['2020N9']);
    expect(enumeratePeriods('year', '2021-05-01', '2021-05-01').map((p) => p.id)).toEqual(['2021']);
    expect(enumeratePeriods('day', '2021-05-02', '2021-05-01')).toEqual([]);
  });
});

describe('ISO 8601 intervals for ADX', () => {
  it('formats each type', () => {
    expect(toIsoInterval('20210715')).toBe('2021-07-15/P1D');
    expect(toIsoInterval('2021W28')).toBe('2021-07-12/P7D');
    expect(toIsoInterval('202107')).toBe('2021-07-01/P1M');
    expect(toIsoInterval('2021Q3')).toBe('2021-07-01/P3M');
    expect(toIsoInterval('2021S2')).toBe('2021-07-01/P6M');
    expect(toIsoInterval('2021N9')).toBe('2021-01-01/P9M');
    expect(toIsoInterval('2021')).toBe('2021-01-01/P1Y');
  });

  it('parses intervals, their aliases and ISO week notation', () => {
    expect(parseIsoInterval('2021-07-01/P1M').id).toBe('202107');
    expect(parseIsoInterval('2021-07-12/P1W').id).toBe('2021W28');
    expect(parseIsoInterval('2021-W28').id).toBe('2021W28');
    expect(parseIsoInterval('2021-01-01/P12M').id).toBe('2021');
    expect(parseIsoInterval('2021-01-01/P9M').id).toBe('2021N9');
  });

  it('rejects intervals that are not a period', () => {
    for (const value of [
      '2021-07-02/P1M',
      '2021-07-13/P7D',
      '2021-02-01/P3M',
      '2021-04-01/P6M',
      '2021-07-01/P9M',
      '2021-07-01/P2M',
      '2021-02-30/P1D',
      '2021-07-01',
      '2021-W53',
    ]) {
      expect(() => parseIsoInterval(value), value).toThrow(DomainError);
    }
  });
});

describe('periodLabel', () => {
  it('labels in Vietnamese', () => {
    expect(periodLabel('20210715')).toBe('Ngày 15/07/2021');
    expect(periodLabel('2021W28', 'vi')).toBe('Tuần 28/2021');
    expect(periodLabel('202107', 'vi')).toBe('Tháng 7/2021');
    expect(periodLabel('2021Q1', 'vi')).toBe('Quý I/2021');
    expect(periodLabel('2021Q3', 'vi')).toBe('Quý III/2021');
    expect(periodLabel('2021Q4', 'vi')).toBe('Quý IV/2021');
    expect(periodLabel('2021S1', 'vi')).toBe('6 tháng đầu năm 2021');
    expect(periodLabel('2021S2', 'vi')).toBe('6 tháng cuối năm 2021');
    expect(periodLabel('2021N9', 'vi')).toBe('9 tháng năm 2021');
    expect(periodLabel('2021', 'vi')).toBe('Năm 2021');
  });

  it('labels in English', () => {
    expect(periodLabel('20210715', 'en')).toBe('15 Jul 2021');
    expect(periodLabel('20210105', 'en')).toBe('5 Jan 2021');
    expect(periodLabel('2021W28', 'en')).toBe('Week 28 2021');
    expect(periodLabel('202107', 'en')).toBe('July 2021');
    expect(periodLabel('2021Q3', 'en')).toBe('Q3 2021');
    expect(periodLabel('2021S1', 'en')).toBe('H1 2021');
    expect(periodLabel('2021S2', 'en')).toBe('H2 2021');
    expect(periodLabel('2021N9', 'en')).toBe('9 months 2021');
    expect(periodLabel('2021', 'en')).toBe('Year 2021');
  });
});

describe('dataWindow', () => {
  it('gives the Decree 09 cut-off windows', () => {
    expect(dataWindow('202107', 'decree09')).toEqual({ start: '2021-06-15', end: '2021-07-14' });
    expect(dataWindow('202101', 'decree09')).toEqual({ start: '2020-12-15', end: '2021-01-14' });
    expect(dataWindow('2021Q1', 'decree09')).toEqual({ start: '2020-12-15', end: '2021-03-14' });
    expect(dataWindow('2021Q3', 'decree09')).toEqual({ start: '2021-06-15', end: '2021-09-14' });
    expect(dataWindow('2021S1', 'decree09')).toEqual({ start: '2020-12-15', end: '2021-06-14' });
    expect(dataWindow('2021S2', 'decree09')).toEqual({ start: '2021-06-15', end: '2021-12-14' });
    expect(dataWindow('2021N9', 'decree09')).toEqual({ start: '2020-12-15', end: '2021-09-14' });
    expect(dataWindow('2021', 'decree09')).toEqual({ start: '2020-12-15', end: '2021-12-14' });
    expect(dataWindow('20210715', 'decree09')).toEqual({ start: '2021-07-15', end: '2021-07-15' });
    expect(dataWindow('2021W28', 'decree09')).toEqual({ start: '2021-07-12', end: '2021-07-18' });
  });

  it('is the period itself for calendar windows', () => {
    fc.assert(
      fc.property(periodArb, (period) => {
        expect(dataWindow(period, 'calendar')).toEqual({ start: period.start, end: period.end });
      }),
    );
  });

  it('tiles the Decree 09 year with monthly, quarterly and half-year windows', () => {
    fc.assert(
      fc.property(yearArb, fc.constantFrom<PeriodType>('month', 'quarter', 'half_year'), (year, type) => {
        const windows = enumeratePeriods(type, `${year}-01-01`, `${year}-12-31`).map((p) => dataWindow(p, 'decree09'));
        expectTiling(windows, `${year - 1}-12-15`, `${year}-12-14`);
        expect(dataWindow(String(year), 'decree09')).toEqual({ start: `${year - 1}-12-15`, end: `${year}-12-14` });
      }),
    );
  });

  it('chains Decree 09 windows across years', () => {
    fc.assert(
      fc.property(fc.constantFrom<PeriodType>('month', 'quarter', 'half_year', 'year'), dateArb, (type, date) => {
        const period = periodForDate(type, date);
        if (period.start < '1901-01-01') return;
        const previous = dataWindow(previousPeriod(period), 'decree09');
        expect(dataWindow(period, 'decree09').start).toBe(addDays(previous.end, 1));
      }),
    );
  });
});
