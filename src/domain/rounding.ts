/**
 * Integer rounding for money. Floats are never multiplied: `12.5 * 1000.01` is not exact, and a
 * product of a 10^12-cent amount and a percent in hundredths exceeds 2^53, so the maths runs in
 * BigInt and only the (safe) result comes back as a number.
 */
import type { Cents } from './types.js';

const PERCENT_TEXT = /^(\d+)(?:\.(\d{1,2}))?$/;

function assertSafeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer, got ${value}`);
}

function toSafeNumber(value: bigint, what: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} out of safe integer range: ${value}`);
  return n;
}

/**
 * A percent with at most two decimals as integer hundredths of a percent (`12.5` → 1250,
 * `33.33` → 3333), read from the number's shortest decimal text, never as `percent * 100`
 * (`33.33 * 100` = 3332.9999999999995). More decimals, negative or non-finite values are a
 * RangeError: silently rounding a configured rate would hide a settings bug.
 */
export function percentToHundredths(percent: number): number {
  if (!Number.isFinite(percent)) throw new RangeError(`not a percent: ${percent}`);
  const m = PERCENT_TEXT.exec(String(percent));
  if (!m) throw new RangeError(`percent must be ≥ 0 with at most 2 decimals, got ${percent}`);
  const whole = Number(m[1] ?? '0');
  const frac = Number(`${m[2] ?? ''}00`.slice(0, 2));
  return whole * 100 + frac;
}

/**
 * `numerator / denominator` rounded half away from zero, for BigInt (denominator > 0).
 * Works on magnitudes so that −0.5 rounds to −1 exactly like +0.5 rounds to +1.
 */
export function divRoundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let q = magnitude / denominator;
  if ((magnitude % denominator) * 2n >= denominator) q += 1n;
  return negative ? -q : q;
}

/** `round(amountCents × percent / 100)`, half away from zero, exact for any safe-integer amount. */
export function percentOf(amountCents: Cents, percent: number): Cents {
  assertSafeInteger(amountCents, 'amount');
  const hundredths = BigInt(percentToHundredths(percent));
  return toSafeNumber(divRoundHalfAwayFromZero(BigInt(amountCents) * hundredths, 10_000n), 'percentOf');
}

/**
 * Floor division for BigInt (`-7 / 2` → −4, where BigInt `/` truncates to −3). Refunds make amounts
 * negative, and the proration rule needs floor, not truncation, for its parts to add up.
 */
export function divFloorBig(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError('division by zero');
  const q = a / b;
  // Truncation rounded toward zero; step down when there is a remainder and the signs differ.
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
