/**
 * The statement number printed for the owner and quoted in the e-mail. It is derived, not
 * allocated: the property and the period, which identify a statement (at most one per property
 * and period, DESIGN §5), so the number is the same on every regeneration of a draft, every
 * resend and in every process, needs no counter in the database, and tells the reader at a
 * glance which property and month it is about. `101` for October 2025 → `101-2025-10`; a
 * period that is not one calendar month names both dates: `101-20251001-20251015`.
 * Pure, so the web app can show the same number.
 */
import { monthPeriod } from './dates.js';
import type { Period } from './types.js';

export function statementNumber(propertyId: string, period: Period): string {
  const [y, m] = period.start.split('-').map(Number);
  const month = monthPeriod(y ?? 0, m ?? 1);
  if (month.start === period.start && month.end === period.end) {
    return `${propertyId}-${period.start.slice(0, 7)}`;
  }
  return `${propertyId}-${period.start.replaceAll('-', '')}-${period.end.replaceAll('-', '')}`;
}
