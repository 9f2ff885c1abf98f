/**
 * Task tracking (theo dõi nhiệm vụ): a directive's tasks judged by the server clock, their
 * statistics per unit and per issuer with rankings, and the warnings before and after a
 * deadline. A deadline is a calendar day in Vietnam: a task is on time while it is done by the
 * end of that day (Asia/Ho_Chi_Minh, UTC+7 all year). A "regular" task (nhiệm vụ thường xuyên)
 * has no deadline: it is never late.
 */
import type { CalendarDate } from '../periods/periods';
import { addDays } from '../periods/periods';

export const taskStatuses = ['overdue', 'in_progress', 'regular', 'done_late', 'done_on_time'] as const;
/** A task's status by the clock: in progress (on time), overdue, done on time, done late, or regular (no deadline, not done). */
export type TaskStatus = (typeof taskStatuses)[number];

export const directiveKinds = ['resolution', 'decision', 'official_letter', 'meeting_conclusion'] as const;
/** Nghị quyết, quyết định, công văn, thông báo kết luận. */
export type DirectiveKind = (typeof directiveKinds)[number];

const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The instant a deadline day ends in Vietnam (00:00 of the next day, UTC+7), epoch ms. */
export function deadlineEnd(deadline: CalendarDate): number {
  return Date.parse(`${addDays(deadline, 1)}T00:00:00Z`) - OFFSET_MS;
}

/** A calendar day as Vietnamese documents write it (dd/mm/yyyy), for messages a person reads. */
export function vietnameseDay(day: CalendarDate): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

/** What the status of a task depends on. */
export interface TaskTiming {
  /** null: a regular task. */
  deadline: CalendarDate | null;
  /** When the lead unit reported it done (epoch ms), or null. */
  completedAt: number | null;
}

/** A task's status at `now` (epoch ms, the server clock). */
export function taskStatus(task: TaskTiming, now: number): TaskStatus {
  if (task.completedAt !== null) {
    if (task.deadline === null) return 'done_on_time';
    return task.completedAt < deadlineEnd(task.deadline) ? 'done_on_time' : 'done_late';
  }
  if (task.deadline === null) return 'regular';
  return now < deadlineEnd(task.deadline) ? 'in_progress' : 'overdue';
}

/** Whole days from `now` to the end of the deadline day: positive ahead of it, negative past it; null for regular tasks. */
export function daysToDeadline(deadline: CalendarDate | null, now: number): number | null {
  if (deadline === null) return null;
  const left = deadlineEnd(deadline) - now;
  return left >= 0 ? Math.floor(left / DAY_MS) : -Math.ceil(-left / DAY_MS);
}

export interface TaskCounts {
  assigned: number;
  done_on_time: number;
  done_late: number;
  overdue: number;
  in_progress: number;
  regular: number;
}

export const emptyTaskCounts = (): TaskCounts => ({
  assigned: 0,
  done_on_time: 0,
  done_late: 0,
  overdue: 0,
  in_progress: 0,
  regular: 0,
});

/** One row of the statistics: a unit (lead unit or issuer) with its counts, on-time rate and rank. */
export interface TaskStatsRow<K> {
  key: K;
  counts: TaskCounts;
  /** Done on time over the tasks that had a deadline or are done (0 to 1); null when none. */
  onTimeRate: number | null;
  /** 1 = best: by on-time rate, then fewest overdue; equal units share a rank (1, 2, 2, 4). */
  rank: number;
}

/** The tasks whose outcome is judged: all but the regular ones not done. */
const judged = (c: TaskCounts) => c.assigned - c.regular;

/**
 * Counts tasks by `keyOf` (the lead unit, or the directive's issuer) and ranks the keys. A unit
 * with no judged task ranks last, after every unit with a rate.
 */
export function taskStatistics<T extends TaskTiming, K>(
  tasks: readonly T[],
  keyOf: (task: T) => K,
  now: number,
): TaskStatsRow<K>[] {
  const byKey = new Map<K, TaskCounts>();
  for (const task of tasks) {
    const key = keyOf(task);
    const counts = byKey.get(key) ?? emptyTaskCounts();
    counts.assigned += 1;
    counts[taskStatus(task, now)] += 1;
    byKey.set(key, counts);
  }
  const rows = [...byKey].map(([key, counts]) => ({
    key,
    counts,
    onTimeRate: judged(counts) === 0 ? null : counts.done_on_time / judged(counts),
    rank: 0,
  }));
  const score = (r: (typeof rows)[number]) => [r.onTimeRate ?? -1, -r.counts.overdue] as const;
  const better = (a: (typeof rows)[number], b: (typeof rows)[number]) => {
    const [ra, oa] = score(a);
    const [rb, ob] = score(b);
    return ra !== rb ? rb - ra : ob - oa;
  };
  rows.sort(better);
  rows.forEach((row, i) => {
    const previous = rows[i - 1];
    row.rank = previous && better(previous, row) === 0 ? previous.rank : i + 1;
  });
  return rows;
}

/** Sums counts (the totals line). */
export function sumTaskCounts(rows: readonly TaskCounts[]): TaskCounts {
  const total = emptyTaskCounts();
  for (const row of rows) for (const key of Object.keys(total) as (keyof TaskCounts)[]) total[key] += row[key];
  return total;
}

// ——— Warnings (the task ladder) ———

export const taskWarningSteps = ['due_soon', 'overdue'] as const;
export type TaskWarningStep = (typeof taskWarningSteps)[number];

/** When the warnings come: `dueSoonDays` days before the deadline's end, and at its end. */
export interface TaskLadder {
  dueSoonDays: number;
}
export const defaultTaskLadder: TaskLadder = { dueSoonDays: 3 };

/**
 * The warning steps of a task whose time has come at `now`: "due soon" from `dueSoonDays` before
 * the deadline until it passes, "overdue" once it has passed; none for a task done or regular.
 * Each step is sent once (the caller dedupes by task, step and deadline, so a moved deadline warns again).
 */
export function dueTaskWarnings(
  task: TaskTiming,
  now: number,
  ladder: TaskLadder = defaultTaskLadder,
): TaskWarningStep[] {
  if (task.completedAt !== null || task.deadline === null) return [];
  const end = deadlineEnd(task.deadline);
  if (now >= end) return ['overdue'];
  if (now >= end - ladder.dueSoonDays * DAY_MS) return ['due_soon'];
  return [];
}
