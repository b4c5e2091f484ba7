import { describe, expect, it } from 'vitest';
import { formatCents, MoneyParseError, parseMoney } from './money.js';

describe('parseMoney', () => {
  it('parses numbers without float multiplication (1000.01 * 100 would be 100000.99999999999)', () => {
    expect(parseMoney(1000.01)).toBe(100001);
    expect(parseMoney(0)).toBe(0);
    expect(parseMoney(12)).toBe(1200);
    expect(parseMoney(0.07)).toBe(7);
    // 0.1 + 0.2 = 0.30000000000000004: the third decimal is 0, so 30 cents.
    expect(parseMoney(0.1 + 0.2)).toBe(30);
  });

  it('parses numeric strings, trimmed, with thousands separators', () => {
    expect(parseMoney('1000.01')).toBe(100001);
    expect(parseMoney(' 42 ')).toBe(4200);
    expect(parseMoney('12.5')).toBe(1250);
    expect(parseMoney('1,234.56')).toBe(123456);
    expect(parseMoney('.5')).toBe(50);
    expect(parseMoney('5.')).toBe(500);
    expect(parseMoney('+3.10')).toBe(310);
  });

  it('treats null, undefined and blank strings as 0', () => {
    expect(parseMoney(null)).toBe(0);
    expect(parseMoney(undefined)).toBe(0);
    expect(parseMoney('')).toBe(0);
    expect(parseMoney('   ')).toBe(0);
  });

  it('keeps the sign of negative amounts (refunds) and never returns -0', () => {
    expect(parseMoney(-12.34)).toBe(-1234);
    expect(parseMoney('-1000.01')).toBe(-100001);
    expect(Object.is(parseMoney('-0.00'), 0)).toBe(true);
    expect(Object.is(parseMoney(-0), 0)).toBe(true);
  });

  it('rounds a third decimal half away from zero on the digits', () => {
    expect(parseMoney('0.125')).toBe(13); // 12.5 cents → 13
    expect(parseMoney('0.124')).toBe(12);
    expect(parseMoney('-0.125')).toBe(-13); // −12.5 cents → −13
    expect(parseMoney('-0.005')).toBe(-1); // −0.5 cent → −1
    expect(parseMoney('1.999')).toBe(200);
  });

  it('throws MoneyParseError on garbage', () => {
    for (const bad of ['abc', '12abc', '1.2.3', '--1', '1e3', '€5', '0x10']) {
      expect(() => parseMoney(bad), bad).toThrow(MoneyParseError);
    }
    expect(() => parseMoney({})).toThrow(MoneyParseError);
    expect(() => parseMoney(true)).toThrow(MoneyParseError);
    expect(() => parseMoney([1])).toThrow(MoneyParseError);
  });

  it('throws on NaN, Infinity and amounts past 2^53 cents', () => {
    expect(() => parseMoney(Number.NaN)).toThrow(MoneyParseError);
    expect(() => parseMoney(Number.POSITIVE_INFINITY)).toThrow(MoneyParseError);
    expect(() => parseMoney(Number.NEGATIVE_INFINITY)).toThrow(MoneyParseError);
    expect(() => parseMoney('900719925474099.92')).toThrow(MoneyParseError);
  });
});

describe('formatCents', () => {
  it('formats cents as a plain decimal', () => {
    expect(formatCents(-1234)).toBe('-12.34');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(100001)).toBe('1000.01');
    expect(formatCents(0)).toBe('0.00');
  });
});
