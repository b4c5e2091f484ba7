/**
 * What the Hostify client hands to the rest of the application: Hostify's records, validated and
 * normalised (ids as strings, money parsed to integer cents; DESIGN.md §4).
 */
import type { Cents, IsoDate } from '../domain/types.js';

export interface HostifyListing {
  id: string;
  name: string;
  nickname: string | null;
  /** Null on child (channel) listings that inherit the parent's (DESIGN.md §4). */
  currency: string | null;
  /** Set on child (channel) listings: the parent listing's id. */
  parentId: string | null;
  isListed: boolean;
  /** Trimmed, de-duplicated; from null, an array or a comma-separated string. */
  tags: string[];
}

export interface HostifyUser {
  id: string;
  /** The user's e-mail address. */
  email: string;
  firstName: string;
  lastName: string;
  roles: string[];
  isActive: boolean;
  listingIds: string[];
}

export interface HostifyReservation {
  id: string;
  listingId: string;
  parentListingId: string | null;
  checkIn: IsoDate;
  checkOut: IsoDate;
  nights: number | null;
  status: string;
  source: string;
  /** Null when Hostify sent none: the reservation is then in its listing's currency. */
  currency: string | null;
  guestName: string;
  basePrice: Cents;
  cleaningFee: Cents;
  /** Every guest-paid fee, cleaning included; null when Hostify sent none. */
  extrasPrice: Cents | null;
  /** base_price + extras_price as Hostify computed it; null when absent. */
  subtotal: Cents | null;
  taxAmount: Cents;
  channelCommission: Cents;
  transactionFee: Cents;
  /** Null when absent (then no payout check is possible). */
  payoutPrice: Cents | null;
  createdAt: string | null;
}

/**
 * A reservation record that could not be read (an impossible date, a non-numeric amount, a missing
 * id). It makes its property an error naming the reservation and the field; the rest of the fetch
 * goes on (DESIGN.md §4, "Tolerance").
 */
export interface InvalidReservation {
  /** As Hostify sent it, when it could be read at all. */
  id: string | null;
  listingId: string | null;
  parentListingId: string | null;
  /** The field at fault, e.g. `checkIn`, `base_price`. */
  field: string;
  message: string;
}

export interface ReservationBatch {
  reservations: HostifyReservation[];
  invalid: InvalidReservation[];
}

/**
 * Reservations that may matter for a period: checkIn ≤ to and checkOut ≥ from (a superset of what
 * checkout, checkin and calendar statements take). Hostify is asked by dates only; `listingIds`,
 * when given, is applied locally (DESIGN.md §4: `listing_id` is not a filter field).
 */
export interface ReservationQuery {
  from: IsoDate;
  to: IsoDate;
  /** Keep only these listings (parents and children; matched on listing_id or parent_listing_id). */
  listingIds?: string[];
}

/** The port the services use. One instance per process; it owns the global rate limiter. */
/** Hints for reading a whole list; the result is the same with or without them. */
export interface ListOptions {
  /**
   * Records the list held last time: the client then asks for the pages it expects at once
   * instead of one `next_page` at a time (a list that shrank costs the pages asked in vain).
   */
  expectedCount?: number;
}

export interface HostifyClient {
  listListings(options?: ListOptions): Promise<HostifyListing[]>;
  listUsers(options?: ListOptions): Promise<HostifyUser[]>;
  listReservations(query: ReservationQuery): Promise<ReservationBatch>;
  /** `GET /listings/{id}`: any listing (children included) with its parent_id; null on 404. */
  getListing(id: string): Promise<HostifyListing | null>;
  /** Number of HTTP requests sent so far (for logs and benchmarks). */
  readonly requestCount: number;
}
