/**
 * Dates as spreadsheets and exports write them, read into ISO calendar dates. Year first
 * (`2025-10-14`, `2025/10/14`) is always accepted: it reads one way only. Day and month first
 * (`14/10/2025`, `10/14/2025`, also with `.` or `-`) follow the file's date format when it is
 * given; without one (the default, ISO), such a date is accepted only when it reads one way
 * (`25/10/2025` can only be 25 October), and `03/04/2025` is refused naming both readings.
 * A time after the date (`2025-10-14 09:30`) is ignored. Two-digit years are refused. Pure.
 */
import { daysInMonth } from './dates.js';
import type { IsoDate } from './types.js';

export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export type DateRead = { ok: true; date: IsoDate } | { ok: false; message: string; ambiguous?: boolean };

const YEAR_FIRST =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const YEAR_LAST = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/;

const MONTHS = [
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

function iso(y: number, m: number, d: number): IsoDate | null {
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const spoken = (date: IsoDate): string => {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
};

export function readDateText(text: string, format: DateFormat = 'YYYY-MM-DD'): DateRead {
  const s = text.trim();
  if (s === '') return { ok: false, message: 'is empty' };
  const yearFirst = YEAR_FIRST.exec(s);
  if (yearFirst) {
    const date = iso(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
    return date ? { ok: true, date } : { ok: false, message: 'is not a date that exists' };
  }
  const yearLast = YEAR_LAST.exec(s);
  if (!yearLast) return { ok: false, message: `is not a date (write it as ${format})` };
  if ((yearLast[4] ?? '').length === 2)
    return { ok: false, message: 'has a two-digit year; write all four digits' };
  const a = Number(yearLast[1]);
  const b = Number(yearLast[3]);
  const y = Number(yearLast[4]);
  if (format === 'DD/MM/YYYY' || format === 'MM/DD/YYYY') {
    const date = format === 'DD/MM/YYYY' ? iso(y, b, a) : iso(y, a, b);
    return date ? { ok: true, date } : { ok: false, message: `is not a date that exists (as ${format})` };
  }
  const dayFirst = iso(y, b, a);
  const monthFirst = iso(y, a, b);
  if (dayFirst && monthFirst && dayFirst !== monthFirst) {
    return {
      ok: false,
      ambiguous: true,
      message: `could be ${spoken(dayFirst)} or ${spoken(monthFirst)}; choose the date format (DD/MM/YYYY or MM/DD/YYYY)`,
    };
  }
  const date = dayFirst ?? monthFirst;
  return date ? { ok: true, date } : { ok: false, message: 'is not a date that exists' };
}

/**
 * The day/month order the dates of one file show, when they agree: a first number above 12
 * shows day first, a second above 12 month first. Null when none shows it or they disagree.
 */
export function detectDateFormat(texts: Iterable<string>): DateFormat | null {
  const seen = new Set<DateFormat>();
  for (const text of texts) {
    const m = YEAR_LAST.exec(text.trim());
    if (!m) continue;
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (a > 12 && b <= 12) seen.add('DD/MM/YYYY');
    else if (b > 12 && a <= 12) seen.add('MM/DD/YYYY');
  }
  return seen.size === 1 ? ([...seen][0] ?? null) : null;
}

/** `date` moved by `days` calendar days (`2025-10-31`, 1 → `2025-11-01`). */
export function shiftDate(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const moved = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days));
  return moved.toISOString().slice(0, 10);
}
