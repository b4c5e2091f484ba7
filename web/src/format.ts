/**
 * Display helpers of the web app, in the browser's locale. Money arrives as integer cents and goes
 * through the PDF's own formatMoney (src/domain/money-format.ts: exact, never through a float);
 * months become periods with src/domain/dates.ts's monthPeriod, as in the scheduler.
 */
import { monthPeriod } from '../../src/domain/dates.js';
import { formatMoney as formatMoneyIn } from '../../src/domain/money-format.js';
import type { Period } from '../../src/domain/types.js';

/** The locale the browser formats in (what `undefined` means to Intl). */
const userLocale = new Intl.NumberFormat().resolvedOptions().locale;

/** `123456, 'EUR'` → `€1,234.56` in the browser's locale; the PDF shows the same in en-US. */
export function formatMoney(cents: number, currency: string): string {
  return formatMoneyIn(cents, currency, userLocale);
}

/**
 * An amount as a step of a calculation: `+€10.00` added, `−€10.00` (a true minus) taken off, and
 * zero without a sign. `cents` carries the direction: pass `-fees` for a deduction.
 */
export function formatSignedMoney(cents: number, currency: string): string {
  if (cents === 0) return formatMoney(0, currency);
  return cents > 0 ? `+${formatMoney(cents, currency)}` : `−${formatMoney(-cents, currency)}`;
}

/**
 * Parses a user-typed amount ("125", "125.5", "1,250.50") into positive integer cents, or null.
 * Done on the digits, not with floating point, so "0.29" is 29 cents and never 28.999….
 */
export function parseAmountToCents(text: string): number | null {
  const cleaned = text.trim().replace(/[,\s]/g, '');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  const cents = whole * 100 + fraction;
  return Number.isSafeInteger(cents) && cents > 0 ? cents : null;
}

/** `YYYY-MM-DD` as a readable date. Read as UTC so the day never shifts with the local zone. */
export function formatDate(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(undefined, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
}

export function formatPeriod(start: string, end: string): string {
  return `${formatDate(start)} – ${formatDate(end)}`;
}

const periodFormat = new Intl.DateTimeFormat(undefined, {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
});
const monthFormat = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', year: 'numeric', month: 'short' });

/**
 * A period for narrow columns: a whole calendar month as `Oct 2025`, anything else as a range
 * without repeated parts (`Oct 1 – 15, 2025`).
 */
export function formatPeriodShort(start: string, end: string): string {
  const from = new Date(`${start}T00:00:00Z`);
  if (!Number.isNaN(from.getTime())) {
    const month = monthPeriod(from.getUTCFullYear(), from.getUTCMonth() + 1);
    if (month.start === start && month.end === end) return monthFormat.format(from);
  }
  return formatDateRange(start, end);
}

/** Two `YYYY-MM-DD` dates as one range without repeated parts: `Oct 5 – 12, 2025` (a stay). */
export function formatDateRange(start: string, end: string): string {
  const from = new Date(`${start}T00:00:00Z`);
  const to = new Date(`${end}T00:00:00Z`);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to < from)
    return formatPeriod(start, end);
  return periodFormat.formatRange(from, to);
}

/** A timestamp (ISO 8601 with time) in the user's zone. */
export function formatDateTime(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Duration of a job: start to end, or start to now while it runs. */
export function jobDuration(
  startedAt: string | null,
  completedAt: string | null,
  now: number = Date.now(),
): string {
  if (!startedAt) return '—';
  const end = completedAt ? Date.parse(completedAt) : now;
  return formatDuration(end - Date.parse(startedAt));
}

/** First and last day of the month `offset` months from `today` (0 = this month, -1 = last). */
export function monthRange(offset: number, today: Date = new Date()): Period {
  return monthPeriod(today.getFullYear(), today.getMonth() + 1 + offset);
}

export function formatPercent(value: number): string {
  return `${value.toLocaleString(undefined, { maximumFractionDigits: 2 })} %`;
}
