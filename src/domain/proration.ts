/**
 * Calendar proration (DESIGN §5). A reservation's nights are numbered 0..n−1 from check-in; a period
 * holds a consecutive run `[a, b)` of them. A nightly amount `x` gives that period
 * `floor(x·b/n) − floor(x·a/n)`: the parts telescope, so over consecutive periods they add up to
 * `floor(x·n/n) − floor(0) = x` exactly, with no cent lost or invented by rounding.
 */
import { toDayNumber } from './dates.js';
import { divFloorBig } from './rounding.js';
import type { Cents, IsoDate, Period, Reservation } from './types.js';

/** The money of a reservation that proration and the statement line work on. */
export type ReservationAmounts = Pick<
  Reservation,
  'accommodation' | 'cleaning' | 'otherFees' | 'taxes' | 'channelFees'
>;

/** Nights `[a, b)` (0-based) of a stay of `n` nights that fall in a period. */
export interface NightSlice {
  a: number;
  b: number;
  n: number;
}

/**
 * Nights of the whole stay. A zero-night stay (same-day check-out) counts as one night on the
 * check-in day; so does a check-out before check-in (bad data), rather than producing a negative
 * night count that would break proration.
 */
export function stayNights(checkIn: IsoDate, checkOut: IsoDate): number {
  return Math.max(toDayNumber(checkOut) - toDayNumber(checkIn), 1);
}

/** The nights of the stay inside the period, or null when none is. */
export function nightSlice(checkIn: IsoDate, checkOut: IsoDate, period: Period): NightSlice | null {
  const first = toDayNumber(checkIn);
  const n = stayNights(checkIn, checkOut);
  // Night i is the night starting on day first + i; the period holds days start..end inclusive.
  const a = Math.max(toDayNumber(period.start) - first, 0);
  const b = Math.min(toDayNumber(period.end) - first + 1, n);
  return a < b ? { a, b, n } : null;
}

/**
 * The part of a nightly amount `x` for nights `[a, b)` of `n`: `floor(x·b/n) − floor(x·a/n)`.
 * BigInt because `x·b` can pass 2^53 (10^12 cents × 10^4 nights); floor (not truncation) so that
 * negative amounts (refunds) still telescope exactly.
 */
export function prorate(x: Cents, a: number, b: number, n: number): Cents {
  if (!Number.isSafeInteger(x)) throw new RangeError(`amount must be a safe integer, got ${x}`);
  if (
    !(
      Number.isInteger(a) &&
      Number.isInteger(b) &&
      Number.isInteger(n) &&
      0 <= a &&
      a <= b &&
      b <= n &&
      n >= 1
    )
  ) {
    throw new RangeError(`bad night range [${a}, ${b}) of ${n}`);
  }
  const bx = BigInt(x);
  const bn = BigInt(n);
  return Number(divFloorBig(bx * BigInt(b), bn) - divFloorBig(bx * BigInt(a), bn));
}

/**
 * True when the slice holds the stay's last night (`checkOut − 1 day`, or check-in for a zero-night
 * stay): night n−1 is in `[a, b)` exactly when `b = n`. One-time amounts go to that period only.
 */
export function holdsLastNight(slice: NightSlice): boolean {
  return slice.b === slice.n;
}

/**
 * A reservation's amounts for one period in calendar mode: nightly amounts (accommodation, taxes,
 * channel fees) prorated, one-time amounts (cleaning, other fees) whole or nothing.
 */
export function prorateAmounts(amounts: ReservationAmounts, slice: NightSlice): ReservationAmounts {
  const { a, b, n } = slice;
  const last = holdsLastNight(slice);
  return {
    accommodation: prorate(amounts.accommodation, a, b, n),
    cleaning: last ? amounts.cleaning : 0,
    otherFees: last ? amounts.otherFees : 0,
    taxes: prorate(amounts.taxes, a, b, n),
    channelFees: prorate(amounts.channelFees, a, b, n),
  };
}
