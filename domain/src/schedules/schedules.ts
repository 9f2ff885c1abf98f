/**
 * Schedules: when entry opens, when it is due and when it closes, per regime and level.
 *
 * A schedule is three offsets from a date of the period (its first day, its last day or the
 * last day of its data window), in calendar or working days, at a wall-clock time. Wall-clock
 * times are Asia/Ho_Chi_Minh, which is a fixed UTC+07:00: Vietnam has had no daylight saving
 * time since 1975, so no time-zone database is needed and instants are computed exactly.
 */
import { DomainError } from '../errors/error-codes';
import { type LocalizedMessage, localize } from '../errors/error-messages';
import {
  type CalendarDate,
  type DataWindowKind,
  dataWindow,
  dateFromDayNumber,
  dayNumber,
  type Period,
  parsePeriod,
} from '../periods/periods';
import { addWorkingDays, type HolidayCalendar } from './holidays';

/** Vietnam's offset from UTC, in minutes (fixed: no daylight saving time). */
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const OFFSET_MS = VIETNAM_UTC_OFFSET_MINUTES * MINUTE_MS;
/** Offsets are bounded so that a typo (3650 days) is caught; a year and a bit is plenty. */
const MAX_OFFSET_DAYS = 400;

/** The date an offset counts from: the period's first or last day, or the last day of its data window. */
export type ScheduleAnchor = 'period_start' | 'period_end' | 'window_end';

/** Every schedule anchor. */
export const scheduleAnchors: readonly ScheduleAnchor[] = ['period_start', 'period_end', 'window_end'];

/**
 * A moment relative to a period: `days` after the anchor date (before it when negative, on it
 * when 0), counted as working days when `workingDays` is set, at `time` (`HH:MM`, 00:00–23:59,
 * Vietnam time).
 */
export interface ScheduleOffset {
  anchor: ScheduleAnchor;
  days: number;
  workingDays?: boolean;
  time: string;
}

/** When entry opens, when it is due, and when late submissions stop being accepted. */
export interface Schedule {
  opens: ScheduleOffset;
  due: ScheduleOffset;
  closes: ScheduleOffset;
}

/** A schedule resolved for one period: ISO instants with the +07:00 offset, and the same as epoch ms. */
export interface ScheduleInstants {
  opensAt: string;
  dueAt: string;
  closesAt: string;
  opensAtMs: number;
  dueAtMs: number;
  closesAtMs: number;
}

/** What is wrong with a schedule, for the field it is about (`due.time`, `closes`…). */
export interface ScheduleIssue {
  field: string;
  message: LocalizedMessage;
}

/**
 * Where a period's submission window stands at a moment: before opening, open (up to the due
 * instant included), overdue (past due but still accepted, up to the closing instant included),
 * closed.
 */
export type WindowState = 'not_open' | 'open' | 'overdue' | 'closed';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The epoch milliseconds of a Vietnam wall-clock time on a date, e.g. `('2021-07-15', '14:00')`
 * → the instant `2021-07-15T14:00:00+07:00`.
 * @throws DomainError VALIDATION_FAILED for an invalid date or time.
 */
export function vietnamInstant(date: CalendarDate, time: string): number {
  const match = TIME.exec(time);
  if (!match) {
    throw new DomainError('VALIDATION_FAILED', { field: 'time', message: 'TIME_INVALID', params: { time } });
  }
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return dayNumber(date) * DAY_MS + minutes * MINUTE_MS - OFFSET_MS;
}

/** The Vietnam calendar date of an instant, e.g. to find the daily period a submission belongs to. */
export function vietnamDate(epochMs: number): CalendarDate {
  return dateFromDayNumber(Math.floor((epochMs + OFFSET_MS) / DAY_MS));
}

/** An instant written in Vietnam time with its offset, e.g. `2021-07-15T14:00:00+07:00` (whole seconds). */
export function formatVietnamInstant(epochMs: number): string {
  const local = epochMs + OFFSET_MS;
  const days = Math.floor(local / DAY_MS);
  const secondsOfDay = Math.floor((local - days * DAY_MS) / 1000);
  const hh = String(Math.floor(secondsOfDay / 3600)).padStart(2, '0');
  const mm = String(Math.floor((secondsOfDay % 3600) / 60)).padStart(2, '0');
  const ss = String(secondsOfDay % 60).padStart(2, '0');
  return `${dateFromDayNumber(days)}T${hh}:${mm}:${ss}+07:00`;
}

