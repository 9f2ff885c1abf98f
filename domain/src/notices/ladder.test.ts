import { describe, expect, it } from 'vitest';
import type { LevelSchedule } from '../forms/regime-definition';
import { holidayCalendar } from '../schedules/holidays';
import { computeSchedule } from '../schedules/schedules';
import { defaultLadder, dueLadderSteps, ladderInstants, validateLadder } from './ladder';

const level: LevelSchedule = {
  unitKinds: ['ubnd_commune'],
  role: 'entry',
  opens: { anchor: 'period_end', days: 0, time: '14:00' },
  due: { anchor: 'period_end', days: 0, time: '16:00' },
  closes: { anchor: 'period_end', days: 0, time: '16:30' },
};
const instants = computeSchedule('20240405', 'calendar', level, holidayCalendar([]));
const at = (time: string) => Date.parse(`2024-04-05T${time}:00+07:00`);

describe('the warning ladder', () => {
  it('puts the default steps 30 minutes before due, at due, and 30 minutes after closing', () => {
    expect(ladderInstants(defaultLadder, instants)).toEqual([
      { step: 'reminder', at: at('15:30') },
      { step: 'late', at: at('16:00') },
      { step: 'escalation', at: at('17:00') },
    ]);
  });

  it('names the steps whose time has come, never a reminder after the due time, nothing stale', () => {
    const due = (time: string) => dueLadderSteps(defaultLadder, instants, at(time)).map((s) => s.step);
    expect(due('15:29')).toEqual([]);
    expect(due('15:30')).toEqual(['reminder']);
    expect(due('16:00')).toEqual(['late']);
    expect(due('17:00')).toEqual(['late', 'escalation']);
    expect(due('22:59')).toEqual(['escalation']);
    expect(due('23:00')).toEqual([]);
  });

  it('turns steps off with null and false', () => {
    const off = { ...defaultLadder, reminderMinutesBeforeDue: null, lateWarning: false };
    expect(ladderInstants(off, instants).map((s) => s.step)).toEqual(['escalation']);
  });

  it('refuses a reminder before the window opens and unknown channels, naming the field', () => {
    const issues = validateLadder(
      { ...level, ladder: { ...defaultLadder, reminderMinutesBeforeDue: 121, channels: ['email', 'zalo'] } },
      instants,
    );
    expect(issues.map((i) => i.field)).toEqual(['ladder.channels.1', 'ladder.reminderMinutesBeforeDue']);
    expect(issues[1]!.message.vi).toBe(
      'Giờ nhắc (05/04/2024 13:59) phải sau giờ mở nhập (05/04/2024 14:00) và trước hạn nộp.',
    );
    expect(validateLadder({ ...level, ladder: { ...defaultLadder, reminderMinutesBeforeDue: 120 } }, instants)).toEqual(
      [],
    );
  });
});
