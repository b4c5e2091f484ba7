/**
 * Reads every page of a list endpoint (DESIGN.md §4): page 1 first; if it carries `total`, all
 * remaining pages are requested at once (the global limiter decides how many really run), which
 * turns N round trips into ~N/maxConcurrency; if it carries `next_page`, pages are followed one by
 * one. Records are de-duplicated by id because data that shifts between page requests can put
 * one record on two pages.
 */
import { HostifyResponseError } from './errors.js';
import type { Page } from './parse-page.js';

/** A guard against a nonsense `total` or a `next_page` loop: 10,000 pages × 100 = 1M records. */
export const MAX_PAGES = 10_000;

export async function fetchAllPages<T extends { id: string }>(
  fetchPage: (page: number) => Promise<Page<T>>,
  perPage: number,
  request: string,
): Promise<T[]> {
  const pages: T[][] = [];
  const first = await fetchPage(1);
  pages.push(first.items);

  if (first.items.length >= perPage) {
    if (first.total !== null) {
      await fetchByTotal(fetchPage, perPage, first.total, pages, request);
    } else {
      await fetchSequentially(fetchPage, perPage, first.nextPage, pages, request);
    }
  }
  return dedupeById(pages.flat());
}

async function fetchByTotal<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  perPage: number,
  total: number,
  pages: T[][],
  request: string,
): Promise<void> {
  const planned = Math.ceil(total / perPage);
  if (planned > MAX_PAGES) {
    throw new HostifyResponseError(
      `Hostify reported total ${total} for ${request}: more than ${MAX_PAGES} pages`,
    );
  }
  const rest = await Promise.all(range(2, planned).map((p) => fetchPage(p)));
  for (const page of rest) pages.push(page.items);

  // Records added while we were paging push the total up: keep going one page at a time until a
  // short page or the latest total is covered, so the tail is not lost.
  let latestTotal = Math.max(total, ...rest.map((p) => p.total ?? 0));
  let last = rest.at(-1) ?? null;
  let page = planned;
  while ((last === null || last.items.length >= perPage) && latestTotal > page * perPage) {
    page += 1;
    if (page > MAX_PAGES) break;
    last = await fetchPage(page);
    pages.push(last.items);
    latestTotal = Math.max(latestTotal, last.total ?? 0);
  }
}

async function fetchSequentially<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  perPage: number,
  firstNext: number | null | undefined,
  pages: T[][],
  request: string,
): Promise<void> {
  // `next_page` present: follow it; absent (neither total nor next_page): assume page + 1 and
  // stop at the first short page.
  let current = 1;
  let next = firstNext === undefined ? 2 : firstNext;
  while (next !== null) {
    if (next <= current) {
      throw new HostifyResponseError(`Hostify sent next_page ${next} after page ${current} for ${request}`);
    }
    if (next > MAX_PAGES) {
      throw new HostifyResponseError(`Hostify sent more than ${MAX_PAGES} pages for ${request}`);
    }
    const page = await fetchPage(next);
    pages.push(page.items);
    if (page.items.length < perPage) break;
    current = next;
    next = page.nextPage === undefined ? current + 1 : page.nextPage;
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
