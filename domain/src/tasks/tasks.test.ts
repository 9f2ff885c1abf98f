import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../periods/periods';
import {
  daysToDeadline,
  deadlineEnd,
  dueTaskWarnings,
  sumTaskCounts,
  type TaskTiming,
  taskStatistics,
  taskStatus,
  taskStatuses,
} from './tasks';

const at = (iso: string) => Date.parse(iso);
const day = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2020-01-01', n));
const instant = fc.integer({ min: Date.parse('2019-12-01T00:00:00Z'), max: Date.parse('2031-01-01T00:00:00Z') });
const task: fc.Arbitrary<TaskTiming> = fc.record({
  deadline: fc.option(day, { nil: null }),
  completedAt: fc.option(instant, { nil: null }),
});

describe('task status by the clock', () => {
  it('ends a deadline day at midnight in Vietnam', () => {
    expect(deadlineEnd('2026-12-31')).toBe(at('2026-12-31T17:00:00Z'));
  });

  it('judges the examples', () => {
    const deadline = '2026-03-31';
    expect(taskStatus({ deadline, completedAt: null }, at('2026-03-31T23:59:59+07:00'))).toBe('in_progress');
    expect(taskStatus({ deadline, completedAt: null }, at('2026-04-01T00:00:00+07:00'))).toBe('overdue');
    expect(taskStatus({ deadline, completedAt: at('2026-03-31T23:00:00+07:00') }, 0)).toBe('done_on_time');
    expect(taskStatus({ deadline, completedAt: at('2026-04-01T08:00:00+07:00') }, 0)).toBe('done_late');
    expect(taskStatus({ deadline: null, completedAt: null }, at('2030-01-01T00:00:00Z'))).toBe('regular');
    expect(taskStatus({ deadline: null, completedAt: 5 }, 0)).toBe('done_on_time');
  });

  it('a done task keeps its status whatever the clock says', () => {
    fc.assert(
      fc.property(task, instant, instant, (t, a, b) => {
        fc.pre(t.completedAt !== null);
        expect(taskStatus(t, a)).toBe(taskStatus(t, b));
      }),
    );
  });

  it('an open task with a deadline turns overdue once and stays overdue', () => {
    fc.assert(
      fc.property(day, instant, instant, (deadline, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const t = { deadline, completedAt: null };
        if (taskStatus(t, early) === 'overdue') expect(taskStatus(t, late)).toBe('overdue');
        expect(taskStatus(t, early) === 'overdue').toBe(early >= deadlineEnd(deadline));
        expect(daysToDeadline(deadline, early)! >= 0).toBe(taskStatus(t, early) === 'in_progress');
      }),
    );
  });

  it('a regular task is never late', () => {
    fc.assert(
      fc.property(fc.option(instant, { nil: null }), instant, (completedAt, now) => {
        expect(['regular', 'done_on_time']).toContain(taskStatus({ deadline: null, completedAt }, now));
      }),
    );
  });
});

describe('task statistics', () => {
  it('counts every task once, by its status, and the totals add up', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(task, fc.integer({ min: 1, max: 5 })), { maxLength: 60 }), instant, (rows, now) => {
        const stats = taskStatistics(
          rows.map(([t, unit]) => ({ ...t, unit })),
          (t) => t.unit,
          now,
        );
        const total = sumTaskCounts(stats.map((s) => s.counts));
        expect(total.assigned).toBe(rows.length);
        expect(taskStatuses.reduce((sum, s) => sum + total[s], 0)).toBe(rows.length);
        for (const s of stats) expect(s.counts.assigned).toBe(rows.filter(([, unit]) => unit === s.key).length);
      }),
    );
  });

  it('ranks by on-time rate, then fewest overdue; equal units share a rank', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(task, fc.integer({ min: 1, max: 8 })), { maxLength: 80 }), instant, (rows, now) => {
        const stats = taskStatistics(
          rows.map(([t, unit]) => ({ ...t, unit })),
          (t) => t.unit,
          now,
        );
        stats.forEach((row, i) => {
          expect(row.rank).toBeGreaterThanOrEqual(1);
          expect(row.rank).toBeLessThanOrEqual(i + 1);
          const next = stats[i + 1];
          if (!next) return;
          const rate = (r: typeof row) => r.onTimeRate ?? -1;
          expect(rate(row)).toBeGreaterThanOrEqual(rate(next));
          if (rate(row) === rate(next)) {
            expect(row.counts.overdue).toBeLessThanOrEqual(next.counts.overdue);
            expect(next.rank === row.rank).toBe(row.counts.overdue === next.counts.overdue);
          } else expect(next.rank).toBe(i + 2);
        });
      }),
    );
  });

  it('gives 2/3 on time to a unit with two done on time and one late', () => {
    const deadline = '2026-01-31';
    const onTime = at('2026-01-10T00:00:00Z');
    const late = at('2026-02-10T00:00:00Z');
    const stats = taskStatistics(
      [
        { deadline, completedAt: onTime, unit: 'A' },
        { deadline, completedAt: onTime, unit: 'A' },
        { deadline, completedAt: late, unit: 'A' },
        { deadline, completedAt: onTime, unit: 'B' },
        { deadline: null, completedAt: null, unit: 'C' },
      ],
      (t) => t.unit,
      late,
    );
    expect(stats.map((s) => [s.key, s.rank, s.onTimeRate])).toEqual([
      ['B', 1, 1],
      ['A', 2, 2 / 3],
      ['C', 3, null],
    ]);
  });
});

describe('warnings before and after a deadline', () => {
  it('warns "due soon" within the window, "overdue" after, nothing for done or regular tasks', () => {
    const deadline = '2026-06-30';
    const open = { deadline, completedAt: null };
    expect(dueTaskWarnings(open, at('2026-06-27T23:59:00+07:00'))).toEqual([]);
    expect(dueTaskWarnings(open, at('2026-06-28T00:00:00+07:00'))).toEqual(['due_soon']);
    expect(dueTaskWarnings(open, at('2026-07-01T00:00:00+07:00'))).toEqual(['overdue']);
    expect(dueTaskWarnings({ deadline, completedAt: 1 }, at('2026-07-02T00:00:00Z'))).toEqual([]);
    expect(dueTaskWarnings({ deadline: null, completedAt: null }, at('2026-07-02T00:00:00Z'))).toEqual([]);
  });

  it('warns "overdue" exactly when the status is overdue', () => {
    fc.assert(
      fc.property(task, instant, (t, now) => {
        expect(dueTaskWarnings(t, now).includes('overdue')).toBe(taskStatus(t, now) === 'overdue');
      }),
    );
  });
});
