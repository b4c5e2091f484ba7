import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amountAsRead,
  currencyMatches,
  type DecimalSeparator,
  detectDecimalSeparator,
  readAmountText,
} from './amount-text.js';

const cents = (text: string, decimalSeparator?: DecimalSeparator) => {
  const read = readAmountText(text, { decimalSeparator });
  if (!read.ok) throw new Error(`${text}: ${read.message}`);
  return read.cents;
};
const refusal = (text: string, decimalSeparator?: DecimalSeparator) => {
  const read = readAmountText(text, { decimalSeparator });
  if (read.ok) throw new Error(`${text} was read as ${read.cents}`);
  return read;
};

describe('readAmountText', () => {
  it('reads the styles files use, each to the same cents', () => {
    const cases: Array<[string, number]> = [
      ['1,234.56', 123456],
      ['1.234,56', 123456],
      ['1234.56', 123456],
      ['1234,56', 123456],
      ['1 234,56', 123456],
      ["1'234.56", 123456],
      ['1\u00a0234,56', 123456],
      ['1,234,567.89', 123456789],
      ['1.234.567', 123456700],
      ['12', 1200],
      ['12.5', 1250],
      ['0,07', 7],
      ['007.50', 750],
    ];
    for (const [text, expected] of cases) expect(cents(text), text).toBe(expected);
  });

  it('reads parentheses, minus signs and plus signs', () => {
    expect(cents('(12.50)')).toBe(-1250);
    expect(cents('-12.50')).toBe(-1250);
    expect(cents('−12.50')).toBe(-1250);
    expect(cents('+12.50')).toBe(1250);
    expect(cents('($1,234.56)')).toBe(-123456);
    expect(cents('-$12.50')).toBe(-1250);
    expect(cents('$-12.50')).toBe(-1250);
    expect(Object.is(cents('-0.00'), 0)).toBe(true);
  });

  it('takes a currency symbol or ISO code before or after the number', () => {
    const cases: Array<[string, number, string]> = [
      ['$12.50', 1250, '$'],
      ['€ 1.234,56', 123456, '€'],
      ['12.50 USD', 1250, 'USD'],
      ['EUR 3,10', 310, 'EUR'],
      ['£7', 700, '£'],
      ['1.234,56 €', 123456, '€'],
    ];
    for (const [text, expected, currency] of cases) {
      const read = readAmountText(text);
      expect(read, text).toMatchObject({ ok: true, cents: expected, currency });
    }
    expect(readAmountText('12.50')).toMatchObject({ ok: true, currency: null });
  });

  it('refuses a separator that reads two ways, unless the file says which is decimal', () => {
    expect(refusal('1,234')).toMatchObject({ ambiguous: true });
    expect(refusal('1.234').message).toMatch(/two ways/);
    expect(cents('1,234', '.')).toBe(123400);
    expect(cents('1.234', ',')).toBe(123400);
    expect(cents('1,23', ',')).toBe(123);
  });

  it('refuses what the named decimal separator contradicts', () => {
    expect(refusal('1.234,56', '.').message).toMatch(/uses "," for decimals/);
    expect(refusal('1.234', '.').message).toMatch(/more than 2 decimals/);
    expect(refusal('12,50', '.').message).toMatch(/grouped in thousands/);
  });

  it('refuses garbage with a message that says what is wrong', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /empty/],
      ['   ', /empty/],
      ['abc', /not a number/],
      ['EUR', /not a number/],
      ['12.50.30', /more than once|grouped/],
      ['12.345', /two ways/],
      ['12.3456', /more than 2 decimals/],
      ['1,23,456.00', /grouped in thousands/],
      ['1 234.567,00', /mixes/],
      ['-(12.50)', /both parentheses and a sign/],
      ['12.50-', /characters other than digits/],
      ['12a', /characters other than digits/],
      ['$12.50 USD', /characters other than digits/],
      ['.50', /characters other than digits/],
      ['99999999999999', /too large/],
      ['1e5', /characters other than digits/],
    ];
    for (const [text, message] of cases) expect(refusal(text).message, text).toMatch(message);
  });

  it('says which decimal separator a text shows, also through its thousands separator', () => {
    expect(readAmountText('1,234,567')).toMatchObject({ ok: true, evidence: '.' });
    expect(readAmountText('1.234.567')).toMatchObject({ ok: true, evidence: ',' });
    expect(readAmountText('12,5')).toMatchObject({ ok: true, evidence: ',' });
    expect(readAmountText('1 234')).toMatchObject({ ok: true, evidence: null });
    expect(readAmountText('12')).toMatchObject({ ok: true, evidence: null });
  });
});

