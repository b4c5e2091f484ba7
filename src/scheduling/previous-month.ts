import { monthPeriod } from '../domain/dates.js';
import type { Period } from '../domain/types.js';

/**
 * The calendar month before the one `at` falls in, in a time zone: what a run on (say)
 * 1 November 06:00 in Europe/Berlin generates — 1 to 31 October. Pure.
 */
export function previousMonth(at: Date, timezone: string): Period {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(at);
  const year = Number(parts.find((p) => p.type === 'year')?.value);
  const month = Number(parts.find((p) => p.type === 'month')?.value); // 1..12, this month
  return monthPeriod(year, month - 1);
}
