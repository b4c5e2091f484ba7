/**
 * `createHostifyClient`: the HostifyClient port (types.ts) over Hostify's HTTP API. Wires the
 * transport (limiter, retries, timeouts), response validation and pagination together; the
 * reservation query is also filtered locally because Hostify's filters are not trusted.
 */
import type { z } from 'zod';
import { BUDGETS, HOSTIFY_TIMEOUT_MS } from '../lib/retry-budgets.js';
import { HostifyRequestError, HostifyResponseError } from './errors.js';
import { createHttpTransport } from './http.js';
import { type HostifyLogger, silentLogger } from './logger.js';
import { fetchAllPages } from './paginate.js';
import { type Page, parsePage } from './parse-page.js';
import { createLocalRateLimiter, type RateLimiter } from './rate-limiter.js';
import { assertValidQuery, matchesQuery, reservationFilters } from './reservation-query.js';
import { listingSchema, reservationSchema, userSchema } from './schemas.js';
import type {
  HostifyClient,
  HostifyListing,
  InvalidReservation,
  ListOptions,
  ReservationBatch,
  ReservationQuery,
} from './types.js';

export interface HostifyClientOptions {
  /** E.g. `https://api-rms.hostify.com` or the simulator's URL. */
  baseUrl: string;
  /** Sent as `x-api-key`; never logged nor put in an error. */
  apiKey: string;
  /** Requests in flight at once, across all calls of this client. Default 5. */
  maxConcurrency?: number;
  /** Request starts per second (sliding window), across all calls. Default 10. */
  maxRps?: number;
  /** Per attempt, body included. Default HOSTIFY_TIMEOUT_MS of src/lib/retry-budgets.ts (15000). */
  timeoutMs?: number;
  /**
   * Retries after the first attempt for 429/5xx/timeouts/network errors. Default: the
   * `hostifyRequest` budget of src/lib/retry-budgets.ts less one (5).
   */
  maxRetries?: number;
  /** Backoff base: the n-th retry waits random(0, min(retryMaxMs, retryBaseMs·2^(n-1))). Default 250. */
  retryBaseMs?: number;
  /** Default 10000. */
  retryMaxMs?: number;
  /** pino-compatible; default silent. */
  logger?: HostifyLogger;
  /** Page size asked for; Hostify's maximum is 100. Default 100. */
  perPage?: number;
  /** Replaces the local limiter (e.g. with a distributed one). maxConcurrency/maxRps are then unused. */
  limiter?: RateLimiter;
  /** Randomness for backoff jitter; default Math.random. */
  random?: () => number;
}

export const HOSTIFY_MAX_PER_PAGE = 100;

const { hostifyRequest } = BUDGETS;

