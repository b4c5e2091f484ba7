/**
 * The client against the real simulator over HTTP: pagination, validation, normalisation and
 * local filtering. Failure handling is in client-failures.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { simData, simListing, simReservation, simUser } from '../../test/helpers/sim-fixtures.js';
import { type HostifySim, type HostifySimOptions, startHostifySim } from '../hostify-sim/server.js';
import { createHostifyClient, type HostifyClientOptions } from './client.js';
import { isOwner, parseOwnerRoles } from './ownership.js';

const KEY = 'client-test-key';
const sims: HostifySim[] = [];

async function setup(
  simOptions: Partial<HostifySimOptions> = {},
  clientOptions: Partial<HostifyClientOptions> = {},
) {
  const sim = await startHostifySim({ apiKey: KEY, ...simOptions });
  sims.push(sim);
  const client = createHostifyClient({
    baseUrl: sim.url,
    apiKey: KEY,
    maxRps: 1000,
    retryBaseMs: 1,
    retryMaxMs: 5,
    ...clientOptions,
  });
  return { sim, client };
}

afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

const manyReservations = (n: number) =>
  Array.from({ length: n }, (_, i) => simReservation({ id: i + 1, listing_id: 1 + (i % 3) }));

const ids = (batch: { reservations: Array<{ id: string }> }) => batch.reservations.map((r) => r.id);

describe('pagination', () => {
  it('fetches the remaining pages in parallel when the response carries total', async () => {
    const { sim, client } = await setup(
      { data: simData({ reservations: manyReservations(450) }), latencyMs: 50 },
      { maxConcurrency: 5 },
    );
    const all = await client.listReservations({ from: '2025-10-01', to: '2025-10-31' });
    expect(all.reservations).toHaveLength(450);
    expect(new Set(ids(all)).size).toBe(450);
    expect(sim.stats.byPath['/reservations']).toBe(5);
    expect(sim.stats.log.map((e) => e.page).sort()).toEqual([1, 2, 3, 4, 5]);
    // Page 1 alone, then pages 2..5 together.
    expect(sim.stats.maxInFlight).toBe(4);
    expect(client.requestCount).toBe(5);
  });

  it('stops after one request when total says the first page holds everything', async () => {
    const { sim, client } = await setup({ data: simData({ reservations: manyReservations(7) }) });
    expect(
      (await client.listReservations({ from: '2025-10-01', to: '2025-10-31' })).reservations,
    ).toHaveLength(7);
    expect(sim.stats.requests).toBe(1);
  });

  it('does not stop on a short page while total says there is more (a server capping per_page)', async () => {
    const { sim, client } = await setup({ data: simData({ reservations: manyReservations(130) }) });
    // The server answers 40 a page although 100 are asked for.
    const page = (n: number) => ({
      success: true,
      total: 130,
      reservations: manyReservations(130).slice((n - 1) * 40, n * 40),
    });
    sim.setOptions({
      script: [1, 2, 3, 4].map((n) => ({ path: '/reservations', body: page(n) })),
    });
    const all = await client.listReservations({ from: '2025-10-01', to: '2025-10-31' });
    expect(all.reservations).toHaveLength(130);
    expect(sim.stats.requests).toBe(4);
  });

  it('follows next_page one page at a time for /users, past pages the server caps at 50', async () => {
    const users = Array.from({ length: 120 }, (_, i) => simUser({ id: 100 + i }));
    const { sim, client } = await setup({ data: simData({ users }), latencyMs: 10 });
    const result = await client.listUsers();
    expect(result.map((u) => u.id)).toEqual(users.map((u) => String(u.id)));
    // 50 + 50 + 20: the first short-of-100 page is not the end while next_page says more.
    expect(sim.stats.log.map((e) => e.page)).toEqual([1, 2, 3]);
    expect(sim.stats.maxInFlight).toBe(1);
  });

  it('follows next_page for /listings', async () => {
    const listings = Array.from({ length: 7 }, (_, i) => simListing({ id: 10 + i }));
    const { sim, client } = await setup({ data: simData({ listings }) }, { perPage: 3 });
    expect((await client.listListings()).map((l) => l.id)).toEqual(listings.map((l) => String(l.id)));
    expect(sim.stats.log.map((e) => e.page)).toEqual([1, 2, 3]);
  });

  it('de-duplicates a record that appears on two pages', async () => {
    const reservations = manyReservations(5);
    const dup = reservations[1];
    if (dup === undefined) throw new Error('fixture');
    reservations.splice(2, 0, { ...dup }); // ids 1, 2 | 2, 3 | 4, 5 with per_page 2
    const { client } = await setup({ data: simData({ reservations }) }, { perPage: 2 });
    const result = await client.listReservations({ from: '2025-10-01', to: '2025-10-31' });
    expect(ids(result)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('clamps perPage to 100', async () => {
    const { sim, client } = await setup(
      { data: simData({ reservations: manyReservations(150) }) },
      { perPage: 500 },
    );
    expect(
      (await client.listReservations({ from: '2025-10-01', to: '2025-10-31' })).reservations,
    ).toHaveLength(150);
    expect(sim.stats.requests).toBe(2);
  });
});

describe('reservation query', () => {
  const reservations = [
    simReservation({ id: 1, listing_id: 10, checkIn: '2025-09-25', checkOut: '2025-10-01' }), // ends on from: in
    simReservation({ id: 2, listing_id: 10, checkIn: '2025-09-01', checkOut: '2025-09-30' }), // before: out
    simReservation({ id: 3, listing_id: 10, checkIn: '2025-10-31', checkOut: '2025-11-04' }), // starts on to: in
    simReservation({ id: 4, listing_id: 10, checkIn: '2025-11-01', checkOut: '2025-11-03' }), // after: out
    simReservation({ id: 5, listing_id: 20, checkIn: '2025-10-05', checkOut: '2025-10-07' }), // other listing
    simReservation({
      id: 6,
      listing_id: 11,
      parent_listing_id: 10,
      checkIn: '2025-10-05',
      checkOut: '2025-10-07',
    }),
  ];
  const query = { from: '2025-10-01', to: '2025-10-31', listingIds: ['10'] };

  it('sends fees=1 and date filters only (listing_id is no filter field), and picks listings locally', async () => {
    const { sim, client } = await setup({ data: simData({ reservations }) });
    const seen: string[] = [];
    const server = sim;
    const result = await client.listReservations(query);
    expect(ids(result)).toEqual(['1', '3', '6']);
    expect(server.stats.requests).toBe(1);
    seen.push(...server.stats.log.map((e) => e.path));
    expect(seen).toEqual(['/reservations']);
  });

  it('sends date filters only, whatever listings are asked for', async () => {
    const { reservationFilters } = await import('./reservation-query.js');
    expect(reservationFilters({ from: '2025-10-01', to: '2025-10-31', listingIds: ['1'] })).toEqual([
      { field: 'checkIn', operator: '<=', value: '2025-10-31' },
      { field: 'checkOut', operator: '>=', value: '2025-10-01' },
    ]);
  });

  it('re-checks dates locally when the server ignores filters (listing or parent listing match)', async () => {
    const { client } = await setup({ data: simData({ reservations }), ignoreFilters: true });
    expect(ids(await client.listReservations(query))).toEqual(['1', '3', '6']);
    const everything = await client.listReservations({ from: '2025-10-01', to: '2025-10-31' });
    expect(ids(everything)).toEqual(['1', '3', '5', '6']);
  });

  it('does not call Hostify for an empty listing id list', async () => {
    const { sim, client } = await setup({ data: simData({ reservations }) });
    expect(await client.listReservations({ ...query, listingIds: [] })).toEqual({
      reservations: [],
      invalid: [],
    });
    expect(sim.stats.requests).toBe(0);
  });

  it('rejects a malformed query before sending anything', async () => {
    const { client } = await setup({ data: simData() });
    await expect(client.listReservations({ from: '2025-10-31', to: '2025-10-01' })).rejects.toThrow(
      RangeError,
    );
    await expect(client.listReservations({ from: '1/10/2025', to: '2025-10-01' })).rejects.toThrow(
      RangeError,
    );
  });
});

describe('normalisation and validation', () => {
  it('turns ids into strings, roles into lists, flags into booleans and tags into lists', async () => {
    const { client } = await setup({
      data: simData({
        listings: [
          simListing({ id: 10, nickname: 'TEN', tags: ['beach', ' pm '] }),
          simListing({ id: '11', currency: 'eur', is_listed: 0, tags: '15%, pm' }),
          { ...simListing({ id: 12 }), parent_id: 0, tags: null, unknown_extra: { deep: true } },
        ],
        users: [
          simUser({ id: 1, roles: 'Listing Owner', listings: [{ id: 10 }, { id: '12' }] }),
          simUser({ id: '2', roles: ['Standard Listing Owner'] }),
          simUser({ id: 3, roles: 'Manager' }),
          simUser({ id: 4, roles: 'Listing Owner', is_active: 0 }),
          simUser({ id: 5, roles: ' OWNER ', is_active: '1' }),
          simUser({ id: 6, roles: ['Standard Owner'], is_active: true }),
          simUser({ id: 7, roles: 'Owner,Cleaner' }),
        ],
      }),
    });
    const listings = await client.listListings();
    expect(listings).toEqual([
      {
        id: '10',
        name: 'Listing 10',
        nickname: 'TEN',
        currency: 'USD',
        parentId: null,
        isListed: true,
        tags: ['beach', 'pm'],
      },
      {
        id: '11',
        name: 'Listing 11',
        nickname: null,
        currency: 'EUR',
        parentId: null,
        isListed: false,
        tags: ['15%', 'pm'],
      },
      {
        id: '12',
        name: 'Listing 12',
        nickname: null,
        currency: 'USD',
        parentId: null,
        isListed: true,
        tags: [],
      },
    ]);
    const users = await client.listUsers();
    expect(users[0]).toEqual({
      id: '1',
      email: 'user1@example.com',
      firstName: 'Test',
      lastName: 'User 1',
      roles: ['Listing Owner'],
      isActive: true,
      listingIds: ['10', '12'],
    });
    // Every documented and seen spelling of an owner, active; not the manager nor the inactive one.
    expect(users.filter((u) => isOwner(u)).map((u) => u.id)).toEqual(['1', '2', '5', '6', '7']);
    // HOSTIFY_OWNER_ROLES replaces the rule.
    const roles = parseOwnerRoles('Manager, standard owner');
    expect(users.filter((u) => isOwner(u, roles)).map((u) => u.id)).toEqual(['3', '6']);
  });

  it('parses money given as numbers, numeric strings, null or missing into cents; absent stays null', async () => {
    const {
      cleaning_fee: _c,
      transaction_fee: _t,
      extras_price: _e,
      subtotal: _s,
      ...withoutFees
    } = simReservation({ id: 2 });
    const { client } = await setup({
      data: simData({
        reservations: [
          simReservation({
            id: 1,
            base_price: '1000.01',
            cleaning_fee: 85.5,
            extras_price: null,
            subtotal: '1085.51',
            tax_amount: '120',
            channel_commission: 150.01,
            transaction_fee: '0.07',
            payout_price: 1000.01,
          }),
          { ...withoutFees, base_price: 0.1, payout_price: null },
        ],
      }),
    });
    const { reservations, invalid } = await client.listReservations({ from: '2025-10-01', to: '2025-10-31' });
    expect(invalid).toEqual([]);
    const [a, b] = reservations;
    expect(a).toMatchObject({
      basePrice: 100001,
      cleaningFee: 8550,
      extrasPrice: null,
      subtotal: 108551,
      taxAmount: 12000,
      channelCommission: 15001,
      transactionFee: 7,
      payoutPrice: 100001,
    });
    expect(b).toMatchObject({
      basePrice: 10,
      cleaningFee: 0,
      extrasPrice: null,
      subtotal: null,
      transactionFee: 0,
      payoutPrice: null,
    });
  });

  it("a null currency is kept as null (then the listing's), not an error", async () => {
    const { client } = await setup({
      data: simData({ reservations: [simReservation({ id: 1, currency: null }), simReservation({ id: 2 })] }),
    });
    const { reservations, invalid } = await client.listReservations({ from: '2025-10-01', to: '2025-10-31' });
    expect(invalid).toEqual([]);
    expect(reservations.map((r) => r.currency)).toEqual([null, 'USD']);
  });

  it('one malformed record is reported with its id and field; the rest of the fetch goes on', async () => {
    const reservations = manyReservations(5);
    reservations[3] = { ...simReservation({ id: 4, listing_id: 77 }), checkIn: '31/10/2025' };
    reservations[1] = simReservation({ id: 2, cleaning_fee: 'twelve' });
    const { client } = await setup({ data: simData({ reservations }), ignoreFilters: true });
    const result = await client.listReservations({ from: '2025-10-01', to: '2025-10-31' });
    expect(ids(result)).toEqual(['1', '3', '5']);
    expect(result.invalid).toEqual([
      {
        id: '2',
        listingId: '1',
        parentListingId: null,
        field: 'cleaning_fee',
        message: expect.stringContaining('expected an amount of money'),
      },
      {
        id: '4',
        listingId: '77',
        parentListingId: null,
        field: 'checkIn',
        message: expect.stringMatching(/expected YYYY-MM-DD.*"31\/10\/2025"/),
      },
    ]);
  });

  it('leaves a malformed listing out (logged) and still rejects a body without the list', async () => {
    const { sim, client } = await setup({
      data: simData({ listings: [{ ...simListing({ id: 1 }), currency: 'dollars' }, simListing({ id: 2 })] }),
    });
    expect((await client.listListings()).map((l) => l.id)).toEqual(['2']);
    sim.setOptions({ script: [{ body: { success: true, next_page: null } }] });
    await expect(client.listListings()).rejects.toThrow(/listings: expected an array/);
  });
});

describe('child listings', () => {
  it('GET /listings/{id} gives a child with its parent (null currency allowed); 404 → null', async () => {
    const { sim, client } = await setup();
    const child = sim.facts?.childListings[0];
    if (!child) throw new Error('generated data has child listings');
    const listings = await client.listListings();
    expect(listings.some((l) => l.id === child.childId)).toBe(false); // not in /listings
    expect(await client.getListing(child.childId)).toMatchObject({
      id: child.childId,
      parentId: child.parentId,
      currency: null,
    });
    expect(await client.getListing('987654321')).toBeNull();
    expect(sim.stats.byPath[`/listings/${child.childId}`]).toBe(1);
  });

  it('GET /listings/{id}: a 400 or a success:false body is no listing, not a failed fetch', async () => {
    const { sim, client } = await setup({
      script: [
        { path: '/listings/555', status: 400, body: { success: false, error: 'Listing not found' } },
        { path: '/listings/556', body: { success: false, error: 'Listing not found' } },
      ],
    });
    expect(await client.getListing('555')).toBeNull();
    expect(await client.getListing('556')).toBeNull();
    expect(sim.stats.byPath['/listings/555']).toBe(1);
  });

  it('GET /listings/{id}: a rejected key still fails (it is no missing listing)', async () => {
    const { client } = await setup({ script: [{ path: '/listings/557', status: 401 }] });
    await expect(client.getListing('557')).rejects.toThrow();
  });
});
