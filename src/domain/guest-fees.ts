/**
 * Hostify's money fields → the statement's accommodation, cleaning and other fees (DESIGN.md §5).
 *
 * Hostify's `extras_price` is every guest-paid fee, the cleaning fee included, and
 * `subtotal = base_price + extras_price` (its documented reservation 9876: base 360, cleaning 75,
 * extras 75, subtotal 435). Adding `cleaning_fee` on top of `extras_price` would count cleaning
 * twice, so the fees come from `extras_price`, else `subtotal − base_price`, else `cleaning_fee`,
 * and cleaning is the part of them that `cleaning_fee` names.
 */
import type { Cents } from './types.js';

export interface GuestPaidMoney {
  basePrice: Cents;
  cleaningFee: Cents;
  /** null = absent. */
  extrasPrice: Cents | null;
  /** null = absent. */
  subtotal: Cents | null;
}

export interface GuestPaidSplit {
  accommodation: Cents;
  cleaning: Cents;
  otherFees: Cents;
}

/** Every guest-paid fee of a reservation, by the §5 order of sources. */
export function guestFeesOf(m: GuestPaidMoney): Cents {
  if (m.extrasPrice !== null) return m.extrasPrice;
  if (m.subtotal !== null) return m.subtotal - m.basePrice;
  return m.cleaningFee;
}

/** `accommodation = base_price`; `cleaning = min(cleaning_fee, fees)` (≥ 0); `otherFees = fees − cleaning`. */
export function splitGuestPaid(m: GuestPaidMoney): GuestPaidSplit {
  const fees = guestFeesOf(m);
  const cleaning = Math.max(0, Math.min(m.cleaningFee, fees));
  return { accommodation: m.basePrice, cleaning, otherFees: fees - cleaning };
}
