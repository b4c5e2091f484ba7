/**
 * Serving the three list endpoints of DESIGN.md §4 from a SimData: filtering (`filters`,
 * `listing_id`), paging (`page`, `per_page` clamped to 100) and the response envelopes. Filtered
 * rows are cached per query so the N pages of one listing filter the data once, not N times.
 */
import { compileFilters, parseFilters, type RecordPredicate } from './filters.js';
import type { SimData } from './types.js';

export const MAX_PER_PAGE = 100;
/** Hostify's default is not documented; requests from the client always send per_page. */
export const DEFAULT_PER_PAGE = 20;

const FEE_FIELDS = ['cleaning_fee', 'extras_price', 'tax_amount', 'channel_commission', 'transaction_fee'];
const FIELDS = {
  listings: new Set(['id', 'name', 'nickname', 'currency', 'parent_id', 'is_listed', 'service_pms', 'tags']),
  users: new Set(['id', 'username', 'first_name', 'last_name', 'roles', 'is_active']),
  reservations: new Set([
    'id',
    'listing_id',
    'parent_listing_id',
    'checkIn',
    'checkOut',
    'nights',
    'status',
    'source',
    'currency',
    'guest_name',
    'base_price',
    'cleaning_fee',
    'extras_price',
    'tax_amount',
    'channel_commission',
    'transaction_fee',
    'payout_price',
    'created_at',
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
    const source = data[collection] as unknown as Row[];
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
      // A comma-separated list of listing ids, matched against listing_id only.
      const wanted = new Set(listingParam.split(',').map((s) => s.trim()));
      predicates.push((r) => wanted.has(String(r.listing_id)));
    }
    const rows = source.filter((r) => predicates.every((p) => p(r)));
    if (cache.size >= 32) cache.clear();
    cache.set(cacheKey, { source, length: source.length, rows });
    return rows;
  }

  return {
    serve(data, path, params, ignoreFilters) {
      const collection = (['listings', 'users', 'reservations'] as const).find((c) => path === `/${c}`);
      if (collection === undefined) throw new HttpError(404, `Not found: ${path}`);
      const page = intParam(params, 'page', 1);
      const perPage = Math.min(MAX_PER_PAGE, intParam(params, 'per_page', DEFAULT_PER_PAGE));
      const rows = select(data, collection, params, ignoreFilters);
      let items = rows.slice((page - 1) * perPage, page * perPage);
      // Without fees=1 Hostify leaves the fee breakdown out.
      if (collection === 'reservations' && params.get('fees') !== '1') items = items.map(withoutFees);
      if (collection === 'users') {
        // /users pages with next_page instead of total, as Hostify may.
        return { success: true, users: items, next_page: page * perPage < rows.length ? page + 1 : null };
      }
      return { success: true, [collection]: items, total: rows.length };
    },
    clearCache() {
      cache.clear();
    },
  };
}

export function isCollectionPath(path: string): boolean {
  return path === '/listings' || path === '/users' || path === '/reservations';
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
