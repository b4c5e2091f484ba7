/**
 * The simulator's dataset, in Hostify's wire shape (DESIGN.md §4): snake_case, numeric ids, money
 * as numbers or numeric strings. Tests may pass their own `SimData`, including malformed records
 * (hence the index signatures and the loose money/id types).
 */

export type SimId = number | string;
/** A number, a numeric string, or null; a missing fee is simply an absent key. */
export type SimMoney = number | string | null;

/**
 * Reference, Listings > Listing object. `currency` may be null on child listings (it is the
 * parent's, §4); `tags` is documented as `[string]`, and accounts also send null or a
 * comma-separated string; `is_listed` is documented as an int 0-1.
 */
export interface SimListing {
  id: SimId;
  name: string;
  nickname: string | null;
  currency: string | null;
  parent_id: SimId | null;
  is_listed: boolean | number;
  service_pms: number;
  tags: string[] | string | null;
  [extra: string]: unknown;
}

export interface SimUser {
  id: SimId;
  /** The user's e-mail address. */
  username: string;
  first_name: string;
  last_name: string;
  /** "Listing Owner" (reference, Users > Assign role) as a string or an array (§4). */
  roles: string | string[];
  /** Reference, Users > Update user: an int 0-1. */
  is_active: boolean | number | string;
  listings: Array<{ id: SimId }>;
  [extra: string]: unknown;
}

export interface SimReservation {
  id: SimId;
  listing_id: SimId;
  parent_listing_id: SimId | null;
  checkIn: string;
  checkOut: string;
  nights: number;
  status: string;
  source: string;
  /** Null on some reservations: then the listing's currency (§4). */
  currency: string | null;
  guest_name: string;
  base_price: SimMoney;
  cleaning_fee?: SimMoney;
  /** Every guest-paid fee, cleaning included (§4). */
  extras_price?: SimMoney;
  /** base_price + extras_price. */
  subtotal?: SimMoney;
  tax_amount?: SimMoney;
  channel_commission?: SimMoney;
  transaction_fee?: SimMoney;
  payout_price: SimMoney;
  created_at: string | null;
  [extra: string]: unknown;
}

export interface SimData {
  listings: SimListing[];
  users: SimUser[];
  reservations: SimReservation[];
}

/**
 * Where the generated dataset's awkward cases are (ids as strings, as the app uses them). Only
 * for generated data; derived from the same structural rules for every seed.
 */
export interface SimFacts {
  /** The month the awkward cases are placed in (startMonth + 2: `2025-10` by default). */
  focusMonth: string;
  focusStart: string;
  focusEnd: string;
  /** Active users with an owner role, in generation order. */
  activeOwnerIds: string[];
  /** The inactive user whose roles say "owner". */
  inactiveOwnerId: string;
  /** Users who are not owners (manager, cleaner). */
  nonOwnerUserIds: string[];
  /** Top-level listings of active owners, in order (owner 1's properties first). */
  ownedPropertyIds: string[];
  /** property id → owner id, for ownedPropertyIds. */
  ownerOfProperty: Record<string, string>;
  /** Properties of the inactive owner. */
  inactiveOwnerPropertyIds: string[];
  /** Top-level listings nobody owns (one of them is_listed: false). */
  unownedListingIds: string[];
  /** Child (channel) listings and their parents. */
  childListings: Array<{ childId: string; parentId: string }>;
  /** Owned properties whose listing currency is EUR. */
  eurPropertyIds: string[];
  /** Reservations on a child listing that carry parent_listing_id / that carry null. */
  childReservationIdsWithParent: string[];
  childReservationIdsWithoutParent: string[];
  /** Property with the explicit month-boundary stays, zero-night stay and odd-cents stay. */
  showcasePropertyId: string;
  /** [into the focus month from the month before, out of the focus month into the next]. */
  crossMonthReservationIds: string[];
  zeroNightReservationId: string;
  /** base_price "1000.01" (a string), cleaning 85.5, extras null, transaction fee missing. */
  oddCentsReservationId: string;
  longStayPropertyId: string;
  /** 60 nights, from 21 days before the focus month into the month after. */
  longStayReservationId: string;
  /** A USD listing with a confirmed EUR reservation inside the focus month. */
  mixedCurrencyPropertyId: string;
  mixedCurrencyReservationId: string;
  /** Owned properties with no reservation at all overlapping the focus month. */
  noActivityPropertyIds: string[];
  /** Has cancelled, inquiry, declined, pending reservations, a cancellation with a payout and a confirmed one in the focus month. */
  statusVarietyPropertyId: string;
  /** The not-counted reservations in the focus month on statusVarietyPropertyId (excluded by checkout). */
  uncountedReservationIds: string[];
  /** A cancelled_by_guest reservation with payout_price > 0 (cancellation income) on statusVarietyPropertyId. */
  cancellationIncomeReservationId: string;
  /** Reservations sent with currency null (then the listing's). */
  nullCurrencyReservationIds: string[];
  /** Reservations whose payout_price does not reconcile (a payout_mismatch warning), in the focus month. */
  payoutMismatchReservationIds: string[];
  /** Staff users (not owners) with roles such as "Manager", ["Cleaner"]. */
  staffUserIds: string[];
}
