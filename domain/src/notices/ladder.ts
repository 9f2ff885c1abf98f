/**
 * The warning ladder: when each level of a regime is reminded, warned and escalated about a
 * period it has not submitted. Pure: the server's ladder job resolves the instants of each period
 * and asks which steps have come.
 */
import { type LocalizedMessage, localize } from '../errors/error-messages';
import type { LevelSchedule, NoticeLadder } from '../forms/regime-definition';
import type { ScheduleInstants } from '../schedules/schedules';
import { formatVietnamDateTime } from '../schedules/schedules';

/** Where a notice can reach its reader. */
export const noticeChannels = ['inbox', 'email'] as const;
export type NoticeChannel = (typeof noticeChannels)[number];

/** The ladder of a level that does not set one: remind 30 minutes before, warn at the deadline, escalate 30 minutes after closing. */
export const defaultLadder: NoticeLadder = {
  reminderMinutesBeforeDue: 30,
  lateWarning: true,
  escalationMinutesAfterClose: 30,
  channels: ['inbox', 'email'],
};

export function ladderOf(level: Pick<LevelSchedule, 'ladder'>): NoticeLadder {
  return level.ladder ?? defaultLadder;
}

/** A step of the ladder: `reminder` (to the unit), `late` (to the unit and its consolidating unit), `escalation` (to the level above the consolidating unit). */
export type LadderStep = 'reminder' | 'late' | 'escalation';

const MINUTE_MS = 60_000;

/** The instant of each step that is on, for one period's resolved schedule. */
export function ladderInstants(ladder: NoticeLadder, instants: ScheduleInstants): { step: LadderStep; at: number }[] {
  const steps: { step: LadderStep; at: number }[] = [];
  if (ladder.reminderMinutesBeforeDue !== null)
    steps.push({ step: 'reminder', at: instants.dueAtMs - ladder.reminderMinutesBeforeDue * MINUTE_MS });
  if (ladder.lateWarning) steps.push({ step: 'late', at: instants.dueAtMs });
  if (ladder.escalationMinutesAfterClose !== null)
    steps.push({ step: 'escalation', at: instants.closesAtMs + ladder.escalationMinutesAfterClose * MINUTE_MS });
  return steps;
}

/**
 * How long after its instant a step is still sent: a server that was down for a while sends the
 * steps it missed, but not yesterday's reminders. A reminder is also never sent after the due
 * instant it reminds of.
 */
export const LADDER_CATCH_UP_MS = 6 * 60 * MINUTE_MS;

/** The steps whose time has come at `now` and is not yet stale. */
export function dueLadderSteps(
  ladder: NoticeLadder,
  instants: ScheduleInstants,
  now: number,
): { step: LadderStep; at: number }[] {
  return ladderInstants(ladder, instants).filter(
    ({ step, at }) => at <= now && now < at + LADDER_CATCH_UP_MS && (step !== 'reminder' || now < instants.dueAtMs),
  );
}

export interface LadderIssue {
  /** Relative to the level: `ladder.channels.1`, `ladder.reminderMinutesBeforeDue`. */
  field: string;
  message: LocalizedMessage;
}

/**
 * Checks a level's ladder against its schedule resolved for a sample period: channels known, and
 * the reminder inside the window (after it opens, before it is due).
 */
export function validateLadder(level: LevelSchedule, instants: ScheduleInstants): LadderIssue[] {
  if (!level.ladder) return [];
  const issues: LadderIssue[] = [];
  level.ladder.channels.forEach((channel, index) => {
    if (!(noticeChannels as readonly string[]).includes(channel))
      issues.push({
        field: `ladder.channels.${index}`,
        message: localize('LADDER_UNKNOWN_CHANNEL', { channel, known: noticeChannels.join(', ') }),
      });
  });
  const minutes = level.ladder.reminderMinutesBeforeDue;
  if (minutes !== null) {
    const at = instants.dueAtMs - minutes * MINUTE_MS;
    if (at < instants.opensAtMs)
      issues.push({
        field: 'ladder.reminderMinutesBeforeDue',
        message: localize('LADDER_REMINDER_BEFORE_OPENING', {
          at: formatVietnamDateTime(at),
          opens: formatVietnamDateTime(instants.opensAtMs),
        }),
      });
  }
  return issues;
}
