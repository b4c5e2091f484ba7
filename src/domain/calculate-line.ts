/**
 * One statement line from a selected reservation's period amounts (DESIGN §5, "Per statement line").
 */
import type { ReservationAmounts } from './proration.js';
import { percentOf } from './rounding.js';
import type { SelectedReservation } from './select-reservations.js';
import type { Cents, CommissionBasis, PropertySettings, StatementLine } from './types.js';

/** `accommodation + cleaning + otherFees`. */
export function grossRevenueOf(amounts: ReservationAmounts): Cents {
  return amounts.accommodation + amounts.cleaning + amounts.otherFees;
}

/** The amount the commission percent applies to, by basis. */
export function commissionBaseOf(amounts: ReservationAmounts, basis: CommissionBasis): Cents {
  switch (basis) {
    case 'net':
      return grossRevenueOf(amounts) - amounts.channelFees;
    case 'gross':
      return grossRevenueOf(amounts);
    case 'accommodation':
      return amounts.accommodation;
  }
}

/** The money columns of a line: amounts in, gross revenue, commission and owner payout out. */
export function lineMoney(
  amounts: ReservationAmounts,
  settings: PropertySettings,
): Pick<
  StatementLine,
  | 'accommodation'
  | 'cleaning'
  | 'otherFees'
  | 'grossRevenue'
  | 'channelFees'
  | 'commission'
  | 'taxes'
  | 'ownerPayout'
> {
  const grossRevenue = grossRevenueOf(amounts);
  const commission = percentOf(
    commissionBaseOf(amounts, settings.commissionBasis),
    settings.commissionPercent,
  );
  // Taxes reach the owner only when the owner is the one who remits them to the authorities.
  const ownerPayout =
    grossRevenue - amounts.channelFees - commission + (settings.ownerRemitsTaxes ? amounts.taxes : 0);
  return {
    accommodation: amounts.accommodation,
    cleaning: amounts.cleaning,
    otherFees: amounts.otherFees,
    grossRevenue,
    channelFees: amounts.channelFees,
    commission,
    taxes: amounts.taxes,
    ownerPayout,
  };
}

/** The statement line of a selected reservation (amounts already prorated for calendar mode). */
export function calculateLine(selected: SelectedReservation, settings: PropertySettings): StatementLine {
  const r = selected.reservation;
  return {
    reservationId: r.id,
    guestName: r.guestName,
    source: r.source,
    checkIn: r.checkIn,
    checkOut: r.checkOut,
    nights: selected.nights,
    nightsInPeriod: selected.nightsInPeriod,
    ...lineMoney(selected.amounts, settings),
    ...(selected.cancellation ? { cancellation: true } : {}),
  };
}
