/**
 * One generated reservation: amounts that add up (payout = gross + tax − channel fees), written
 * the way Hostify writes them: numbers for some reservations, two-decimal strings for others, a
 * mix for the rest; extras and transaction fees null or missing for some.
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
  const extras = extrasRoll < 0.35 ? null : randInt(rng, 0, 6000);
  const tax = Math.round((base * 12) / 100);
  const commission = Math.round(((base + cleaning) * COMMISSION_PERMILLE[source]) / 1000);
  const feeRoll = rng();
  const transactionFee =
    source === 'Direct' || feeRoll < 0.25 ? Math.round(((base + cleaning) * 29) / 1000) : null;
  const payout = base + cleaning + (extras ?? 0) + tax - commission - (transactionFee ?? 0);
  const style = rng(); // < 0.55 numbers, < 0.85 strings, else a mix
  const fmt = (cents: number, field: number): SimMoney =>
    style < 0.55 || (style >= 0.85 && field % 2 === 0) ? cents / 100 : centsToString(cents);
  const status = stay.status ?? statusFor(rng());
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
    base_price: fmt(base, 0),
    cleaning_fee: fmt(cleaning, 1),
    tax_amount: fmt(tax, 3),
    channel_commission: fmt(commission, 4),
    payout_price: fmt(payout, 6),
    created_at: `${created} ${time}`,
  };
  // Missing and null fees, both of which mean 0.
  if (extrasRoll >= 0.2 || extras !== null) r.extras_price = extras === null ? null : fmt(extras, 2);
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

function statusFor(roll: number): string {
  if (roll < 0.72) return 'accepted';
  if (roll < 0.85) return 'confirmed';
  if (roll < 0.93) return 'cancelled';
  if (roll < 0.97) return 'inquiry';
  return 'declined';
}

/** `123456` → `"1234.56"`; money strings always carry two decimals, like Hostify's. */
function centsToString(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
