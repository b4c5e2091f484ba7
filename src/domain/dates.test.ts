import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  daysInclusive,
  fromDayNumber,
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
    expect(fromDayNumber(0)).toBe('1970-01-01');
    expect(fromDayNumber(-1)).toBe('1969-12-31');
  });

  it('throws on invalid dates rather than rolling over', () => {
    expect(() => toDayNumber('2025-02-30')).toThrow(RangeError);
    expect(() => toDayNumber('garbage')).toThrow(RangeError);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2025-01-15', 60)).toBe('2025-03-16');
  });

  it('measures b − a and inclusive period lengths', () => {
    expect(daysBetween('2025-01-29', '2025-02-03')).toBe(5);
    expect(daysBetween('2025-02-03', '2025-01-29')).toBe(-5);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysInclusive({ start: '2025-01-01', end: '2025-01-31' })).toBe(31);
    expect(daysInclusive({ start: '2024-02-01', end: '2024-02-29' })).toBe(29);
    expect(daysInclusive({ start: '2025-03-10', end: '2025-03-10' })).toBe(1);
  });

  it('agrees with Date.UTC for every day of years 0001-9999 (round trip)', () => {
    const min = toDayNumber('0001-01-01');
    const max = toDayNumber('9999-12-31');
    fc.assert(
      fc.property(fc.integer({ min, max }), (n) => {
        const iso = fromDayNumber(n);
        expect(iso).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
        expect(toDayNumber(iso)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });
});

describe('periods', () => {
  it('builds month periods with the right last day', () => {
    expect(monthPeriod(2024, 2)).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(monthPeriod(2025, 2)).toEqual({ start: '2025-02-01', end: '2025-02-28' });
    expect(monthPeriod(2025, 4)).toEqual({ start: '2025-04-01', end: '2025-04-30' });
    expect(monthPeriod(2025, 12)).toEqual({ start: '2025-12-01', end: '2025-12-31' });
    expect(() => monthPeriod(2025, 13)).toThrow(RangeError);
  });

  it('tests membership with both ends inclusive', () => {
    const feb = monthPeriod(2025, 2);
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