describe('formatting cents in each accepted style, then reading them, gives them back', () => {
  const group = (digits: string, sep: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const styles: Record<string, (c: number) => string> = {
    'US grouped': (c) => `${group(whole(c), ',')}.${hundredths(c)}`,
    'European grouped': (c) => `${group(whole(c), '.')},${hundredths(c)}`,
    'plain point': (c) => `${whole(c)}.${hundredths(c)}`,
    'plain comma': (c) => `${whole(c)},${hundredths(c)}`,
    'space grouped': (c) => `${group(whole(c), ' ')},${hundredths(c)}`,
    'apostrophe grouped': (c) => `${group(whole(c), "'")}.${hundredths(c)}`,
    'dollar sign': (c) => `$${group(whole(c), ',')}.${hundredths(c)}`,
    'euro sign with a space': (c) => `€ ${group(whole(c), '.')},${hundredths(c)}`,
    'code after': (c) => `${whole(c)}.${hundredths(c)} USD`,
  };
  function whole(c: number) {
    return String(Math.floor(Math.abs(c) / 100));
  }
  function hundredths(c: number) {
    return String(Math.abs(c) % 100).padStart(2, '0');
  }
  const amounts = fc.integer({ min: 0, max: 999_999_999_999 });

  for (const [name, format] of Object.entries(styles)) {
    it(name, () => {
      fc.assert(
        fc.property(amounts, fc.boolean(), fc.boolean(), (c, negative, parentheses) => {
          const text = format(c);
          const signed = !negative ? text : parentheses ? `(${text})` : `-${text}`;
          const read = readAmountText(signed);
          expect(read.ok && read.cents, signed).toBe(negative && c !== 0 ? -c : c);
        }),
      );
    });
  }

  it('and the preview text of the cents reads back to them too', () => {
    fc.assert(
      fc.property(fc.integer({ min: -999_999_999_999, max: 999_999_999_999 }), (c) => {
        const read = readAmountText(amountAsRead(c));
        expect(read.ok && read.cents).toBe(c === 0 ? 0 : c);
      }),
    );
  });
});

describe('detectDecimalSeparator', () => {
  it('names the separator the amounts agree on', () => {
    expect(detectDecimalSeparator(['1,234', '12.50', '3'])).toBe('.');
    expect(detectDecimalSeparator(['1.234', '12,50'])).toBe(',');
    expect(detectDecimalSeparator(['1,234,567', '1,234'])).toBe('.');
  });
  it('is null when none shows it or they disagree', () => {
    expect(detectDecimalSeparator(['1,234', '12'])).toBeNull();
    expect(detectDecimalSeparator(['12.50', '12,50'])).toBeNull();
    expect(detectDecimalSeparator([])).toBeNull();
  });
});

describe('amountAsRead', () => {
  it('shows the cents with thousands commas, a decimal point and a real minus sign', () => {
    expect(amountAsRead(123456)).toBe('1,234.56');
    expect(amountAsRead(-1250)).toBe('−12.50');
    expect(amountAsRead(5)).toBe('0.05');
    expect(amountAsRead(100_000_000)).toBe('1,000,000.00');
  });
});

describe('currencyMatches', () => {
  it('compares codes, and lets a symbol stand for its currencies', () => {
    expect(currencyMatches('USD', 'usd')).toBe(true);
    expect(currencyMatches('EUR', 'USD')).toBe(false);
    expect(currencyMatches('$', 'USD')).toBe(true);
    expect(currencyMatches('$', 'CAD')).toBe(true);
    expect(currencyMatches('$', 'EUR')).toBe(false);
    expect(currencyMatches('€', 'EUR')).toBe(true);
    expect(currencyMatches('£', 'EUR')).toBe(false);
  });
});
