import { describe, expect, it } from 'vitest';
import { defaultPeriod, monthOf, monthToPeriod, periodFromParams } from './payoutPeriod.js';

describe('the payout report’s period', () => {
  it('takes a valid period from the URL and ignores one that is not', () => {
    const of = (query: string) => periodFromParams(new URLSearchParams(query));
    expect(of('periodStart=2025-10-01&periodEnd=2025-10-15')).toEqual({
      start: '2025-10-01',
      end: '2025-10-15',
    });
    expect(of('periodStart=2025-10-31&periodEnd=2025-10-01')).toBeNull();
    expect(of('periodStart=2025-02-30&periodEnd=2025-03-31')).toBeNull();
    expect(of('periodStart=2024-01-01&periodEnd=2025-12-31')).toBeNull();
    expect(of('periodStart=2025-10-01')).toBeNull();
  });

  it('defaults to the latest period with statements, else last month', () => {
    const latest = { periodStart: '2025-10-01', periodEnd: '2025-10-15', statementCount: 2 };
    const older = { periodStart: '2025-09-01', periodEnd: '2025-09-30', statementCount: 9 };
    expect(defaultPeriod([latest, older])).toEqual({ start: '2025-10-01', end: '2025-10-15' });
    expect(defaultPeriod([], new Date(2026, 0, 15))).toEqual({ start: '2025-12-01', end: '2025-12-31' });
  });

  it('shows a whole month in the month field, and nothing for another period', () => {
    expect(monthOf({ start: '2024-02-01', end: '2024-02-29' })).toBe('2024-02');
    expect(monthOf({ start: '2024-02-01', end: '2024-02-28' })).toBe('');
    expect(monthToPeriod('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(monthToPeriod('2024-13')).toBeNull();
    expect(monthToPeriod('')).toBeNull();
  });
});
