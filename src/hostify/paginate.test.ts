/**
 * `next_page` lists with a hint of their size (PagingHints.expectedCount): the pages it promises
 * are asked for at once, and the result is exactly what following `next_page` one page at a time
 * gives — whether the list shrank, grew, or numbers its pages its own way.
 */
import { describe, expect, it } from 'vitest';
import { fetchAllPages } from './paginate.js';
import type { Page } from './parse-page.js';

interface Item {
  id: string;
}

/**
 * A `next_page` list of `total` records, `size` a page. Records which pages were asked for, and
 * which were asked while another was still unanswered (answers come after a macrotask, so pages
 * asked together are in flight together).
 */
function nextPageList(
  total: number,
  size: number,
  options: { failPage?: number; nextOf?: (p: number) => number } = {},
) {
  const asked: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchPage = async (page: number): Promise<Page<Item>> => {
    asked.push(page);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, 1));
    inFlight--;
    if (page === options.failPage) throw new Error(`page ${page} failed`);
    const from = (page - 1) * size;
    const items = Array.from({ length: Math.max(0, Math.min(size, total - from)) }, (_, i) => ({
      id: String(from + i + 1),
    }));
    const more = from + items.length < total;
    return {
      items,
      count: items.length,
      total: null,
      nextPage: more ? (options.nextOf?.(page) ?? page + 1) : null,
    };
  };
  return { fetchPage, asked, maxInFlight: () => maxInFlight };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

describe('fetchAllPages: next_page with an expected count', () => {
  it('without a hint follows next_page one page at a time', async () => {
    const list = nextPageList(250, 100);
    expect((await fetchAllPages(list.fetchPage, 100, 'GET /listings')).map((x) => x.id)).toEqual(ids(250));
    expect(list.asked).toEqual([1, 2, 3]);
    expect(list.maxInFlight()).toBe(1);
  });

  it('asks for the expected pages at once after the first, in the order of the chain', async () => {
    const list = nextPageList(250, 100);
    const result = await fetchAllPages(list.fetchPage, 100, 'GET /listings', { expectedCount: 250 });
    expect(result.map((x) => x.id)).toEqual(ids(250));
    expect(list.asked).toEqual([1, 2, 3]);
    expect(list.maxInFlight()).toBe(2);
  });

  it('sizes the pages by what the server sent on page 1 (it may cap per_page)', async () => {
    const list = nextPageList(120, 50); // asked for 100 a page, got 50
    const result = await fetchAllPages(list.fetchPage, 100, 'GET /users', { expectedCount: 120 });
    expect(result.map((x) => x.id)).toEqual(ids(120));
    expect(list.asked).toEqual([1, 2, 3]);
    expect(list.maxInFlight()).toBe(2);
  });

  it('a list that shrank: the pages past its end are dropped, even when they fail', async () => {
    const list = nextPageList(150, 100, { failPage: 4 });
    const result = await fetchAllPages(list.fetchPage, 100, 'GET /listings', { expectedCount: 500 });
    expect(result.map((x) => x.id)).toEqual(ids(150));
    expect(list.asked.sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('a list that grew: the chain goes on past the pages asked for', async () => {
    const list = nextPageList(420, 100);
    const result = await fetchAllPages(list.fetchPage, 100, 'GET /listings', { expectedCount: 150 });
    expect(result.map((x) => x.id)).toEqual(ids(420));
    expect(list.asked).toEqual([1, 2, 3, 4, 5]);
  });

  it('a page the chain reaches that fails fails the list', async () => {
    const list = nextPageList(300, 100, { failPage: 2 });
    await expect(fetchAllPages(list.fetchPage, 100, 'GET /listings', { expectedCount: 300 })).rejects.toThrow(
      'page 2 failed',
    );
  });

  it('pages numbered another way are followed as the server says, nothing asked ahead', async () => {
    // Page 1 says the next is 3, page 3 says 5, …
    const list = nextPageList(250, 100, { nextOf: (p) => p + 2 });
    const result = await fetchAllPages(list.fetchPage, 100, 'GET /listings', { expectedCount: 250 });
    expect(list.asked).toEqual([1, 3]);
    expect(list.maxInFlight()).toBe(1);
    // Page 3 holds records 201..250 in this fake: what the server served is what comes back.
    expect(result.map((x) => x.id)).toEqual([...ids(100), ...ids(250).slice(200)]);
  });
});
