import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/error-codes';
import { dateFromDayNumber, dayNumber, type PeriodType, periodForDate, periodFromParts } from '../periods/periods';
import { defaultHolidays, holidayCalendar } from './holidays';
import {
  computeSchedule,
  covidDailySupportSchedules,
  decree09MonthlySchedules,
  formatVietnamInstant,
  minutesLate,
  type Schedule,
  type ScheduleAnchor,
  type ScheduleOffset,
  validateSchedule,
  validateScheduleOffsets,
  vietnamDate,
  vietnamInstant,
  windowState,
} from './schedules';

const holidays = holidayCalendar(defaultHolidays(2013, 2100));
const noHolidays = holidayCalendar([]);

describe('Vietnam time', () => {
  it('is a fixed UTC+07:00', () => {
    expect(vietnamInstant('2021-07-15', '14:00')).toBe(Date.parse('2021-07-15T07:00:00Z'));
    expect(vietnamInstant('2021-01-01', '00:00')).toBe(Date.parse('2020-12-31T17:00:00Z'));
    expect(formatVietnamInstant(Date.parse('2021-07-15T07:00:00Z'))).toBe('2021-07-15T14:00:00+07:00');
    expect(vietnamDate(Date.parse('2021-07-14T17:30:00Z'))).toBe('2021-07-15');
    expect(vietnamDate(Date.parse('2021-07-14T16:59:59Z'))).toBe('2021-07-14');
    expect(() => vietnamInstant('2021-07-15', '24:00')).toThrow(DomainError);
    expect(() => vietnamInstant('2021-07-15', '9:00')).toThrow(DomainError);
  });

  it('formats instants that parse back to the same second', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('1950-01-01T00:00:00Z'), max: Date.parse('2200-01-01T00:00:00Z') }),
        (ms) => {
          const text = formatVietnamInstant(ms);
          expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
          expect(Date.parse(text)).toBe(Math.floor(ms / 1000) * 1000);
          expect(text.slice(0, 10)).toBe(vietnamDate(ms));
        },
      ),
    );
  });
});

