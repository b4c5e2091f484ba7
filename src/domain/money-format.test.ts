import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCents } from './money.js';
import { formatMoney } from './money-format.js';

describe('formatMoney', () => {
  it('writes documents in en-US by default: symbol, grouping, two decimals', () => {
    expect(formatMoney(123456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(5, 'USD')).toBe('$0.05');
    expect(formatMoney(100, 'EUR')).toBe('€1.00');
    expect(formatMoney(123456, 'GBP')).toBe('£1,234.56');
    expect(formatMoney(123456, 'CHF')).toBe('CHF\u00a01,234.56');
  });

  it('puts the minus sign before the symbol, also below one unit', () => {
    expect(formatMoney(-123456, 'USD')).toBe('-$1,234.56');
    expect(formatMoney(-5, 'USD')).toBe('-$0.05');
    expect(formatMoney(-99, 'EUR')).toBe('-€0.99');
    expect(formatMoney(-100, 'EUR')).toBe('-€1.00');
  });

  it('writes zero unsigned', () => {
    expect(formatMoney(0, 'USD')).toBe('$0.00');
    expect(formatMoney(-0, 'USD')).toBe('$0.00');
  });

  it('is exact up to the largest safe integer, where cents / 100 as a float is not', () => {
    expect(formatMoney(100000001, 'USD')).toBe('$1,000,000.01');
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD')).toBe('$90,071,992,547,409.91');
    expect(formatMoney(-Number.MAX_SAFE_INTEGER, 'USD')).toBe('-$90,071,992,547,409.91');
    expect(() => formatMoney(Number.MAX_SAFE_INTEGER + 1, 'USD')).toThrow(RangeError);
    expect(() => formatMoney(12.5, 'USD')).toThrow(RangeError);
  });

  it('shows hundredths for every currency, zero-decimal and three-decimal ones too', () => {
    // Amounts are hundredths everywhere (parseMoney, the API); ¥1,235 for 123456 would lie.
    expect(formatMoney(123456, 'JPY')).toBe('¥1,234.56');
    expect(formatMoney(123456, 'BHD')).toBe('BHD\u00a01,234.56');
  });

  it('shows an unknown but well-formed code as Intl does (no-break space), a malformed one after the number', () => {
    expect(formatMoney(123456, 'XYZ')).toBe('XYZ\u00a01,234.56');
    expect(formatMoney(-123456, 'dollars')).toBe('-1,234.56 dollars');
    expect(formatMoney(123456, '')).toBe('1,234.56');
  });

  it('follows the locale given: separators, symbol place, digits', () => {
    expect(formatMoney(-123456789, 'EUR', 'de-DE')).toBe(
      new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(-1234567.89),
    );
    expect(formatMoney(123456, 'EUR', 'fr-FR')).toBe(
      new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(1234.56),
    );
    // Arabic-Indic digits for the hundredths as for the units.
    expect(formatMoney(123456, 'EGP', 'ar-EG')).toBe(
      new Intl.NumberFormat('ar-EG', { style: 'currency', currency: 'EGP' }).format(1234.56),
    );
  });

  it('has the digits of formatCents for any amount (the CSV and the PDF agree)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), (cents) => {
        const digits = formatMoney(cents, 'USD').replace(/[$,]/g, '');
        expect(digits).toBe(formatCents(cents));
      }),
      { numRuns: 500 },
    );
  });
});
