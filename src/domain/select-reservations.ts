/**
 * Which reservations a statement takes, and which of their money falls in the period (DESIGN §5).
 */
import { isInPeriod } from './dates.js';
import { nightSlice, prorateAmounts, type ReservationAmounts, stayNights } from './proration.js';
import type { CalculationType, Period, Reservation } from './types.js';

/** Statuses that count, lower-case. Everything else (cancelled, inquiry, declined, …) is left out. */
const COUNTED_STATUSES: ReadonlySet<string> = new Set(['accepted', 'confirmed']);

/** A reservation taken by a statement, with the money that belongs to the period. */
export interface SelectedReservation {
  reservation: Reservation;
  /** Nights of the whole stay (zero-night = 1). */
  nights: number;
  /** Nights in the period: all of them for checkout/checkin, the prorated run for calendar. */
  nightsInPeriod: number;
  /** The period's share: whole for checkout/checkin, prorated for calendar. */
  amounts: ReservationAmounts;
}

/** `accepted` or `confirmed`, ignoring case and surrounding spaces (Hostify is not consistent). */
export function isCountedStatus(status: string): boolean {
  return COUNTED_STATUSES.has(status.trim().toLowerCase());
}

function wholeAmounts(r: Reservation): ReservationAmounts {
  return {
    accommodation: r.accommodation,
    cleaning: r.cleaning,
    otherFees: r.otherFees,
    taxes: r.taxes,
    channelFees: r.channelFees,
  };
}

/** Selects one reservation for the period, or null when the statement does not take it. */
export function selectReservation(
  r: Reservation,
  period: Period,
  calculationType: CalculationType,
): SelectedReservation | null {
  const nights = stayNights(r.checkIn, r.checkOut);
  switch (calculationType) {
    case 'checkout':
    case 'checkin': {
      const date = calculationType === 'checkout' ? r.checkOut : r.checkIn;
      if (!isInPeriod(date, period)) return null;
      return { reservation: r, nights, nightsInPeriod: nights, amounts: wholeAmounts(r) };
    }
    case 'calendar': {
      const slice = nightSlice(r.checkIn, r.checkOut, period);
      if (!slice) return null;
      return {
        reservation: r,
        nights,
        nightsInPeriod: slice.b - slice.a,
        amounts: prorateAmounts(wholeAmounts(r), slice),
      };
    }
  }
}

/**
 * The property's counted reservations the statement takes, in input order. Reservations of child
 * listings must already carry the parent's `propertyId` (attribution happens when they are read).
 */
export function selectReservations(
  reservations: readonly Reservation[],
  propertyId: string,
  period: Period,
  calculationType: CalculationType,
): SelectedReservation[] {
  const selected: SelectedReservation[] = [];
  for (const r of reservations) {
    if (r.propertyId !== propertyId || !isCountedStatus(r.status)) continue;
    const s = selectReservation(r, period, calculationType);
    if (s) selected.push(s);
  }
  return selected;
}