describe('computeSchedule', () => {
  it('computes the daily COVID-19 support report windows of each level', () => {
    const entry = computeSchedule('20210715', 'calendar', covidDailySupportSchedules.entry, holidays);
    expect(entry).toEqual({
      opensAt: '2021-07-15T14:00:00+07:00',
      dueAt: '2021-07-15T16:00:00+07:00',
      closesAt: '2021-07-15T16:00:00+07:00',
      opensAtMs: Date.parse('2021-07-15T14:00:00+07:00'),
      dueAtMs: Date.parse('2021-07-15T16:00:00+07:00'),
      closesAtMs: Date.parse('2021-07-15T16:00:00+07:00'),
    });
    const district = computeSchedule('20210715', 'calendar', covidDailySupportSchedules.district, holidays);
    expect([district.opensAt, district.dueAt, district.closesAt]).toEqual([
      '2021-07-15T16:00:00+07:00',
      '2021-07-15T16:30:00+07:00',
      '2021-07-15T16:30:00+07:00',
    ]);
    const province = computeSchedule('20210715', 'calendar', covidDailySupportSchedules.province, holidays);
    expect([province.opensAt, province.dueAt, province.closesAt]).toEqual([
      '2021-07-15T16:30:00+07:00',
      '2021-07-15T17:00:00+07:00',
      '2021-07-15T17:00:00+07:00',
    ]);
    // Daily reports run on weekends and holidays too: the offsets count calendar days.
    const sunday = computeSchedule('20210718', 'calendar', covidDailySupportSchedules.entry, holidays);
    expect(sunday.dueAt).toBe('2021-07-18T16:00:00+07:00');
  });

  it('makes the monthly commune report due 2 working days after the Decree 09 cut-off', () => {
    const july = computeSchedule('202107', 'decree09', decree09MonthlySchedules.commune, holidays);
    expect(july.opensAt).toBe('2021-07-15T00:00:00+07:00');
    expect(july.dueAt).toBe('2021-07-16T17:00:00+07:00');
    expect(july.closesAt).toBe('2021-07-19T17:00:00+07:00');
    // Cut-off Wednesday 14 February 2024, in the Tết break (9–15 February).
    const tet = computeSchedule('202402', 'decree09', decree09MonthlySchedules.commune, holidays);
    expect(tet.dueAt).toBe('2024-02-19T17:00:00+07:00');
    const tetProvince = computeSchedule('202402', 'decree09', decree09MonthlySchedules.province, holidays);
    expect(tetProvince.dueAt).toBe('2024-02-21T17:00:00+07:00');
    // Cut-off on a Saturday: counting starts on the Monday.
    const september = computeSchedule('202409', 'decree09', decree09MonthlySchedules.commune, holidays);
    expect(september.dueAt).toBe('2024-09-17T17:00:00+07:00');
    // With calendar windows the anchor is the month's last day.
    const calendarJuly = computeSchedule('202107', 'calendar', decree09MonthlySchedules.commune, holidays);
    expect(calendarJuly.dueAt).toBe('2021-08-03T17:00:00+07:00');
  });

  it('anchors offsets on the period start, the period end or the window end', () => {
    const at = (anchor: ScheduleAnchor, days: number): ScheduleOffset => ({ anchor, days, time: '08:00' });
    const schedule: Schedule = { opens: at('period_start', -1), due: at('window_end', 0), closes: at('period_end', 1) };
    const result = computeSchedule('2021Q3', 'decree09', schedule, noHolidays);
    expect([result.opensAt, result.dueAt, result.closesAt]).toEqual([
      '2021-06-30T08:00:00+07:00',
      '2021-09-14T08:00:00+07:00',
      '2021-10-01T08:00:00+07:00',
    ]);
  });

  it('rejects a malformed or unordered schedule', () => {
    const bad: Schedule = {
      opens: { anchor: 'period_end', days: 0, time: '25:00' },
      due: { anchor: 'period_end', days: 1.5, time: '16:00' },
      closes: { anchor: 'later' as ScheduleAnchor, days: 0, time: '16:00' },
    };
    expect(validateScheduleOffsets(bad).map((i) => i.field)).toEqual(['opens.time', 'due.days', 'closes.anchor']);
    expect(validateSchedule(bad, '20210715', 'calendar', holidays).map((i) => i.field)).toEqual([
      'opens.time',
      'due.days',
      'closes.anchor',
    ]);
    const unordered: Schedule = {
      opens: { anchor: 'period_end', days: 0, time: '16:00' },
      due: { anchor: 'period_end', days: 0, time: '14:00' },
      closes: { anchor: 'period_end', days: 0, time: '13:00' },
    };
    expect(validateSchedule(unordered, '20210715', 'calendar', holidays).map((i) => i.field)).toEqual([
      'due',
      'closes',
    ]);
    let caught: unknown;
    try {
      computeSchedule('20210715', 'calendar', unordered, holidays);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).field).toBe('schedule.due');
    expect((caught as DomainError).messageIn('vi')).toContain('hạn nộp');
  });

  it('validates working-day schedules per period, since their order can depend on it', () => {
    const schedule: Schedule = {
      opens: { anchor: 'period_end', days: 3, time: '00:00' },
      due: { anchor: 'period_end', days: 1, workingDays: true, time: '17:00' },
      closes: { anchor: 'period_end', days: 10, time: '17:00' },
    };
    // Friday: the next working day is Monday, after opening on Monday 00:00.
    expect(validateSchedule(schedule, '20210716', 'calendar', noHolidays)).toEqual([]);
    // Monday: due Tuesday, before opening on Thursday.
    expect(validateSchedule(schedule, '20210719', 'calendar', noHolidays).map((i) => i.field)).toEqual(['due']);
  });

  const timeArb = fc.integer({ min: 0, max: 24 * 60 - 1 });
  const offsetArb = fc.tuple(fc.integer({ min: -60, max: 60 }), timeArb);
  const periodArb = fc
    .tuple(
      fc.constantFrom<PeriodType>('day', 'week', 'month', 'quarter', 'half_year', 'nine_months', 'year'),
      fc.integer({ min: dayNumber('2014-01-01'), max: dayNumber('2099-12-31') }),
    )
    .map(([type, days]) => {
      const date = dateFromDayNumber(days);
      return type === 'nine_months'
        ? periodFromParts({ type, year: Number(date.slice(0, 4)) })
        : periodForDate(type, date);
    });
  const hhmm = (minutes: number) =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

  it('is monotonic for offsets sharing an anchor and a day count, in order', () => {
    fc.assert(
      fc.property(
        periodArb,
        fc.constantFrom<'calendar' | 'decree09'>('calendar', 'decree09'),
        fc.constantFrom<ScheduleAnchor>('period_start', 'period_end', 'window_end'),
        fc.boolean(),
        fc.array(offsetArb, { minLength: 3, maxLength: 3 }),
        (period, windowKind, anchor, workingDays, offsets) => {
          const [opens, due, closes] = [...offsets]
            .sort(([d1, t1], [d2, t2]) => d1 - d2 || t1 - t2)
            .map(([days, minutes]): ScheduleOffset => ({ anchor, days, workingDays, time: hhmm(minutes) })) as [
            ScheduleOffset,
            ScheduleOffset,
            ScheduleOffset,
          ];
          const schedule = { opens, due, closes };
          expect(validateSchedule(schedule, period, windowKind, holidays)).toEqual([]);
          const result = computeSchedule(period, windowKind, schedule, holidays);
          expect(result.opensAtMs).toBeLessThanOrEqual(result.dueAtMs);
          expect(result.dueAtMs).toBeLessThanOrEqual(result.closesAtMs);
          expect(Date.parse(result.dueAt)).toBe(result.dueAtMs);
        },
      ),
    );
  });
});

