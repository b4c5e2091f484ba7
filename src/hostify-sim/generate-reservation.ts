/**
 * One generated reservation, with Hostify's documented money relations (DESIGN.md §4, from the
 * reference's reservation 9876): `extras_price` holds every guest-paid fee, cleaning included;
 * `subtotal = base_price + extras_price`; `payout_price = subtotal − channel_commission −
 * transaction_fee` (taxes apart). Written the way Hostify writes them: numbers for some
 * reservations, two-decimal strings for others, a mix for the rest; some fields null or missing.
 */
import { addDays, toDayNumber } from './dates.js';
import { pick, type Rng, randInt } from './prng.js';
import type { SimListing, SimMoney, SimReservation } from './types.js';

export const FIRST_NAMES = [
  'Ana',
  'Ben',
  'Chloé',
  'Dmitri',
  'Elif',
  'Farah',
  'Goran',
  'Hana',
  'Ivo',
  'Jules',
  'Kenji',
  'Lena',
];
export const LAST_NAMES = [
  'Silva',
  'Okafor',
  'Müller',
  "O'Brien",
  'Nakamura',
  'Rossi',
  'Dubois',
  'Kowalski',
  'Haddad',
  'Smith',
];
const SOURCES = ['Airbnb', 'Booking.com', 'Vrbo', 'Direct', 'Expedia'] as const;
const COMMISSION_PERMILLE: Record<(typeof SOURCES)[number], number> = {
  Airbnb: 30,
  'Booking.com': 150,
  Vrbo: 50,
  Direct: 0,
  Expedia: 180,
};

/** A stay to turn into a reservation; `fields` override the generated wire fields. */
export interface Stay {
  checkIn: string;
  checkOut: string;
  status?: string;
  currency?: string;
  /** Overrides of the wire fields (money as sent). */
  fields?: Partial<SimReservation>;
  tag?: string;
}

/** One reservation of `listing` for `stay`: plausible, internally consistent amounts in a random wire style. */
export function makeReservation(rng: Rng, id: number, listing: SimListing, stay: Stay): SimReservation {
  const nights = toDayNumber(stay.checkOut) - toDayNumber(stay.checkIn);
  const source = pick(rng, SOURCES);
  const rate = randInt(rng, 80, 450) * 100 + randInt(rng, 0, 99);
  const base = rate * Math.max(1, nights);
  const cleaning = pick(rng, [0, 5000, 7500, 8550, 12000]);
  const extrasRoll = rng();
  // < 0.15: extras_price missing (fees = subtotal − base); < 0.2: extras and subtotal null and no
  // other fee (fees = cleaning_fee); else extras = cleaning + other fees, as Hostify sends it.
  const other = extrasRoll < 0.2 ? 0 : pick(rng, [0, 0, 0, 2500, 4000]);
  const extras = cleaning + other;
  const subtotal = base + extras;
  const tax = Math.round((base * 12) / 100);
  const commission = Math.round((subtotal * COMMISSION_PERMILLE[source]) / 1000);
  const feeRoll = rng();
  const transactionFee = source === 'Direct' || feeRoll < 0.25 ? Math.round((subtotal * 29) / 1000) : null;
  const status = stay.status ?? statusFor(rng());
  const cancelled = /^(cancelled|cancelled_by_guest|cancelled_by_host|no_show)$/.test(status);
  // A cancelled stay pays out only its cancellation fee (if any): half the base, or nothing.
  const payout = cancelled
    ? rng() < 0.5
      ? Math.round(base / 2)
      : 0
    : subtotal - commission - (transactionFee ?? 0);
  const style = rng(); // < 0.55 numbers, < 0.85 strings, else a mix
  const fmt = (cents: number, field: number): SimMoney =>
    style < 0.55 || (style >= 0.85 && field % 2 === 0) ? cents / 100 : centsToString(cents);
  const created = addDays(stay.checkIn, -randInt(rng, 3, 90));
  const time = `${pad(randInt(rng, 0, 23))}:${pad(randInt(rng, 0, 59))}:${pad(randInt(rng, 0, 59))}`;
  const guest = `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`;

  const r: SimReservation = {
    id,
    listing_id: listing.id,
    parent_listing_id: null,
    checkIn: stay.checkIn,
    checkOut: stay.checkOut,
    nights,
    status,
    source,
    currency: stay.currency ?? listing.currency,
    guest_name: guest,
    confirmation_code: `HM${String(id).padStart(8, '0')}`,
    base_price: fmt(base, 0),
    cleaning_fee: fmt(cleaning, 1),
    tax_amount: fmt(tax, 3),
    channel_commission: fmt(commission, 4),
    payout_price: fmt(payout, 6),
    created_at: `${created} ${time}`,
  };
  if (extrasRoll < 0.15) {
    r.subtotal = fmt(subtotal, 7);
  } else if (extrasRoll < 0.2) {
    r.extras_price = null;
    r.subtotal = null;
  } else {
    r.extras_price = fmt(extras, 2);
    r.subtotal = fmt(subtotal, 7);
  }
  // Missing and null transaction fees, both of which mean 0.
  if (transactionFee !== null) r.transaction_fee = fmt(transactionFee, 5);
  else if (feeRoll > 0.85) r.transaction_fee = null;

  if (stay.fields) {
    for (const [key, value] of Object.entries(stay.fields)) {
      if (value === undefined) delete r[key];
      else r[key] = value;
    }
  }
  return r;
}

/**
 * Every documented status (reference, Reservations > Reservation object, and the update
 * statuses cancelled_by_guest/by_host), in realistic proportions: mostly accepted.
 */
function statusFor(roll: number): string {
  if (roll < 0.7) return 'accepted';
  if (roll < 0.74) return 'confirmed';
  if (roll < 0.79) return 'completed';
  if (roll < 0.85) return 'cancelled';
  if (roll < 0.87) return 'cancelled_by_guest';
  if (roll < 0.88) return 'cancelled_by_host';
  if (roll < 0.89) return 'no_show';
  if (roll < 0.92) return 'pending';
  if (roll < 0.95) return 'inquiry';
  if (roll < 0.96) return 'declined_inq';
  if (roll < 0.97) return 'moved';
  if (roll < 0.98) return 'denied';
  if (roll < 0.99) return 'expired';
  return 'awaiting_payment';
}

/** `123456` → `"1234.56"`; money strings always carry two decimals, like Hostify's. */
function centsToString(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
