/**
 * What the Hostify client hands to the rest of the application: Hostify's records, validated and
 * normalised (ids as strings, money still as Hostify sent it is NOT kept: it is parsed to cents).
 */
import type { Cents, IsoDate } from '../domain/types.js';

export interface HostifyListing {
  id: string;
  name: string;
  nickname: string | null;
  currency: string;
  /** Set on child (channel) listings: the parent listing's id. */
  parentId: string | null;
  isListed: boolean;
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
  currency: string;
  guestName: string;
  basePrice: Cents;
  cleaningFee: Cents;
  extrasPrice: Cents;
  taxAmount: Cents;
  channelCommission: Cents;
  transactionFee: Cents;
  payoutPrice: Cents;
  createdAt: string | null;
}

/** Reservations that may matter for a period: checkIn ≤ to and checkOut ≥ from (a superset
 *  of what checkout, checkin and calendar statements take), optionally for some listings only. */
export interface ReservationQuery {
  from: IsoDate;
  to: IsoDate;
  /** Listing ids (parents and their children). Omit for every listing. */
  listingIds?: string[];
}

/** The port the services use. One instance per process; it owns the global rate limiter. */
export interface HostifyClient {
  listListings(): Promise<HostifyListing[]>;
  listUsers(): Promise<HostifyUser[]>;
  listReservations(query: ReservationQuery): Promise<HostifyReservation[]>;
  /** Number of HTTP requests sent so far (for logs and benchmarks). */
  readonly requestCount: number;
}
