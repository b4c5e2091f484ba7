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

export const DEFAULT_SETTINGS: PropertySettings = {
  commissionPercent: 15,
  commissionBasis: 'net',
  ownerRemitsTaxes: false,
};

/**
 * A reservation as the statement engine needs it: already attributed to its property (a child
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
  /** May contain reservations outside the period or not counted; the engine selects. */
  reservations: readonly Reservation[];
  /** May contain entries outside the period; the engine selects by date. */
  ledger: readonly LedgerEntry[];
}

/** A computed statement body (what is stored, minus ids and lifecycle fields). */
export interface ComputedStatement {
  propertyId: string;
  currency: string;
  period: Period;
  calculationType: CalculationType;
  settings: PropertySettings;
  lines: StatementLine[];
  expenses: LedgerEntry[];
  adjustments: LedgerEntry[];
  totals: StatementTotals;
}

export type SkipReason = 'no_activity' | 'finalized';
export type PropertyErrorCode = 'mixed_currency';

/** What the engine decides for one property and period. */
export type StatementOutcome =
  | { kind: 'generated'; statement: ComputedStatement }
  | { kind: 'skipped'; reason: SkipReason }
  | { kind: 'error'; code: PropertyErrorCode; message: string };
