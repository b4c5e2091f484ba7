/**
 * Types of the statement domain. Everything money is an integer number of minor units (cents)
 * of the statement's currency; dates are ISO calendar dates `YYYY-MM-DD` (no time, no zone).
 */

/** Integer minor units (cents). Never a float. */
export type Cents = number;

/** A calendar date `YYYY-MM-DD`. */
export type IsoDate = string;

export const CALCULATION_TYPES = ['checkout', 'checkin', 'calendar'] as const;
export type CalculationType = (typeof CALCULATION_TYPES)[number];

export const COMMISSION_BASES = ['net', 'gross', 'accommodation'] as const;
export type CommissionBasis = (typeof COMMISSION_BASES)[number];

export const STATEMENT_STATUSES = ['draft', 'final', 'sent'] as const;
export type StatementStatus = (typeof STATEMENT_STATUSES)[number];

/** Both dates inclusive. */
export interface Period {
  start: IsoDate;
  end: IsoDate;
}

/** The per-property settings a statement is computed with (and keeps a snapshot of). */
export interface PropertySettings {
  /** Percent with at most 2 decimals, 0..100. Default 15. */
  commissionPercent: number;
  commissionBasis: CommissionBasis;
  ownerRemitsTaxes: boolean;
}

/**
 * A reservation as the statement calculator needs it: already attributed to its property (a child
 * listing's reservation carries the parent's id) and with money parsed into cents.
 */
export interface Reservation {
  id: string;
  /** The property (parent listing) the reservation belongs to. */
  propertyId: string;
  checkIn: IsoDate;
  /** Exclusive: the guest leaves that morning. */
  checkOut: IsoDate;
  status: string;
  source: string;
  currency: string;
  guestName: string;
  accommodation: Cents;
  cleaning: Cents;
  otherFees: Cents;
  taxes: Cents;
  channelFees: Cents;
  /**
   * Hostify's `payout_price` (absent/null = unknown). Decides cancellation income and is checked
   * by the payout_mismatch warning (§5).
   */
  payout?: Cents | null;
  /** Hostify's `subtotal` (absent/null = unknown), checked by the subtotal_mismatch warning. */
  subtotal?: Cents | null;
}

/** The statuses a statement counts by default (DESIGN.md §3 `COUNTED_STATUSES`, §5). */
export const DEFAULT_COUNTED_STATUSES: readonly string[] = [
  'accepted',
  'confirmed',
  'checked_in',
  'completed',
];

/** Statuses whose reservation is cancellation income when its payout is above 0 (§5). */
export const CANCELLATION_STATUSES: readonly string[] = [
  'cancelled',
  'cancelled_by_guest',
  'cancelled_by_host',
  'no_show',
];

/** A reservation the calculation type would have taken but the statement does not count (§5). */
export interface ExcludedReservation {
  reservationId: string;
  guestName: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
  status: string;
  /** Hostify's payout_price, or null when it sent none. */
  payout: Cents | null;
  /**
   * Set when the reservation would count by its status but a person left it out on review (an
   * exclusion override): why. Absent when its status is what left it out.
   */
  overrideReason?: string;
}

