import { describe, expect, it } from 'vitest';
import { addDays, checkEmail, checkNewPassword, checkPeriod, endDateBounds } from './formChecks.js';

describe('checkPeriod', () => {
  it('accepts a month and a period of exactly 366 days', () => {
    expect(checkPeriod('2025-10-01', '2025-10-31')).toEqual({});
    expect(checkPeriod('2024-01-01', '2024-12-31')).toEqual({}); // a leap year: 366 days
    expect(checkPeriod('2025-10-01', '2025-10-01')).toEqual({});
  });

  it('puts an end before the start, or a too long period, under the end date', () => {
    expect(checkPeriod('2025-10-31', '2025-10-01')).toEqual({
      endDate: 'End date must be on or after the start date.',
    });
    expect(checkPeriod('2025-01-01', '2026-01-02')).toEqual({
      endDate: 'The period can be at most 366 days; this one has 367.',
    });
  });

  it('names missing and impossible dates under their own field', () => {
    expect(checkPeriod('', '2025-02-30')).toEqual({
      startDate: 'Enter the start date.',
      endDate: 'End date must be a date that exists.',
    });
  });
});

describe('endDateBounds', () => {
  it('lets the end picker offer the start to 366 days on', () => {
    expect(endDateBounds('2025-10-01')).toEqual({ min: '2025-10-01', max: '2026-10-01' });
    expect(endDateBounds('2024-02-29')).toEqual({ min: '2024-02-29', max: '2025-02-28' });
    expect(endDateBounds('')).toEqual({});
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });
});

describe('checkEmail and checkNewPassword', () => {
  it('say what is wrong in a sentence', () => {
    expect(checkEmail(' ann@example.com ')).toBeUndefined();
    expect(checkEmail('')).toBe('Enter the e-mail.');
    expect(checkEmail('ann@')).toBe('E-mail must be an e-mail address, such as name@example.com.');
    expect(checkNewPassword('short')).toBe('New password must be at least 12 characters (it has 5).');
    expect(checkNewPassword('long-enough-pass')).toBeUndefined();
  });
});
