/**
 * Small builders for the statement domain's unit tests. Production never needs them: settings come
 * from the properties table. (A month's period is src/domain/dates.ts's monthPeriod.)
 */
import type { IsoDate, PropertySettings } from '../../src/domain/types.js';

/** DESIGN §5's defaults (15 %, net, owner does not remit taxes), as migration 001 gives a property. */
export const DEFAULT_SETTINGS: PropertySettings = {
  commissionPercent: 15,
  commissionBasis: 'net',
  ownerRemitsTaxes: false,
};

/**
 * The ISO date of a day number (days since 1970-01-01), for tests that draw random dates. A UTC
 * `Date` is exact for whole days; production only ever converts the other way (`toDayNumber`).
 */
export function fromDayNumber(n: number): IsoDate {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}
