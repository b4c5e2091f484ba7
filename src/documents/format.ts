/**
 * Dates as the owner's documents (PDF, e-mail) print them: one style throughout, day month
 * year ("1 Oct 2025"), the way statements are read in most of the world and never ambiguous
 * (unlike 10/01/2025). Money: formatMoney in src/domain/money-format.ts.
 */
import { monthPeriod } from '../domain/dates.js';
import type { Period } from '../domain/types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function parts(iso: string): { y: number; m: number; d: number } {
  const [y, m, d] = iso.split('-').map(Number);
  return { y: y ?? 0, m: m ?? 1, d: d ?? 1 };
}

/** `2025-10-01` → `1 Oct 2025` (no time zone involved). */
export function formatDate(iso: string): string {
  const { y, m, d } = parts(iso);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/**
 * A period in words: a whole calendar month is `October 2025`; otherwise the two dates, with
 * what they share said once (`1–15 Oct 2025`, `15 Sep – 14 Oct 2025`, `15 Dec 2025 – 14 Jan 2026`).
 */
export function formatPeriod(period: Period): string {
  const a = parts(period.start);
  const b = parts(period.end);
  const month = monthPeriod(a.y, a.m);
  if (month.start === period.start && month.end === period.end) return `${MONTH_NAMES[a.m - 1]} ${a.y}`;
  if (period.start === period.end) return formatDate(period.start);
  if (a.y === b.y && a.m === b.m) return `${a.d}–${b.d} ${MONTHS[a.m - 1]} ${a.y}`;
  if (a.y === b.y) return `${a.d} ${MONTHS[a.m - 1]} – ${formatDate(period.end)}`;
  return `${formatDate(period.start)} – ${formatDate(period.end)}`;
}
