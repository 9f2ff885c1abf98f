import { describe, expect, it } from 'vitest';
import { complianceStatuses, complianceStatusLabels, formatDelay, reportedStatuses } from './compliance';

describe('formatDelay', () => {
  it('says a delay with its two largest units', () => {
    expect(formatDelay(0, 'vi')).toBe('');
    expect(formatDelay(-5, 'en')).toBe('');
    expect(formatDelay(45, 'vi')).toBe('45 phút');
    expect(formatDelay(120, 'vi')).toBe('2 giờ');
    expect(formatDelay(3 * 1440 + 4 * 60 + 5, 'vi')).toBe('3 ngày 4 giờ');
    expect(formatDelay(1440 + 7, 'en')).toBe('1 day 7 min');
    expect(formatDelay(2 * 1440, 'en')).toBe('2 days');
  });
});

describe('compliance statuses', () => {
  it('labels every status in both languages, and counts only sent ones as reported', () => {
    for (const status of complianceStatuses) {
      expect(complianceStatusLabels[status].vi.length).toBeGreaterThan(0);
      expect(complianceStatusLabels[status].en.length).toBeGreaterThan(0);
    }
    expect([...reportedStatuses].sort()).toEqual(['late', 'nothing_to_report', 'on_time', 'returned']);
  });
});
