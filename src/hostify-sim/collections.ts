/**
 * Serving Hostify's endpoints of DESIGN.md §4 from a SimData, in their documented shapes:
 * - `GET /listings` → `{success, listings, next_page}`: the parent listings only (reference,
 *   Listings > List listings, "Get all active listings"; child listings are not in it, §4);
 * - `GET /listings/children/{id}` → `{success, listings}` (reference, Listings > List children);
 * - `GET /listings/{id}` → `{success, listing}` with its parent_id, 404 when unknown (reference,
 *   Listings > Get listing);
 * - `GET /users` → `{success, users, next_page}`, capped at USERS_MAX_PER_PAGE a page whatever
 *   `per_page` asks (accounts cap it below 100; the reference is silent);
 * - `GET /reservations` → `{success, reservations, total}` with the documented filter fields only
 *   (reference, Reservations > List reservations) and `listing_id` matching direct listings only.
 * Paging: `page` (1-based), `per_page` (default 20, reference Introduction > Global params,
 * clamped to 100). Filtered rows are cached per query so the N pages of one query filter once.
 */
import { compileFilters, parseFilters, type RecordPredicate } from './filters.js';
import type { SimData } from './types.js';

export const MAX_PER_PAGE = 100;
/** Reference, Introduction > Global params: per_page defaults to 20. */
export const DEFAULT_PER_PAGE = 20;
/** Users per page at most, below what clients ask: a short page is not the last one (§4). */
export const USERS_MAX_PER_PAGE = 50;

const FEE_FIELDS = ['cleaning_fee', 'extras_price', 'tax_amount', 'channel_commission', 'transaction_fee'];
/**
 * Filterable fields. Reservations: exactly the reference's list (Reservations > List
 * reservations) — `listing_id` is not one, so a filter on it is a 400 here. Listings and users:
 * the reference lists none; a few plausible ones are accepted (lenient).
 */
const FIELDS = {
  listings: new Set(['id', 'name', 'nickname', 'currency', 'is_listed', 'service_pms']),
  users: new Set(['id', 'username', 'first_name', 'last_name', 'is_active']),
  reservations: new Set([
    'guest_id',
    'checkIn',
    'checkOut',
    'source',
    'status',
    'payout_price',
    'confirmation_code',
    'nights',
    'advance_days',
    'guests',
    'hostify_checkin_form_completed',
  ]),
};
type Collection = keyof typeof FIELDS;
type Row = Record<string, unknown>;

/** A 4xx the handler answers as `{success:false,error}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Collections {
  /** The JSON body for GET `path`, or throws HttpError/FilterError. */
  serve(data: SimData, path: string, params: URLSearchParams, ignoreFilters: boolean): unknown;
  clearCache(): void;
}

export function createCollections(): Collections {
  const cache = new Map<string, { source: readonly Row[]; length: number; rows: Row[] }>();

  function select(
    data: SimData,
    collection: Collection,
    params: URLSearchParams,
    ignoreFilters: boolean,
  ): Row[] {
    let source = data[collection] as unknown as Row[];
    // Child listings are not in /listings (§4): only parents (parent_id null or 0).
    if (collection === 'listings') source = parentsOf(data);
    if (ignoreFilters) return source;
    const filtersText = params.get('filters');
    const listingParam = collection === 'reservations' ? params.get('listing_id') : null;
    if (
      (filtersText === null || filtersText.trim() === '') &&
      (listingParam === null || listingParam === '')
    ) {
      return source;
    }
    // Valid while the same array with the same length is served (setOptions clears it too).
    const cacheKey = `${collection}\n${filtersText ?? ''}\n${listingParam ?? ''}`;
    const hit = cache.get(cacheKey);
    if (hit && hit.source === source && hit.length === source.length) return hit.rows;

    const predicates: RecordPredicate[] = [compileFilters(parseFilters(filtersText), FIELDS[collection])];
    if (listingParam !== null && listingParam !== '') {
      // Reference: `listing_id` (int) — direct matches only, never a child listing's reservations.
      const wanted = listingParam.trim();
      predicates.push((r) => String(r.listing_id) === wanted);
    }
    const rows = source.filter((r) => predicates.every((p) => p(r)));
    if (cache.size >= 32) cache.clear();
    cache.set(cacheKey, { source, length: source.length, rows });
    return rows;
  }

  let parentsCache: { source: readonly unknown[]; length: number; rows: Row[] } | null = null;
  function parentsOf(data: SimData): Row[] {
    const all = data.listings as unknown as Row[];
    if (parentsCache && parentsCache.source === all && parentsCache.length === all.length)
      return parentsCache.rows;
    const rows = all.filter((l) => isNone(l.parent_id));
    parentsCache = { source: all, length: all.length, rows };
    return rows;
  }

  return {
    serve(data, path, params, ignoreFilters) {
      const listingMatch = /^\/listings\/([^/]+)$/.exec(path);
      const childrenMatch = /^\/listings\/children\/([^/]+)$/.exec(path);
      if (childrenMatch) {
        const parentId = decodeURIComponent(childrenMatch[1] ?? '');
        const listings = (data.listings as unknown as Row[]).filter(
          (l) => !isNone(l.parent_id) && String(l.parent_id) === parentId,
        );
        return { success: true, listings };
      }
      if (listingMatch) {
        const id = decodeURIComponent(listingMatch[1] ?? '');
        const listing = (data.listings as unknown as Row[]).find((l) => String(l.id) === id);
        if (!listing) throw new HttpError(404, `Listing ${id} not found`);
        return { success: true, listing };
      }
      const collection = (['listings', 'users', 'reservations'] as const).find((c) => path === `/${c}`);
      if (collection === undefined) throw new HttpError(404, `Not found: ${path}`);
      const page = intParam(params, 'page', 1);
      const cap = collection === 'users' ? USERS_MAX_PER_PAGE : MAX_PER_PAGE;
      const perPage = Math.min(cap, intParam(params, 'per_page', DEFAULT_PER_PAGE));
      const rows = select(data, collection, params, ignoreFilters);
      let items = rows.slice((page - 1) * perPage, page * perPage);
      // Without fees=1 Hostify leaves the fee breakdown out.
      if (collection === 'reservations' && params.get('fees') !== '1') items = items.map(withoutFees);
      if (collection === 'reservations') return { success: true, reservations: items, total: rows.length };
      // Users and listings page with next_page (null on the last page) instead of total.
      return {
        success: true,
        [collection]: items,
        next_page: page * perPage < rows.length ? page + 1 : null,
      };
    },
    clearCache() {
      cache.clear();
      parentsCache = null;
    },
  };
}

const isNone = (v: unknown) => v === null || v === undefined || v === 0 || v === '0' || v === '';

export function isCollectionPath(path: string): boolean {
  return (
    path === '/listings' || path === '/users' || path === '/reservations' || path.startsWith('/listings/')
  );
}

function intParam(params: URLSearchParams, name: string, fallback: number): number {
  const text = params.get(name);
  if (text === null || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new HttpError(400, `${name} must be a positive integer`);
  return Number(text);
}

function withoutFees(r: Row): Row {
  const copy = { ...r };
  for (const f of FEE_FIELDS) delete copy[f];
  return copy;
}
