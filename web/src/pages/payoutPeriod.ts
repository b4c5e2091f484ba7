/**
 * Which period the payout report shows: the one in the URL (`/payouts?periodStart=…&periodEnd=…`,
 * so a reload or a shared link shows the same report), else the latest period that has
 * statements, else last month. A period in the URL that is not valid is ignored, never sent on.
 */

import { monthPeriod } from '../../../src/domain/dates.js';
import type { Period } from '../../../src/domain/types.js';
import type { PayoutPeriodsDto } from '../api.js';
import { monthRange } from '../format.js';
import { checkPeriod } from '../formChecks.js';

export function periodFromParams(params: URLSearchParams): Period | null {
  const start = params.get('periodStart') ?? '';
  const end = params.get('periodEnd') ?? '';
  const errors = checkPeriod(start, end);
  return errors.startDate || errors.endDate ? null : { start, end };
}

/** The latest period with statements, or last month when there is none. */
export function defaultPeriod(periods: PayoutPeriodsDto['periods'], today: Date = new Date()): Period {
  const latest = periods[0];
  return latest ? { start: latest.periodStart, end: latest.periodEnd } : monthRange(-1, today);
}

/** `2025-10` for a whole calendar month, '' for any other period (the month field then shows none). */
export function monthOf(period: Period): string {
  const month = period.start.slice(0, 7);
  const whole = monthToPeriod(month);
  return whole && whole.start === period.start && whole.end === period.end ? month : '';
}

/** `2025-10` → October 2025 as a period; null for anything else. */
export function monthToPeriod(month: string): Period | null {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return null;
  const m = Number(match[2]);
  if (m < 1 || m > 12) return null;
  return monthPeriod(Number(match[1]), m);
}

export const periodKey = (p: { periodStart: string; periodEnd: string }) =>
  `${p.periodStart}..${p.periodEnd}`;
