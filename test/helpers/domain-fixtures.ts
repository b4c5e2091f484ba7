/**
 * Small builders for the statement domain's unit tests. Production never needs them: settings come
 * from the properties table, and periods from requests and schedules.
 */
import { daysInMonth } from '../../src/domain/dates.js';
import type { IsoDate, Period, PropertySettings } from '../../src/domain/types.js';

/** DESIGN §5's defaults (15 %, net, owner does not remit taxes), as migration 001 gives a property. */
export const DEFAULT_SETTINGS: PropertySettings = {
  commissionPercent: 15,
  commissionBasis: 'net',
  ownerRemitsTaxes: false,
};

/** The calendar month `month` (1-12) of `year` as a period (`2025, 2` → 2025-02-01..2025-02-28). */
export function monthPeriod(year: number, month: number): Period {
  const ym = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
  return { start: `${ym}-01`, end: `${ym}-${String(daysInMonth(year, month)).padStart(2, '0')}` };
}

/**
 * The ISO date of a day number (days since 1970-01-01), for tests that draw random dates. A UTC
 * `Date` is exact for whole days; production only ever converts the other way (`toDayNumber`).
 */
export function fromDayNumber(n: number): IsoDate {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}
