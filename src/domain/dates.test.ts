import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  daysInMonth,
  isInPeriod,
  isValidIsoDate,
  isValidPeriod,
  monthPeriod,
  toDayNumber,
} from './dates.js';

describe('isValidIsoDate', () => {
  it('accepts existing dates, including leap days of leap years', () => {
    for (const ok of ['2025-01-01', '2025-12-31', '2024-02-29', '2000-02-29', '1970-01-01', '9999-12-31']) {
      expect(isValidIsoDate(ok), ok).toBe(true);
    }
  });

  it('rejects days that do not exist and non-strict text', () => {
    const bad = [
      '2025-02-30',
      '2025-02-29', // 2025 is not a leap year
      '1900-02-29', // divisible by 100, not by 400
      '2025-13-01',
      '2025-00-10',
      '2025-01-00',
      '2025-04-31',
      '2025-1-01',
      '2025-01-1',
      '20250101',
      '2025-01-01T00:00:00Z',
      ' 2025-01-01',
      '',
    ];
    for (const s of bad) expect(isValidIsoDate(s), s).toBe(false);
    expect(isValidIsoDate(null)).toBe(false);
    expect(isValidIsoDate(20250101)).toBe(false);
  });
});

describe('day numbers', () => {
  it('counts days from 1970-01-01', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1970-01-02')).toBe(1);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    // 2000-03-01: 30 years (7 leap days: 72,76,80,84,88,92,96) + Jan, Feb 2000 (leap: 31 + 29).
    expect(toDayNumber('2000-03-01')).toBe(30 * 365 + 7 + 31 + 29);
  });

  it('throws on invalid dates rather than rolling over', () => {
    expect(() => toDayNumber('2025-02-30')).toThrow(RangeError);
    expect(() => toDayNumber('garbage')).toThrow(RangeError);
  });

  it('measures b − a', () => {
    expect(daysBetween('2025-01-29', '2025-02-03')).toBe(5);
    expect(daysBetween('2025-02-03', '2025-01-29')).toBe(-5);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('agrees with Date.UTC for every day of years 0001-9999', () => {
    // Date-only ISO strings parse as UTC midnight.
    const min = Date.parse('0001-01-01') / 86_400_000;
    const max = Date.parse('9999-12-31') / 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min, max }), (n) => {
        expect(toDayNumber(new Date(n * 86_400_000).toISOString().slice(0, 10))).toBe(n);
      }),
      { numRuns: 500 },
    );
  });
});

describe('periods', () => {
  it('knows the last day of each month, leap years included', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(daysInMonth(2025, 12)).toBe(31);
  });

  it('tests membership with both ends inclusive', () => {
    const feb = { start: '2025-02-01', end: '2025-02-28' };
    expect(isInPeriod('2025-02-01', feb)).toBe(true);
    expect(isInPeriod('2025-02-28', feb)).toBe(true);
    expect(isInPeriod('2025-01-31', feb)).toBe(false);
    expect(isInPeriod('2025-03-01', feb)).toBe(false);
  });

  it('validates periods', () => {
    expect(isValidPeriod({ start: '2025-02-01', end: '2025-02-01' })).toBe(true);
    expect(isValidPeriod({ start: '2025-02-02', end: '2025-02-01' })).toBe(false);
    expect(isValidPeriod({ start: '2025-02-01', end: '2025-02-30' })).toBe(false);
  });
});

describe('monthPeriod', () => {
  it('runs from the first to the last day of the month', () => {
    expect(monthPeriod(2025, 1)).toEqual({ start: '2025-01-01', end: '2025-01-31' });
    expect(monthPeriod(2025, 4)).toEqual({ start: '2025-04-01', end: '2025-04-30' });
    expect(monthPeriod(2025, 12)).toEqual({ start: '2025-12-01', end: '2025-12-31' });
  });

  it('ends February on the 29th in leap years only', () => {
    expect(monthPeriod(2024, 2)).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(monthPeriod(2025, 2)).toEqual({ start: '2025-02-01', end: '2025-02-28' });
    expect(monthPeriod(1900, 2).end).toBe('1900-02-28');
    expect(monthPeriod(2000, 2).end).toBe('2000-02-29');
  });

  it('counts months past 1-12 into the years around (0 is last December, 13 next January)', () => {
    expect(monthPeriod(2025, 0)).toEqual({ start: '2024-12-01', end: '2024-12-31' });
    expect(monthPeriod(2025, 13)).toEqual({ start: '2026-01-01', end: '2026-01-31' });
    expect(monthPeriod(2025, -10)).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(monthPeriod(2024, 26)).toEqual({ start: '2026-02-01', end: '2026-02-28' });
  });

  it('gives a valid period whose end is the day before the next month starts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9998 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const p = monthPeriod(year, month);
        expect(isValidPeriod(p)).toBe(true);
        expect(daysBetween(p.end, monthPeriod(year, month + 1).start)).toBe(1);
        expect(daysBetween(p.start, p.end) + 1).toBe(daysInMonth(year, month));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects fractions and years ISO dates cannot hold', () => {
    expect(() => monthPeriod(2025, 1.5)).toThrow(RangeError);
    expect(() => monthPeriod(10000, 1)).toThrow(RangeError);
    expect(() => monthPeriod(0, 0)).toThrow(RangeError);
  });
});
