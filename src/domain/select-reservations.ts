/**
 * Which reservations a statement takes, and which of their money falls in the period (DESIGN §5).
 */
import { isInPeriod } from './dates.js';
import { nightSlice, prorateAmounts, type ReservationAmounts, stayNights } from './proration.js';
import {
  CALCULATION_TYPES,
  CANCELLATION_STATUSES,
  type CalculationType,
  DEFAULT_COUNTED_STATUSES,
  type ExcludedReservation,
  type Period,
  type Reservation,
} from './types.js';

/** A reservation taken by a statement, with the money that belongs to the period. */
export interface SelectedReservation {
  reservation: Reservation;
  /** Nights of the whole stay (zero-night = 1). */
  nights: number;
  /** Nights in the period: all of them for checkout/checkin, the prorated run for calendar. */
  nightsInPeriod: number;
  /** The period's share: whole for checkout/checkin, prorated for calendar. */
  amounts: ReservationAmounts;
  /** Cancellation income: accommodation = payout, everything else 0 (§5). */
  cancellation: boolean;
}

const normalize = (status: string) => status.trim().toLowerCase();
const CANCELLED: ReadonlySet<string> = new Set(CANCELLATION_STATUSES);

/** The counted set, normalized; the default when none is given. */
export function countedStatusSet(
  statuses: readonly string[] = DEFAULT_COUNTED_STATUSES,
): ReadonlySet<string> {
  return new Set(statuses.map(normalize).filter((s) => s !== ''));
}

const DEFAULT_SET = countedStatusSet();

/** Counted by the statement: one of `counted` (default accepted, confirmed, checked_in, completed), any case/spacing. */
export function isCountedStatus(status: string, counted: ReadonlySet<string> = DEFAULT_SET): boolean {
  return counted.has(normalize(status));
}

/** cancelled / cancelled_by_guest / cancelled_by_host / no_show, any case/spacing. */
export function isCancellationStatus(status: string): boolean {
  return CANCELLED.has(normalize(status));
}

/** cancelled / cancelled_by_guest / cancelled_by_host / no_show with payout_price > 0. */
export function isCancellationIncome(r: Pick<Reservation, 'status' | 'payout'>): boolean {
  return isCancellationStatus(r.status) && r.payout !== undefined && r.payout !== null && r.payout > 0;
}

function wholeAmounts(r: Reservation, cancellation: boolean): ReservationAmounts {
  if (cancellation) {
    return { accommodation: r.payout ?? 0, cleaning: 0, otherFees: 0, taxes: 0, channelFees: 0 };
  }
  return {
    accommodation: r.accommodation,
    cleaning: r.cleaning,
    otherFees: r.otherFees,
    taxes: r.taxes,
    channelFees: r.channelFees,
  };
}

/** True when the calculation type takes this reservation into the period (whatever its status). */
export function takenByPeriod(r: Reservation, period: Period, calculationType: CalculationType): boolean {
  switch (calculationType) {
    case 'checkout':
      return isInPeriod(r.checkOut, period);
    case 'checkin':
      return isInPeriod(r.checkIn, period);
    case 'calendar':
      return nightSlice(r.checkIn, r.checkOut, period) !== null;
  }
}

/** Selects one reservation for the period, or null when the statement does not take it. */
export function selectReservation(
  r: Reservation,
  period: Period,
  calculationType: CalculationType,
  cancellation = false,
): SelectedReservation | null {
  const nights = stayNights(r.checkIn, r.checkOut);
  const whole = wholeAmounts(r, cancellation);
  switch (calculationType) {
    case 'checkout':
    case 'checkin': {
      if (!takenByPeriod(r, period, calculationType)) return null;
      return { reservation: r, nights, nightsInPeriod: nights, amounts: whole, cancellation };
    }
    case 'calendar': {
      const slice = nightSlice(r.checkIn, r.checkOut, period);
      if (!slice) return null;
      return {
        reservation: r,
        nights,
        nightsInPeriod: slice.b - slice.a,
        amounts: prorateAmounts(whole, slice),
        cancellation,
      };
    }
  }
  throw new RangeError(`unknown calculation type; expected one of ${CALCULATION_TYPES.join(', ')}`);
}

export interface Selection {
  selected: SelectedReservation[];
  excluded: ExcludedReservation[];
}

/**
 * The property's reservations the statement takes (counted statuses and cancellation income),
 * in input order, and the ones the calculation type would have taken but that are not counted.
 * Reservations of child listings must already carry the parent's `propertyId`.
 */
export function classifyReservations(
  reservations: readonly Reservation[],
  propertyId: string,
  period: Period,
  calculationType: CalculationType,
  counted: ReadonlySet<string> = DEFAULT_SET,
): Selection {
  const selected: SelectedReservation[] = [];
  const excluded: ExcludedReservation[] = [];
  for (const r of reservations) {
    if (r.propertyId !== propertyId) continue;
    const cancellation = !isCountedStatus(r.status, counted) && isCancellationIncome(r);
    if (isCountedStatus(r.status, counted) || cancellation) {
      const s = selectReservation(r, period, calculationType, cancellation);
      if (s) selected.push(s);
    } else if (takenByPeriod(r, period, calculationType)) {
      excluded.push({
        reservationId: r.id,
        guestName: r.guestName,
        checkIn: r.checkIn,
        checkOut: r.checkOut,
        status: r.status,
        payout: r.payout ?? null,
      });
    }
  }
  return { selected, excluded };
}
