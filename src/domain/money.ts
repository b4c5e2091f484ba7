/**
 * Money as integer cents. Hostify sends amounts as JSON numbers or numeric strings with up to two
 * decimals, or null/missing. We never multiply a float by 100 (1000.01 * 100 = 100000.99999999999);
 * instead the decimal text is parsed digit by digit.
 */
import type { Cents } from './types.js';

export class MoneyParseError extends Error {
  constructor(readonly value: unknown) {
    super(`not an amount of money: ${JSON.stringify(value)?.slice(0, 40)}`);
    this.name = 'MoneyParseError';
  }
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$|^([+-]?)\.(\d+)$/;

/**
 * Parses an amount into cents. `null`, `undefined` and `""` are 0. More than two decimals are
 * rounded half away from zero on the decimal digits themselves (`"0.125"` → 13).
 */
export function parseMoney(value: unknown): Cents {
  if (value === null || value === undefined) return 0;
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new MoneyParseError(value);
    // Shortest round-trip text of the double: 1000.01 → "1000.01". Large or tiny values use
    // exponent notation, which no realistic amount needs.
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim().replace(/,/g, '');
    if (text === '') return 0;
  } else {
    throw new MoneyParseError(value);
  }
  const m = DECIMAL.exec(text);
  if (!m) throw new MoneyParseError(value);
  const sign = (m[1] ?? m[4]) === '-' ? -1 : 1;
  const whole = m[2] ?? '0';
  const frac = m[3] ?? m[5] ?? '';
  const cents2 = `${frac}00`.slice(0, 2);
  let cents = Number(whole) * 100 + Number(cents2);
  // Round half away from zero on the third decimal digit.
  if (frac.length > 2 && Number(frac[2]) >= 5) cents += 1;
  if (!Number.isSafeInteger(cents)) throw new MoneyParseError(value);
  return cents === 0 ? 0 : sign * cents;
}

/** Formats cents as a plain decimal string (`-1234` → `"-12.34"`), for logs and CSV. */
export function formatCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
