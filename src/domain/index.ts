/** Public API of the statement domain (pure: no I/O). */
export {
  applyReservationOverrides,
  manualLine,
  overridesInput,
  type ReviewedSelection,
} from './apply-overrides.js';
export { calculateLine, commissionBaseOf, grossRevenueOf, lineMoney } from './calculate-line.js';
export { calculateStatement, findCurrencyMismatch } from './calculate-statement.js';
export {
  assertValidPeriod,
  daysBetween,
  daysInMonth,
  isInPeriod,
  isValidIsoDate,
  isValidPeriod,
  monthPeriod,
  toDayNumber,
} from './dates.js';
export { type GuestPaidMoney, type GuestPaidSplit, guestFeesOf, splitGuestPaid } from './guest-fees.js';
export { formatCents, MoneyParseError, parseMoney } from './money.js';
export { DOCUMENT_LOCALE, formatMoney } from './money-format.js';
export { type CurrencyTotals, totalsByCurrency } from './owner-totals.js';
export {
  holdsLastNight,
  type NightSlice,
  nightSlice,
  prorate,
  prorateAmounts,
  type ReservationAmounts,
  stayNights,
} from './proration.js';
export { reconciliationWarnings } from './reconciliation.js';
export {
  divFloorBig,
  divRoundHalfAwayFromZero,
  percentOf,
  percentToHundredths,
} from './rounding.js';
export { type SelectedLedger, selectLedger } from './select-ledger.js';
export {
  classifyReservations,
  countedStatusSet,
  isCancellationIncome,
  isCountedStatus,
  type SelectedReservation,
  type Selection,
  selectReservation,
  takenByPeriod,
} from './select-reservations.js';
export { MONEY_COLUMNS, type MoneyColumn, type MoneyColumnKey } from './statement-columns.js';
export { computeTotals } from './totals.js';
export * from './types.js';
