import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatMoney,
  formatPeriodShort,
  formatSignedMoney,
  monthRange,
  parseAmountToCents,
} from './format.js';

describe('format', () => {
  it('formats cents in the given currency', () => {
    const expected = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(1234.56);
    expect(formatMoney(123456, 'EUR')).toBe(expected);
    expect(formatMoney(-5, 'USD')).toBe(
      new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(-0.05),
    );
  });

  it('shows the cents exactly, as the PDF does: no rounding to whole yen, no float at 2^53', () => {
    const twoDecimals = (currency: string, value: number) =>
      new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }).format(value);
    expect(formatMoney(123456, 'JPY')).toBe(twoDecimals('JPY', 1234.56));
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD')).toMatch(/409[.,]91\b/);
    expect(formatMoney(100, 'dollars')).toBe(
      `${new Intl.NumberFormat(undefined, { minimumFractionDigits: 2 }).format(1)} dollars`,
    );
  });

  it('signs the steps of a calculation: plus, a true minus, and no sign on zero', () => {
    expect(formatSignedMoney(1000, 'USD')).toBe(`+${formatMoney(1000, 'USD')}`);
    expect(formatSignedMoney(-23850, 'USD')).toBe(`−${formatMoney(23850, 'USD')}`);
    expect(formatSignedMoney(0, 'USD')).toBe(formatMoney(0, 'USD'));
  });

  it('writes a whole month as the month, and other periods as one compact range', () => {
    const month = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', year: 'numeric', month: 'short' });
    expect(formatPeriodShort('2025-10-01', '2025-10-31')).toBe(month.format(Date.UTC(2025, 9, 1)));
    expect(formatPeriodShort('2024-02-01', '2024-02-29')).toBe(month.format(Date.UTC(2024, 1, 1)));
    const range = new Intl.DateTimeFormat(undefined, {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
    });
    // One day short of the month is a range, not the month.
    expect(formatPeriodShort('2025-10-01', '2025-10-30')).toBe(
      range.formatRange(Date.UTC(2025, 9, 1), Date.UTC(2025, 9, 30)),
    );
    expect(formatPeriodShort('2025-12-15', '2026-01-14')).toBe(
      range.formatRange(Date.UTC(2025, 11, 15), Date.UTC(2026, 0, 14)),
    );
    expect(formatPeriodShort('bad', '2025-10-31')).toContain('bad');
  });

  it('parses typed amounts into whole cents without floating-point drift', () => {
    expect(parseAmountToCents('125')).toBe(12500);
    expect(parseAmountToCents('0.29')).toBe(29);
    expect(parseAmountToCents('1,250.5')).toBe(125050);
    expect(parseAmountToCents('0')).toBeNull();
    expect(parseAmountToCents('-3')).toBeNull();
    expect(parseAmountToCents('1.234')).toBeNull();
    expect(parseAmountToCents('abc')).toBeNull();
  });

  it('computes month ranges in local dates, across year ends', () => {
    expect(monthRange(0, new Date(2025, 1, 10))).toEqual({ start: '2025-02-01', end: '2025-02-28' });
    expect(monthRange(-1, new Date(2025, 0, 31))).toEqual({ start: '2024-12-01', end: '2024-12-31' });
    expect(monthRange(-1, new Date(2024, 2, 31))).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(monthRange(1, new Date(2025, 11, 31))).toEqual({ start: '2026-01-01', end: '2026-01-31' });
  });

  it('formats durations', () => {
    expect(formatDuration(4_200)).toBe('4 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(3_780_000)).toBe('1 h 3 min');
  });
});