/** An instant as a Vietnamese reader writes it, in Vietnam time: `04/12/2026 22:45`. */
export function formatVietnamDateTime(epochMs: number): string {
  const [date, time] = formatVietnamInstant(epochMs).split('T') as [string, string];
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year} ${time.slice(0, 5)}`;
}

const OFFSET_NAMES = ['opens', 'due', 'closes'] as const;
const OFFSET_LABELS = {
  opens: { vi: 'mở nhập', en: 'opening' },
  due: { vi: 'hạn nộp', en: 'due' },
  closes: { vi: 'đóng nhập', en: 'closing' },
} as const;

/**
 * Checks the shape of each offset of a schedule: a known anchor, a whole number of days
 * within ±400, a `HH:MM` time. Returns the issues found, none when the shape is right.
 */
export function validateScheduleOffsets(schedule: Schedule): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  for (const name of OFFSET_NAMES) {
    const offset = schedule[name];
    const label = OFFSET_LABELS[name];
    if (!scheduleAnchors.includes(offset.anchor)) {
      issues.push({ field: `${name}.anchor`, message: localize('SCHEDULE_ANCHOR_INVALID', { offset: label }) });
    }
    if (!Number.isInteger(offset.days) || Math.abs(offset.days) > MAX_OFFSET_DAYS) {
      issues.push({
        field: `${name}.days`,
        message: localize('SCHEDULE_DAYS_INVALID', { offset: label, max: MAX_OFFSET_DAYS }),
      });
    }
    if (!TIME.test(offset.time)) {
      issues.push({
        field: `${name}.time`,
        message: localize('SCHEDULE_TIME_INVALID', { offset: label, time: offset.time }),
      });
    }
  }
  return issues;
}

function anchorDate(period: Period, windowKind: DataWindowKind, anchor: ScheduleAnchor): CalendarDate {
  switch (anchor) {
    case 'period_start':
      return period.start;
    case 'period_end':
      return period.end;
    case 'window_end':
      return dataWindow(period, windowKind).end;
  }
}

/**
 * The instant (epoch ms) of one offset for a period.
 * @throws DomainError VALIDATION_FAILED when the offset is malformed.
 */
export function resolveScheduleOffset(
  period: Period | string,
  windowKind: DataWindowKind,
  offset: ScheduleOffset,
  holidays: HolidayCalendar,
): number {
  const resolved = parsePeriod(typeof period === 'string' ? period : period.id);
  const anchor = anchorDate(resolved, windowKind, offset.anchor);
  const date = offset.workingDays
    ? addWorkingDays(anchor, offset.days, holidays)
    : dateFromDayNumber(dayNumber(anchor) + offset.days);
  return vietnamInstant(date, offset.time);
}

function orderIssues(opensAtMs: number, dueAtMs: number, closesAtMs: number, periodId: string): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  if (opensAtMs > dueAtMs) {
    issues.push({
      field: 'due',
      message: localize('SCHEDULE_DUE_BEFORE_OPENING', {
        period: periodId,
        due: formatVietnamInstant(dueAtMs),
        opens: formatVietnamInstant(opensAtMs),
      }),
    });
  }
  if (dueAtMs > closesAtMs) {
    issues.push({
      field: 'closes',
      message: localize('SCHEDULE_CLOSING_BEFORE_DUE', {
        period: periodId,
        closes: formatVietnamInstant(closesAtMs),
        due: formatVietnamInstant(dueAtMs),
      }),
    });
  }
  return issues;
}

/**
 * Validates a schedule for a period: each offset well formed, and opens ≤ due ≤ closes once
 * resolved. Working-day offsets depend on the period and the holidays, so a schedule can be
 * ordered for one period and not for another: check the periods that matter (e.g. the next
 * year's). Returns the issues found, none when the schedule is valid.
 */
export function validateSchedule(
  schedule: Schedule,
  period: Period | string,
  windowKind: DataWindowKind,
  holidays: HolidayCalendar,
): ScheduleIssue[] {
  const shape = validateScheduleOffsets(schedule);
  if (shape.length > 0) return shape;
  const resolved = parsePeriod(typeof period === 'string' ? period : period.id);
  const [opens, due, closes] = OFFSET_NAMES.map((name) =>
    resolveScheduleOffset(resolved, windowKind, schedule[name], holidays),
  ) as [number, number, number];
  return orderIssues(opens, due, closes, resolved.id);
}

/**
 * Resolves a schedule for a period into absolute instants (Vietnam time, +07:00).
 * @throws DomainError VALIDATION_FAILED (field `schedule.<offset>…`) when the schedule is
 *   malformed or not ordered opens ≤ due ≤ closes for this period.
 */
export function computeSchedule(
  period: Period | string,
  windowKind: DataWindowKind,
  schedule: Schedule,
  holidays: HolidayCalendar,
): ScheduleInstants {
  const issues = validateSchedule(schedule, period, windowKind, holidays);
  const first = issues[0];
  if (first) {
    throw new DomainError('VALIDATION_FAILED', {
      field: `schedule.${first.field}`,
      message: 'FIRST_PROBLEM',
      params: { problem: first.message },
      details: { issues },
    });
  }
  const resolved = parsePeriod(typeof period === 'string' ? period : period.id);
  const opensAtMs = resolveScheduleOffset(resolved, windowKind, schedule.opens, holidays);
  const dueAtMs = resolveScheduleOffset(resolved, windowKind, schedule.due, holidays);
  const closesAtMs = resolveScheduleOffset(resolved, windowKind, schedule.closes, holidays);
  return {
    opensAt: formatVietnamInstant(opensAtMs),
    dueAt: formatVietnamInstant(dueAtMs),
    closesAt: formatVietnamInstant(closesAtMs),
    opensAtMs,
    dueAtMs,
    closesAtMs,
  };
}

/**
 * Whole minutes a submission is late, rounded up (1 ms late is 1 minute late); 0 when it
 * arrived at or before the due instant. `dueAt` is epoch ms or an ISO instant with an offset.
 * @throws DomainError VALIDATION_FAILED when `dueAt` is not a valid instant.
 */
export function minutesLate(dueAt: number | string, submittedAtMs: number): number {
  const dueAtMs = typeof dueAt === 'number' ? dueAt : Date.parse(dueAt);
  if (!Number.isFinite(dueAtMs) || !Number.isFinite(submittedAtMs)) {
    throw new DomainError('VALIDATION_FAILED', { field: 'dueAt', message: 'INSTANT_INVALID' });
  }
  const lateMs = submittedAtMs - dueAtMs;
  return lateMs <= 0 ? 0 : Math.ceil(lateMs / MINUTE_MS);
}

/**
 * Where the submission window stands at `nowMs`: `not_open` before opening; `open` from opening
 * to the due instant (included); `overdue` after it until closing (included); `closed` after.
 * A submission is accepted exactly when the state is `open` or `overdue`.
 */
export function windowState(
  instants: Pick<ScheduleInstants, 'opensAtMs' | 'dueAtMs' | 'closesAtMs'>,
  nowMs: number,
): WindowState {
  if (nowMs < instants.opensAtMs) return 'not_open';
  if (nowMs <= instants.dueAtMs) return 'open';
  if (nowMs <= instants.closesAtMs) return 'overdue';
  return 'closed';
}

const sameDay = (time: string): ScheduleOffset => ({ anchor: 'period_end', days: 0, time });

/**
 * The daily report on COVID-19 support (Resolution 68/NQ-CP): on the day itself, district-level
 * units enter 14:00–16:00, the district People's Committee consolidates and sends to the
 * province 16:00–16:30, the province sends to the ministry 16:30–17:00. No late window: each
 * level closes when it is due, because the next level starts then.
 */
export const covidDailySupportSchedules = {
  entry: { opens: sameDay('14:00'), due: sameDay('16:00'), closes: sameDay('16:00') },
  district: { opens: sameDay('16:00'), due: sameDay('16:30'), closes: sameDay('16:30') },
  province: { opens: sameDay('16:30'), due: sameDay('17:00'), closes: sameDay('17:00') },
} as const satisfies Record<string, Schedule>;

const afterCutOff = (days: number, time: string): ScheduleOffset => ({
  anchor: 'window_end',
  days,
  workingDays: true,
  time,
});

/**
 * The monthly socio-economic report on Decree 09 cut-off windows (15th of the previous month
 * to the 14th): entry opens the day after the cut-off; communes are due 2 working days after
 * it and provinces 4, at the end of office hours (17:00). A commune may still submit late
 * until the province's own deadline is one working day away; a province, for one more
 * working day.
 */
export const decree09MonthlySchedules = {
  commune: {
    opens: { anchor: 'window_end', days: 1, time: '00:00' },
    due: afterCutOff(2, '17:00'),
    closes: afterCutOff(3, '17:00'),
  },
  province: {
    opens: { anchor: 'window_end', days: 1, time: '00:00' },
    due: afterCutOff(4, '17:00'),
    closes: afterCutOff(5, '17:00'),
  },
} as const satisfies Record<string, Schedule>;
