/**
 * Reads every page of a list endpoint (DESIGN.md §4). The reference (Introduction, "Global
 * params") documents only `page` (1-based) and `per_page` (default 20); the envelopes are as
 * integrators found them: `total` on reservations, `next_page` on users and listings.
 *
 * - `total`: the remaining pages are requested at once (the global limiter decides how many
 *   really run), sized by the page size the server actually used — a server that caps `per_page`
 *   below what we asked returns short pages that are not the end.
 * - `next_page`: followed one page at a time until it is null/absent or a page comes back empty.
 *   With `expectedCount` (how many records the list had last time), the pages that count says
 *   exist are asked for at once after the first (the global limiter decides how many really run),
 *   and the `next_page` chain is then walked through them: a page the chain does not reach (the
 *   list shrank) is dropped, and past the last one asked for the chain is followed as usual. One
 *   call per page is spent either way; only a list that shrank costs the pages asked in vain.
 * - neither (the reference is silent): page on while pages come back full.
 *
 * A short page is never taken as the end while `total`/`next_page` say there is more. Records are
 * de-duplicated by id because data that shifts between page requests can put one on two pages.
 */
import { HostifyResponseError } from './errors.js';
import type { Page } from './parse-page.js';

/** A guard against a nonsense `total` or a `next_page` loop: 10,000 pages × 100 = 1M records. */
export const MAX_PAGES = 10_000;

export interface PagingHints {
  /** Records the list held last time; lets a `next_page` list ask for its pages at once. */
  expectedCount?: number;
}

export async function fetchAllPages<T extends { id: string }>(
  fetchPage: (page: number) => Promise<Page<T>>,
  perPage: number,
  request: string,
  hints: PagingHints = {},
): Promise<T[]> {
  const pages: T[][] = [];
  const first = await fetchPage(1);
  pages.push(first.items);
  if (first.count > 0) {
    if (first.total !== null) await fetchByTotal(fetchPage, first, pages, request);
    else if (first.nextPage !== undefined) {
      // The pages the previous count says there are (page 1's size is the server's page size).
      const expectedPages =
        hints.expectedCount === undefined
          ? 1
          : Math.min(MAX_PAGES, Math.ceil(hints.expectedCount / first.count));
      await followNextPage(fetchPage, first.nextPage, pages, request, expectedPages);
    } else await fetchWhileFull(fetchPage, perPage, first.count, pages, request);
  }
  return dedupeById(pages.flat());
}

async function fetchByTotal<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  first: Page<T>,
  pages: T[][],
  request: string,
): Promise<void> {
  const total = first.total ?? 0;
  // The page size the server used (it may cap per_page below what we asked).
  const size = first.count;
  const planned = Math.ceil(total / size);
  if (planned > MAX_PAGES) {
    throw new HostifyResponseError(
      `Hostify reported total ${total} for ${request}: more than ${MAX_PAGES} pages`,
    );
  }
  const rest = await Promise.all(range(2, planned).map((p) => fetchPage(p)));
  for (const page of rest) pages.push(page.items);

  // Records added while we were paging push the total up, and a page may come back shorter than
  // the first: keep going one page at a time until the latest total is covered or a page is empty.
  let latestTotal = Math.max(total, ...rest.map((p) => p.total ?? 0));
  let received = first.count + rest.reduce((n, p) => n + p.count, 0);
  let page = Math.max(planned, 1);
  let lastEmpty = rest.some((p) => p.count === 0);
  while (!lastEmpty && received < latestTotal) {
    page += 1;
    if (page > MAX_PAGES) break;
    const next = await fetchPage(page);
    pages.push(next.items);
    received += next.count;
    lastEmpty = next.count === 0;
    latestTotal = Math.max(latestTotal, next.total ?? 0);
  }
}

async function followNextPage<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  firstNext: number | null,
  pages: T[][],
  request: string,
  expectedPages: number,
): Promise<void> {
  // Asked ahead of the chain (only when the server numbers pages 1, 2, 3, …): each is awaited
  // when the chain reaches it. Their failures surface only then; a page the chain never reaches
  // is dropped whatever its outcome.
  const ahead = new Map<number, Promise<Page<T>>>();
  if (firstNext === 2) {
    for (let p = 2; p <= expectedPages; p++) {
      const page = fetchPage(p);
      page.catch(() => undefined); // awaited below, or dropped; never an unhandled rejection
      ahead.set(p, page);
    }
  }
  try {
    let current = 1;
    let next = firstNext;
    while (next !== null) {
      // A next_page that does not move forward (the same page again, or an earlier one) cannot
      // lead anywhere new: take it as the end rather than failing the whole list (the reference
      // is silent on it; be lenient).
      if (next <= current) break;
      if (next > MAX_PAGES) {
        throw new HostifyResponseError(`Hostify sent more than ${MAX_PAGES} pages for ${request}`);
      }
      const page = await (ahead.get(next) ?? fetchPage(next));
      ahead.delete(next);
      pages.push(page.items);
      if (page.count === 0) break;
      current = next;
      // Absent on a later page means that page was the last (§4: "null or absent on the last page").
      next = page.nextPage ?? null;
    }
  } finally {
    // Nothing this list asked for is left running once it has returned.
    await Promise.allSettled(ahead.values());
  }
}

async function fetchWhileFull<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  perPage: number,
  firstLength: number,
  pages: T[][],
  request: string,
): Promise<void> {
  let length = firstLength;
  let current = 1;
  while (length >= perPage) {
    current += 1;
    if (current > MAX_PAGES) {
      throw new HostifyResponseError(`Hostify sent more than ${MAX_PAGES} pages for ${request}`);
    }
    const page = await fetchPage(current);
    pages.push(page.items);
    length = page.count;
  }
}

/** Keeps the first occurrence of each id, in page order (so results are deterministic). */
export function dedupeById<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    out.push(item);
  }
  return out;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}