export function createHostifyClient(options: HostifyClientOptions): HostifyClient {
  const settings = resolveOptions(options);
  const http = createHttpTransport({
    baseUrl: settings.baseUrl,
    apiKey: options.apiKey,
    limiter:
      options.limiter ??
      createLocalRateLimiter({ maxConcurrency: settings.maxConcurrency, maxRps: settings.maxRps }),
    logger: options.logger ?? silentLogger,
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    retryBaseMs: settings.retryBaseMs,
    retryMaxMs: settings.retryMaxMs,
    ...(options.random === undefined ? {} : { random: options.random }),
  });
  const { perPage } = settings;

  const logger = options.logger ?? silentLogger;

  /** Reads every page of `path`, validating the items under `key`. */
  function listAll<T extends { id: string }>(
    path: string,
    key: string,
    item: z.ZodType<T>,
    extraQuery: Record<string, string>,
    onInvalid: (raw: unknown, field: string, message: string) => void,
    options: ListOptions = {},
  ): Promise<T[]> {
    const fetchPage = async (page: number): Promise<Page<T>> => {
      const query = new URLSearchParams({ ...extraQuery, page: String(page), per_page: String(perPage) });
      const body = await http.getJson({ path, query, page });
      return parsePage(body, key, item, {
        request: `GET ${path} (page ${page})`,
        path,
        redact: http.redact,
        onInvalid,
      });
    };
    return fetchAllPages(
      fetchPage,
      perPage,
      `GET ${path}`,
      options.expectedCount === undefined ? {} : { expectedCount: options.expectedCount },
    );
  }

  /**
   * A malformed user or listing is left out with a warning rather than failing the catalog: the
   * others are still usable (DESIGN.md §4, "Tolerance").
   */
  const skipWith = (what: string) => (raw: unknown, field: string, message: string) => {
    logger.warn({ [what]: rawId(raw), field, reason: message }, `Hostify sent a malformed ${what}; left out`);
  };

  return {
    // Reference, Listings > List listings: "Get all active listings" (parents only, §4).
    listListings: (options?: ListOptions) =>
      listAll('/listings', 'listings', listingSchema, {}, skipWith('listing'), options),
    // Reference, Users > List users.
    listUsers: (options?: ListOptions) =>
      listAll('/users', 'users', userSchema, {}, skipWith('user'), options),

    async listReservations(query: ReservationQuery): Promise<ReservationBatch> {
      assertValidQuery(query);
      const ids = query.listingIds === undefined ? null : new Set(query.listingIds);
      if (ids !== null && ids.size === 0) return { reservations: [], invalid: [] };
      const invalid: InvalidReservation[] = [];
      // Reference, Reservations > List reservations: `fees=1` adds the fee breakdown; the
      // filters are dates only (§4), one paged list for the whole account.
      const all = await listAll(
        '/reservations',
        'reservations',
        reservationSchema,
        { fees: '1', filters: JSON.stringify(reservationFilters(query)) },
        (raw, field, message) => {
          const bad = describeInvalid(raw, field, message);
          // The dates of a bad record may be unreadable: keep it unless they clearly say "not this period".
          if (bad.dates && !matchesQuery(query, null)({ ...bad.dates, listingId: '', parentListingId: null }))
            return;
          if (
            ids !== null &&
            !(
              (bad.listingId && ids.has(bad.listingId)) ||
              (bad.parentListingId && ids.has(bad.parentListingId))
            )
          )
            return;
          invalid.push(bad.record);
        },
      );
      // Hostify's filters are a hint, not a guarantee: every date is checked again here.
      const keep = matchesQuery(query, ids);
      const seen = new Set<string>();
      const unique = invalid.filter((r) => {
        const key = `${r.id ?? ''}|${r.listingId ?? ''}|${r.field}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      return { reservations: all.filter(keep), invalid: unique };
    },

    async getListing(id: string): Promise<HostifyListing | null> {
      // Reference, Listings > Get listing: `GET /listings/<ID>` → `{success, listing}`, any
      // listing with its parent_id (children included, which /listings leaves out).
      const path = `/listings/${encodeURIComponent(id)}`;
      let body: unknown;
      try {
        body = await http.getJson({ path, query: new URLSearchParams() });
      } catch (error) {
        // A listing Hostify does not have (deleted, or never a listing) answers 404, 400 or a
        // `success: false` body (reference, Errors): it is no listing, not a failed job. Auth
        // failures and transient errors still propagate.
        const gone =
          (error instanceof HostifyRequestError && (error.status === 404 || error.status === 400)) ||
          error instanceof HostifyResponseError;
        if (!gone) throw error;
        logger.warn({ listing: id, reason: (error as Error).message }, 'Hostify has no such listing');
        return null;
      }
      const listing = (body as { listing?: unknown } | null)?.listing;
      const parsed = listingSchema.safeParse(listing);
      if (!parsed.success) {
        logger.warn(
          { listing: id, reason: parsed.error.issues[0]?.message },
          'Hostify sent a malformed listing',
        );
        return null;
      }
      return parsed.data;
    },

    get requestCount() {
      return http.requestCount;
    },
  };
}

function rawField(raw: unknown, key: string): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const v = (raw as Record<string, unknown>)[key];
  if (typeof v === 'number' && Number.isSafeInteger(v) && v !== 0) return String(v);
  if (typeof v === 'string' && v.trim() !== '' && v.trim() !== '0') return v.trim();
  return null;
}

function rawId(raw: unknown): string | null {
  return rawField(raw, 'id');
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function describeInvalid(
  raw: unknown,
  field: string,
  message: string,
): {
  record: InvalidReservation;
  listingId: string | null;
  parentListingId: string | null;
  dates: { checkIn: string; checkOut: string } | null;
} {
  const listingId = rawField(raw, 'listing_id');
  const parentListingId = rawField(raw, 'parent_listing_id');
  const checkIn = rawField(raw, 'checkIn');
  const checkOut = rawField(raw, 'checkOut');
  const dates =
    checkIn !== null && checkOut !== null && DATE.test(checkIn) && DATE.test(checkOut)
      ? { checkIn, checkOut }
      : null;
  return {
    record: { id: rawId(raw), listingId, parentListingId, field, message },
    listingId,
    parentListingId,
    dates,
  };
}

interface ResolvedOptions {
  baseUrl: string;
  maxConcurrency: number;
  maxRps: number;
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  perPage: number;
}

function resolveOptions(options: HostifyClientOptions): ResolvedOptions {
  if (typeof options.apiKey !== 'string' || options.apiKey === '') {
    throw new TypeError('createHostifyClient: apiKey is required');
  }
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new TypeError(`createHostifyClient: baseUrl is not a URL: ${options.baseUrl}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`createHostifyClient: baseUrl must be http(s): ${options.baseUrl}`);
  }
  const int = (name: string, value: number | undefined, fallback: number, min: number): number => {
    const v = value ?? fallback;
    if (!Number.isInteger(v) || v < min)
      throw new RangeError(`createHostifyClient: ${name} must be an integer ≥ ${min}`);
    return v;
  };
  return {
    baseUrl: options.baseUrl,
    maxConcurrency: int('maxConcurrency', options.maxConcurrency, 5, 1),
    maxRps: int('maxRps', options.maxRps, 10, 1),
    timeoutMs: int('timeoutMs', options.timeoutMs, HOSTIFY_TIMEOUT_MS, 1),
    maxRetries: int('maxRetries', options.maxRetries, hostifyRequest.attempts - 1, 0),
    retryBaseMs: int('retryBaseMs', options.retryBaseMs, hostifyRequest.baseMs, 0),
    retryMaxMs: int('retryMaxMs', options.retryMaxMs, hostifyRequest.maxMs, 0),
    perPage: Math.min(HOSTIFY_MAX_PER_PAGE, int('perPage', options.perPage, HOSTIFY_MAX_PER_PAGE, 1)),
  };
}
