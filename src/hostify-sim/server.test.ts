/** The simulator over real HTTP: shapes of §4, paging, filters, auth, faults and rate limits. */
import { afterEach, describe, expect, it } from 'vitest';
import { simData, simReservation } from '../../test/helpers/sim-fixtures.js';
import { type HostifySim, type HostifySimOptions, startHostifySim } from './server.js';

const KEY = 'sim-test-key';
const sims: HostifySim[] = [];

async function start(options: Partial<HostifySimOptions> = {}) {
  const sim = await startHostifySim({ apiKey: KEY, ...options });
  sims.push(sim);
  const get = async (path: string, key: string | null = KEY) => {
    const res = await fetch(`${sim.url}${path}`, { headers: key === null ? {} : { 'x-api-key': key } });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
    return { status: res.status, headers: res.headers, body: body as any };
  };
  return { sim, get };
}

afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

const q = (filters: unknown) => `filters=${encodeURIComponent(JSON.stringify(filters))}`;

describe('endpoints (DESIGN.md §4 shapes)', () => {
  it('GET /listings → {success, listings, next_page}: parent listings only', async () => {
    const { sim, get } = await start();
    const parents = sim.data.listings.filter((l) => l.parent_id === null);
    expect(parents.length).toBeLessThan(sim.data.listings.length); // the data has children
    const { status, body } = await get('/listings?page=1&per_page=100');
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['listings', 'next_page', 'success']);
    expect(body.success).toBe(true);
    expect(body.next_page).toBeNull();
    expect(body.listings.map((l: { id: number }) => l.id)).toEqual(parents.map((l) => l.id));
    expect(Object.keys(body.listings[0]).sort()).toEqual(
      ['currency', 'id', 'is_listed', 'name', 'nickname', 'parent_id', 'service_pms', 'tags'].sort(),
    );
    const paged = await get('/listings?page=1&per_page=5');
    expect(paged.body.next_page).toBe(2);
  });

  it('serves tags in all three spellings: array, comma-separated string and null', async () => {
    const { sim } = await start();
    const kinds = new Set(
      sim.data.listings.map((l) =>
        l.tags === null ? 'null' : Array.isArray(l.tags) ? 'array' : typeof l.tags,
      ),
    );
    expect([...kinds].sort()).toEqual(['array', 'null', 'string']);
    expect(sim.data.listings.some((l) => typeof l.tags === 'string' && l.tags.includes(','))).toBe(true);
  });

  it('children only through /listings/children/{id} and /listings/{id}', async () => {
    const { sim, get } = await start();
    const child = sim.data.listings.find((l) => l.parent_id !== null);
    if (!child) throw new Error('the data has a child listing');
    const children = await get(`/listings/children/${child.parent_id}`);
    expect(Object.keys(children.body).sort()).toEqual(['listings', 'success']);
    expect(children.body.listings.map((l: { id: number }) => l.id)).toEqual([child.id]);
    const one = await get(`/listings/${child.id}`);
    expect(Object.keys(one.body).sort()).toEqual(['listing', 'success']);
    expect(one.body.listing).toMatchObject({ id: child.id, parent_id: child.parent_id, currency: null });
    expect(await get('/listings/999999999')).toMatchObject({ status: 404, body: { success: false } });
  });

  it('GET /users → {success, users, next_page}, at most 50 a page whatever per_page asks', async () => {
    const { sim, get } = await start({ owners: 60, propertiesPerOwner: 1 });
    expect(sim.data.users.length).toBeGreaterThan(50);
    const first = await get('/users?page=1&per_page=100');
    expect(Object.keys(first.body).sort()).toEqual(['next_page', 'success', 'users']);
    expect(first.body.users).toHaveLength(50);
    expect(first.body.next_page).toBe(2);
    expect(Object.keys(first.body.users[0]).sort()).toEqual(
      ['first_name', 'id', 'is_active', 'last_name', 'listings', 'roles', 'username'].sort(),
    );
    const last = await get('/users?page=2&per_page=100');
    expect(last.body.users).toHaveLength(sim.data.users.length - 50);
    expect(last.body.next_page).toBeNull();
  });

  it('has "Listing Owner" roles as strings and arrays, and staff roles that are not owners', async () => {
    const { sim } = await start();
    const facts = sim.facts;
    if (!facts) throw new Error('generated data');
    const roles = sim.data.users.map((u) => u.roles);
    expect(roles).toContain('Listing Owner');
    expect(roles).toContainEqual(['Listing Owner']);
    for (const id of facts.staffUserIds) {
      const u = sim.data.users.find((x) => String(x.id) === id);
      expect(JSON.stringify(u?.roles)).not.toMatch(/owner/i);
    }
    // is_active as documented: an int (or its string).
    expect(new Set(sim.data.users.map((u) => u.is_active))).toEqual(new Set([1, '1', 0]));
  });

  it('GET /reservations?fees=1 → {success, reservations, total} with the §4 fields', async () => {
    const { get } = await start();
    const { body } = await get('/reservations?fees=1&per_page=100');
    expect(Object.keys(body).sort()).toEqual(['reservations', 'success', 'total']);
    const keys = new Set(body.reservations.flatMap((r: object) => Object.keys(r)));
    expect([...keys].sort()).toEqual(
      [
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
        'confirmation_code',
        'base_price',
        'cleaning_fee',
        'extras_price',
        'subtotal',
        'tax_amount',
        'channel_commission',
        'transaction_fee',
        'payout_price',
        'created_at',
      ].sort(),
    );
    const withoutFees = await get('/reservations?per_page=100');
    expect(withoutFees.body.reservations[0]).not.toHaveProperty('cleaning_fee');
    expect(withoutFees.body.reservations[0]).toHaveProperty('base_price');
  });

  it('pages with page/per_page and clamps per_page to 100', async () => {
    const { sim, get } = await start();
    const total = sim.data.reservations.length;
    const big = await get('/reservations?fees=1&per_page=500');
    expect(big.body.reservations).toHaveLength(100);
    expect(big.body.total).toBe(total);
    const page2 = await get('/reservations?fees=1&page=2&per_page=100');
    expect(page2.body.reservations[0].id).toBe(sim.data.reservations[100]?.id);
    const beyond = await get('/reservations?fees=1&page=999&per_page=100');
    expect(beyond.body).toEqual({ success: true, reservations: [], total });
    expect((await get('/reservations?page=0')).status).toBe(400);
    // Reference: per_page defaults to 20.
    expect((await get('/reservations')).body.reservations).toHaveLength(20);
  });

  it('applies the documented filters; listing_id is no filter field and matches direct listings only', async () => {
    const reservations = [
      simReservation({
        id: 1,
        listing_id: 10,
        checkIn: '2025-10-01',
        checkOut: '2025-10-03',
        status: 'accepted',
      }),
      simReservation({
        id: 2,
        listing_id: 11,
        parent_listing_id: 10,
        checkIn: '2025-10-10',
        checkOut: '2025-10-12',
        status: 'cancelled',
      }),
      simReservation({
        id: 3,
        listing_id: 12,
        checkIn: '2025-11-02',
        checkOut: '2025-11-05',
        status: 'accepted',
        source: 'Vrbo',
      }),
    ];
    const { get } = await start({ data: simData({ reservations }) });
    const ids = async (query: string) =>
      (await get(`/reservations?fees=1&${query}`)).body.reservations.map((r: { id: number }) => r.id);
    expect(
      await ids(
        q([
          { field: 'checkIn', operator: '<=', value: '2025-10-31' },
          { field: 'checkOut', operator: '>=', value: '2025-10-01' },
        ]),
      ),
    ).toEqual([1, 2]);
    expect(await ids(q([{ field: 'status', operator: 'in', value: 'cancelled,pending' }]))).toEqual([2]);
    expect(await ids(q([{ field: 'status', operator: '<>', value: 'accepted' }]))).toEqual([2]);
    expect(await ids(q([{ field: 'checkIn', operator: 'between', value: '2025-10-02,2025-11-02' }]))).toEqual(
      [2, 3],
    );
    expect(await ids(q([{ field: 'source', operator: '=', value: 'Vrbo' }]))).toEqual([3]);
    // The parent's listing_id gives its direct reservations, never the child's (id 2).
    expect(await ids('listing_id=10')).toEqual([1]);
    expect(
      await get(`/reservations?${q([{ field: 'listing_id', operator: '=', value: 10 }])}`),
    ).toMatchObject({
      status: 400,
      body: { success: false, error: expect.stringContaining('listing_id') },
    });
    const total = (await get(`/reservations?${q([{ field: 'status', operator: '=', value: 'accepted' }])}`))
      .body.total;
    expect(total).toBe(2);
  });

  it('ignores filters when told to (a server whose filters do not work)', async () => {
    const { sim, get } = await start({ ignoreFilters: true });
    const { body } = await get(`/reservations?${q([{ field: 'nights', operator: '=', value: -1 }])}`);
    expect(body.total).toBe(sim.data.reservations.length);
  });
});