describe('minutesLate', () => {
  const due = Date.parse('2021-07-15T16:00:00+07:00');

  it('is 0 on time and whole minutes rounded up when late', () => {
    expect(minutesLate(due, due - 60_000)).toBe(0);
    expect(minutesLate(due, due)).toBe(0);
    expect(minutesLate(due, due + 1)).toBe(1);
    expect(minutesLate(due, due + 60_000)).toBe(1);
    expect(minutesLate(due, due + 60_001)).toBe(2);
    expect(minutesLate('2021-07-15T16:00:00+07:00', due + 90 * 60_000)).toBe(90);
    expect(() => minutesLate('yesterday', due)).toThrow(DomainError);
  });

  it('never undercounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (delta) => {
        const late = minutesLate(due, due + delta);
        expect(late).toBeGreaterThanOrEqual(0);
        expect(late * 60_000).toBeGreaterThanOrEqual(delta);
        expect((late - 1) * 60_000).toBeLessThan(Math.max(delta, 1));
      }),
    );
  });
});

describe('windowState', () => {
  const instants = computeSchedule('20210715', 'calendar', covidDailySupportSchedules.entry, holidays);
  const at = (time: string) => Date.parse(`2021-07-15T${time}+07:00`);

  it('follows the daily entry window', () => {
    expect(windowState(instants, at('13:59:59.999'))).toBe('not_open');
    expect(windowState(instants, at('14:00:00'))).toBe('open');
    expect(windowState(instants, at('16:00:00'))).toBe('open');
    expect(windowState(instants, at('16:00:00.001'))).toBe('closed');
  });

  it('has an overdue stretch when closing is after the due time', () => {
    const monthly = computeSchedule('202107', 'decree09', decree09MonthlySchedules.commune, holidays);
    expect(windowState(monthly, Date.parse('2021-07-14T23:59:59+07:00'))).toBe('not_open');
    expect(windowState(monthly, Date.parse('2021-07-16T17:00:00+07:00'))).toBe('open');
    expect(windowState(monthly, Date.parse('2021-07-17T09:00:00+07:00'))).toBe('overdue');
    expect(windowState(monthly, Date.parse('2021-07-19T17:00:01+07:00'))).toBe('closed');
  });

  it('only moves forward through its states as time passes', () => {
    const order = ['not_open', 'open', 'overdue', 'closed'];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: -100, max: 10_100 }),
        fc.integer({ min: 0, max: 1_000 }),
        (points, now, later) => {
          const [opensAtMs, dueAtMs, closesAtMs] = [...points].sort((a, b) => a - b) as [number, number, number];
          const schedule = { opensAtMs, dueAtMs, closesAtMs };
          const before = order.indexOf(windowState(schedule, now));
          const after = order.indexOf(windowState(schedule, now + later));
          expect(after).toBeGreaterThanOrEqual(before);
          const accepted = now >= opensAtMs && now <= closesAtMs;
          expect(['open', 'overdue'].includes(windowState(schedule, now))).toBe(accepted);
        },
      ),
    );
  });
});