export const WARNING_CODES = [
  'subtotal_mismatch',
  'payout_mismatch',
  'unattributed_reservation',
  /** A line-review override names a reservation the statement does not take (any more). */
  'override_reservation_missing',
  /**
   * A line-review inclusion names a cancelled reservation (no payout): it is not counted, since
   * the guest never paid for the stay; what the owner was paid belongs on a manual line.
   */
  'override_cancelled_reservation',
  /**
   * A line-review override that no longer does anything: the excluded reservation is not counted
   * by its status any more, or the included one now is (its status changed in Hostify).
   */
  'override_inactive',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** The warnings about a line-review override (not about Hostify's totals); each changes nothing. */
export const OVERRIDE_WARNING_CODES: readonly WarningCode[] = [
  'override_reservation_missing',
  'override_cancelled_reservation',
  'override_inactive',
];

/** A reconciliation warning: never changes an amount, tells the accountant what to check (§5). */
export interface StatementWarning {
  code: WarningCode;
  reservationId: string;
  message: string;
}

export type LedgerEntryType = 'expense' | 'adjustment';

/** An expense or adjustment of a property; amounts are positive cents. */
export interface LedgerEntry {
  id: string;
  propertyId: string;
  date: IsoDate;
  description: string;
  amount: Cents;
  type: LedgerEntryType;
}

export interface StatementLine {
  reservationId: string;
  guestName: string;
  source: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
  /** Nights of the whole stay (a zero-night stay counts as 1). */
  nights: number;
  /** Nights of the stay inside the period (all of them for checkout/checkin). */
  nightsInPeriod: number;
  accommodation: Cents;
  cleaning: Cents;
  otherFees: Cents;
  grossRevenue: Cents;
  channelFees: Cents;
  commission: Cents;
  taxes: Cents;
  ownerPayout: Cents;
  /** Cancellation income (§5): accommodation = the payout, every other amount 0. */
  cancellation?: boolean;
  /**
   * Counted because a person included it on review although its status is not counted (a
   * pending booking the owner was paid for): why, and the status it has in Hostify.
   */
  included?: { reason: string; status: string };
}

/**
 * A line a person added to a statement on review (not a reservation): its amount is income
 * (negative: a deduction) in `otherFees` and `grossRevenue`; commission is
 * `round(amount × commissionPercent / 100)` when it counts toward commission, whatever the
 * property's commission basis, else 0; `ownerPayout = amount − commission`. The other money
 * columns are 0, so a manual line adds to the totals like any line.
 */
export interface ManualLine {
  /** The override's id. */
  id: string;
  description: string;
  /** Signed cents, as entered. */
  amount: Cents;
  countsTowardCommission: boolean;
  accommodation: Cents;
  cleaning: Cents;
  otherFees: Cents;
  grossRevenue: Cents;
  channelFees: Cents;
  commission: Cents;
  taxes: Cents;
  ownerPayout: Cents;
}

/** A reservation a person excluded from, or included in, a statement on review, and why. */
export interface ReservationOverride {
  reservationId: string;
  reason: string;
}

/** A manual line as a person entered it. */
export interface ManualLineInput {
  id: string;
  description: string;
  /** Signed cents, not 0. */
  amount: Cents;
  countsTowardCommission: boolean;
}

export const OVERRIDE_KINDS = ['exclude', 'include', 'manual'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

/**
 * One stored line-review override, as a statement lists it: `exclude`/`include` name a
 * reservation and a reason; `manual` has a description, a signed amount and whether it counts
 * toward commission. The fields of the other kinds are null.
 */
export interface StatementOverride {
  id: string;
  kind: OverrideKind;
  reservationId: string | null;
  reason: string | null;
  description: string | null;
  amount: Cents | null;
  countsTowardCommission: boolean | null;
  createdAt: string;
  /** The user who added it. */
  createdBy: string | null;
}

/**
 * A person's line review of one property and period (stored per property and period, applied
 * on every regeneration). An exclusion and an inclusion of the same reservation cancel out.
 */
export interface StatementOverrides {
  /** Counted reservations to leave out. */
  exclusions?: readonly ReservationOverride[];
  /** Reservations the rules leave out (their status is not counted) to count. */
  inclusions?: readonly ReservationOverride[];
  manualLines?: readonly ManualLineInput[];
}

export interface StatementTotals {
  accommodation: Cents;
  cleaning: Cents;
  otherFees: Cents;
  grossRevenue: Cents;
  channelFees: Cents;
  commission: Cents;
  taxes: Cents;
  ownerPayout: Cents;
  expenses: Cents;
  adjustments: Cents;
  netPayout: Cents;
}

export interface StatementInput {
  propertyId: string;
  /** The listing's currency (ISO 4217). */
  currency: string;
  period: Period;
  calculationType: CalculationType;
  settings: PropertySettings;
  /** May contain reservations outside the period or not counted; the calculator selects. */
  reservations: readonly Reservation[];
  /** May contain entries outside the period; the calculator selects by date. */
  ledger: readonly LedgerEntry[];
  /** Statuses counted (trimmed, any case). Default DEFAULT_COUNTED_STATUSES. */
  countedStatuses?: readonly string[];
  /** The line review of this property and period. */
  overrides?: StatementOverrides;
  /**
   * Generate the statement even with nothing on it (no line, entry or override that changes
   * anything): a draft regenerated on purpose, after its last override was removed, must show
   * that rather than keep its old figures.
   */
  keepEmpty?: boolean;
}

/** A computed statement body (what is stored, minus ids and lifecycle fields). */
export interface ComputedStatement {
  propertyId: string;
  currency: string;
  period: Period;
  calculationType: CalculationType;
  settings: PropertySettings;
  lines: StatementLine[];
  /** Lines added on review, in the order they were added; counted in the totals. */
  manualLines: ManualLine[];
  expenses: LedgerEntry[];
  adjustments: LedgerEntry[];
  totals: StatementTotals;
  /** Reservations the calculation type would have taken but that are not counted, with why. */
  excluded: ExcludedReservation[];
  /**
   * Reconciliation warnings of the counted reservations, in line order, then the warnings of
   * overrides that name a reservation the statement does not take.
   */
  warnings: StatementWarning[];
}

export type SkipReason = 'no_activity' | 'finalized';
export type PropertyErrorCode = 'mixed_currency' | 'invalid_data';

/** What the calculator decides for one property and period. */
export type StatementOutcome =
  | { kind: 'generated'; statement: ComputedStatement }
  | { kind: 'skipped'; reason: SkipReason }
  | { kind: 'error'; code: PropertyErrorCode; message: string };
