/**
 * ISO calendar dates (`YYYY-MM-DD`) as integer day numbers (days since 1970-01-01).
 *
 * Statements only ever need whole days, so we never build a `Date`: local time zones and DST would
 * shift midnights, and `new Date('2025-02-30')` silently rolls over. The conversion below is the
 * proleptic-Gregorian "days from civil" algorithm (H. Hinnant), integer arithmetic only.
 */
import type { IsoDate, Period } from './types.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1-12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The calendar month `month` of `year` as a period, first to last day (`2024, 2` →
 * 2024-02-01..2024-02-29). `month` counts on past 1-12 as `Date.UTC` does (0 is December of
 * the year before, 13 January of the next), so callers step months by adding to it.
 */
export function monthPeriod(year: number, month: number): Period {
  if (!Number.isInteger(year) || !Number.isInteger(month)) {
    throw new RangeError(`not a year and month: ${year}, ${month}`);
  }
  const index = year * 12 + (month - 1);
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  if (y < 0 || y > 9999) throw new RangeError(`year out of range: ${y}`);
  const ym = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
  return { start: `${ym}-01`, end: `${ym}-${String(daysInMonth(y, m)).padStart(2, '0')}` };
}

/** Splits a strict `YYYY-MM-DD` into numbers, or null when the text is not an existing date. */
function parseParts(s: unknown): { y: number; m: number; d: number } | null {
  if (typeof s !== 'string') return null;
  const match = ISO_DATE.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

/** True for a strict `YYYY-MM-DD` naming a day that exists (`2025-02-30` does not). */
export function isValidIsoDate(s: unknown): s is IsoDate {
  return parseParts(s) !== null;
}

/** Days since 1970-01-01 (negative before). Throws RangeError on an invalid date. */
export function toDayNumber(iso: IsoDate): number {
  const parts = parseParts(iso);
  if (!parts) throw new RangeError(`not a valid ISO date: ${JSON.stringify(iso)}`);
  const { m, d } = parts;
  // Count years from March so the leap day is the last day of the "year".
  const y = m <= 2 ? parts.y - 1 : parts.y;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** `b − a` in days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** True when the period's dates are valid and `start ≤ end`. */
export function isValidPeriod(period: Period): boolean {
  return isValidIsoDate(period.start) && isValidIsoDate(period.end) && period.start <= period.end;
}

/** Throws RangeError unless `isValidPeriod(period)`. */
export function assertValidPeriod(period: Period): void {
  if (!isValidPeriod(period)) {
    throw new RangeError(
      `not a valid period: ${JSON.stringify(period.start)}..${JSON.stringify(period.end)}`,
    );
  }
}

/**
 * True when `start ≤ date ≤ end`. Strict ISO dates compare correctly as strings, but callers pass
 * unvalidated data, so compare day numbers (which also rejects invalid dates by throwing).
 */
export function isInPeriod(date: IsoDate, period: Period): boolean {
  const d = toDayNumber(date);
  return toDayNumber(period.start) <= d && d <= toDayNumber(period.end);
}
