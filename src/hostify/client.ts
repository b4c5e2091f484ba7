/**
 * `createHostifyClient`: the HostifyClient port (types.ts) over Hostify's HTTP API. Wires the
 * transport (limiter, retries, timeouts), response validation and pagination together; the
 * reservation query is also filtered locally because Hostify's filters are not trusted.
 */
import type { z } from 'zod';
import { createHttpTransport } from './http.js';
import { type HostifyLogger, silentLogger } from './logger.js';
import { fetchAllPages } from './paginate.js';
import { type Page, parsePage } from './parse-page.js';
import { createLocalRateLimiter, type RateLimiter } from './rate-limiter.js';
import {
  assertValidQuery,
  chunk,
  LISTING_IDS_PER_REQUEST,
  matchesQuery,
  reservationFilters,
} from './reservation-query.js';
import { listingSchema, reservationSchema, userSchema } from './schemas.js';
import type { HostifyClient, HostifyReservation, ReservationQuery } from './types.js';

export interface HostifyClientOptions {
  /** E.g. `https://api-rms.hostify.com` or the simulator's URL. */
  baseUrl: string;
  /** Sent as `x-api-key`; never logged nor put in an error. */
  apiKey: string;
  /** Requests in flight at once, across all calls of this client. Default 5. */
  maxConcurrency?: number;
  /** Request starts per second (sliding window), across all calls. Default 10. */
  maxRps?: number;
  /** Per attempt, body included. Default 15000. */
  timeoutMs?: number;
  /** Retries after the first attempt for 429/5xx/timeouts/network errors. Default 5. */
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

  /** Reads every page of `path`, validating the items under `key`. */
  function listAll<T extends { id: string }>(
    path: string,
    key: string,
    item: z.ZodType<T>,
    extraQuery: Record<string, string> = {},
  ): Promise<T[]> {
    const fetchPage = async (page: number): Promise<Page<T>> => {
      const query = new URLSearchParams({ ...extraQuery, page: String(page), per_page: String(perPage) });
      const body = await http.getJson({ path, query, page });
      return parsePage(body, key, item, { request: `GET ${path} (page ${page})`, path, redact: http.redact });
    };
    return fetchAllPages(fetchPage, perPage, `GET ${path}`);
  }

  return {
    listListings: () => listAll('/listings', 'listings', listingSchema),
    listUsers: () => listAll('/users', 'users', userSchema),

    async listReservations(query: ReservationQuery): Promise<HostifyReservation[]> {
      assertValidQuery(query);
      const ids = query.listingIds === undefined ? null : [...new Set(query.listingIds)];
      if (ids !== null && ids.length === 0) return [];
      // One paged listing per chunk of listing ids (one for "all listings"); chunks run
      // concurrently, all through the same limiter.
      const chunks: Array<string[] | undefined> =
        ids === null ? [undefined] : chunk(ids, LISTING_IDS_PER_REQUEST);
      const results = await Promise.all(
        chunks.map((chunkIds) =>
          listAll('/reservations', 'reservations', reservationSchema, {
            fees: '1',
            filters: JSON.stringify(reservationFilters(query, chunkIds)),
          }),
        ),
      );
      const keep = matchesQuery(query, ids === null ? null : new Set(ids));
      const seen = new Set<string>();
      const out: HostifyReservation[] = [];
      for (const r of results.flat()) {
        if (seen.has(r.id) || !keep(r)) continue;
        seen.add(r.id);
        out.push(r);
      }
      return out;
    },

    get requestCount() {
      return http.requestCount;
    },
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
    timeoutMs: int('timeoutMs', options.timeoutMs, 15_000, 1),
    maxRetries: int('maxRetries', options.maxRetries, 5, 0),
    retryBaseMs: int('retryBaseMs', options.retryBaseMs, 250, 0),
    retryMaxMs: int('retryMaxMs', options.retryMaxMs, 10_000, 0),
    perPage: Math.min(HOSTIFY_MAX_PER_PAGE, int('perPage', options.perPage, HOSTIFY_MAX_PER_PAGE, 1)),
  };
}
