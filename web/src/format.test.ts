import { describe, expect, it } from 'vitest';
import { formatDuration, formatMoney, monthRange, parseAmountToCents } from './format.js';

describe('format', () => {
  it('formats cents in the given currency', () => {
    const expected = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(1234.56);
    expect(formatMoney(123456, 'EUR')).toBe(expected);
    expect(formatMoney(-5, 'USD')).toBe(
      new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(-0.05),
    );
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
  });

  it('formats durations', () => {
    expect(formatDuration(4_200)).toBe('4 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(3_780_000)).toBe('1 h 3 min');
  });
});