describe('errors', () => {
  it('401 on a wrong or missing key', async () => {
    const { get } = await start();
    for (const key of ['wrong', null]) {
      const res = await get('/listings', key);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ success: false, error: expect.any(String) });
    }
  });

  it('404 on an unknown path, 400 on bad filters', async () => {
    const { get } = await start();
    expect(await get('/nope')).toMatchObject({ status: 404, body: { success: false } });
    expect(await get('/reservations?filters=%7Bnot-json')).toMatchObject({
      status: 400,
      body: { success: false },
    });
    expect(await get(`/reservations?${q([{ field: 'nights', operator: 'like', value: 1 }])}`)).toMatchObject({
      status: 400,
    });
  });

  it('injects 5xx faults at faultRate, deterministically for a seed', async () => {
    const statuses = async () => {
      const { sim, get } = await start({ faultRate: 0.5, seed: 7 });
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await get('/listings')).status);
      expect(sim.stats.faults).toBe(out.filter((s) => s >= 500).length);
      return out;
    };
    const first = await statuses();
    expect(first.filter((s) => s >= 500).length).toBeGreaterThan(5);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(5);
    expect(first.every((s) => [200, 500, 502, 503].includes(s))).toBe(true);
    expect(await statuses()).toEqual(first);
  });

  it('answers 429 with Retry-After beyond rateLimit.rps', async () => {
    const { sim, get } = await start({ rateLimit: { rps: 3 } });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await get('/listings'));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
    expect(results[3]?.headers.get('retry-after')).toBe('1');
    expect(sim.stats.rateLimited).toBe(2);
  });

  it('plays a script and records stats', async () => {
    const { sim, get } = await start({
      script: [
        { path: '/users', status: 503 },
        { status: 429, retryAfter: '2' },
      ],
    });
    expect((await get('/listings')).headers.get('retry-after')).toBe('2');
    expect((await get('/users')).status).toBe(503);
    expect((await get('/users')).status).toBe(200);
    expect(sim.stats).toMatchObject({
      requests: 3,
      byPath: { '/listings': 1, '/users': 2 },
      faults: 1,
      rateLimited: 1,
    });
    expect(sim.stats.log.map((e) => e.status)).toEqual([429, 503, 200]);
    sim.resetStats();
    expect(sim.stats).toMatchObject({ requests: 0, byPath: {}, faults: 0, rateLimited: 0, log: [] });
  });

  // How fast it serves them is bench/hostify-timing.ts's; that the pages of one query filter
  // once is collections.test.ts's.
  it('serves the benchmark size: every page of a period query, each reservation once', async () => {
    const { sim, get } = await start({ owners: 1250, propertiesPerOwner: 4, reservationsPerProperty: 12 });
    const filters = q([
      { field: 'checkIn', operator: '<=', value: '2025-10-31' },
      { field: 'checkOut', operator: '>=', value: '2025-10-01' },
    ]);
    const first = await get(`/reservations?fees=1&per_page=100&${filters}`);
    const total: number = first.body.total;
    expect(total).toBeGreaterThan(10_000);
    const ids = new Set<string>(first.body.reservations.map((r: { id: unknown }) => String(r.id)));
    for (let page = 2; page <= 21; page++) {
      const res = await get(`/reservations?fees=1&per_page=100&page=${page}&${filters}`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(total);
      expect(res.body.reservations).toHaveLength(100);
      for (const r of res.body.reservations) ids.add(String(r.id));
    }
    expect(ids.size).toBe(21 * 100);
    expect(sim.stats.requests).toBe(21);
  });
});
