/** Public API of the statement domain (pure: no I/O). */
export { calculateLine, commissionBaseOf, grossRevenueOf, lineMoney } from './calculate-line.js';
export {
  calculateStatement,
  computeStatement,
  decideAgainstExisting,
  findCurrencyMismatch,
} from './calculate-statement.js';
export {
  addDays,
  assertValidPeriod,
  daysBetween,
  daysInclusive,
  daysInMonth,
  fromDayNumber,
  isInPeriod,
  isValidIsoDate,
  isValidPeriod,
  monthPeriod,
  toDayNumber,
} from './dates.js';
export { formatCents, MoneyParseError, parseMoney } from './money.js';
export {
  holdsLastNight,
  type NightSlice,
  nightSlice,
  prorate,
  prorateAmounts,
  type ReservationAmounts,
  stayNights,
} from './proration.js';
export {
  divFloor,
  divFloorBig,
  divRoundHalfAwayFromZero,
  percentOf,
  percentToHundredths,
} from './rounding.js';
export { type SelectedLedger, selectLedger } from './select-ledger.js';
export {
  isCountedStatus,
  type SelectedReservation,
  selectReservation,
  selectReservations,
} from './select-reservations.js';
export { computeTotals } from './totals.js';
export * from './types.js';
