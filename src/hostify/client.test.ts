/**
 * The client against the real simulator over HTTP: pagination, validation, normalisation and
 * local filtering. Failure handling is in client-failures.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { simData, simListing, simReservation, simUser } from '../hostify-sim/fixtures.js';
import { type HostifySim, type HostifySimOptions, startHostifySim } from '../hostify-sim/server.js';
import { createHostifyClient, type HostifyClientOptions } from './client.js';
import { HostifyResponseError } from './errors.js';
import { isOwner, listingParentsOf, propertyIdOf } from './ownership.js';

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

describe('pagination', () => {
  it('fetches the remaining pages in parallel when the response carries total', async () => {
    const { sim, client } = await setup(
      { data: simData({ reservations: manyReservations(450) }), latencyMs: 50 },
      { maxConcurrency: 5 },
    );
    const all = await client.listReservations({ from: '2025-10-01', to: '2025-10-31' });
    expect(all).toHaveLength(450);
    expect(new Set(all.map((r) => r.id)).size).toBe(450);
    expect(sim.stats.byPath['/reservations']).toBe(5);
    expect(sim.stats.log.map((e) => e.page).sort()).toEqual([1, 2, 3, 4, 5]);
    // Page 1 alone, then pages 2..5 together.
    expect(sim.stats.maxInFlight).toBe(4);
    expect(client.requestCount).toBe(5);
  });

  it('stops after one request when the first page is short', async () => {
    const { sim, client } = await setup({ data: simData({ reservations: manyReservations(7) }) });
    expect(await client.listReservations({ from: '2025-10-01', to: '2025-10-31' })).toHaveLength(7);
    expect(sim.stats.requests).toBe(1);
  });

  it('follows next_page one page at a time for /users', async () => {
    const users = Array.from({ length: 8 }, (_, i) => simUser({ id: 100 + i }));
    const { sim, client } = await setup({ data: simData({ users }), latencyMs: 10 }, { perPage: 3 });
    const result = await client.listUsers();
    expect(result.map((u) => u.id)).toEqual(users.map((u) => String(u.id)));
    expect(sim.stats.log.map((e) => e.page)).toEqual([1, 2, 3]);
    expect(sim.stats.maxInFlight).toBe(1);
  });

  it('de-duplicates a record that appears on two pages', async () => {
    const reservations = manyReservations(5);
    const dup = reservations[1];
    if (dup === undefined) throw new Error('fixture');
    reservations.splice(2, 0, { ...dup }); // ids 1, 2 | 2, 3 | 4, 5 with per_page 2
    const { client } = await setup({ data: simData({ reservations }) }, { perPage: 2 });
    const result = await client.listReservations({ from: '2025-10-01', to: '2025-10-31' });
    expect(result.map((r) => r.id)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('clamps perPage to 100', async () => {
    const { sim, client } = await setup(
      { data: simData({ reservations: manyReservations(150) }) },
      { perPage: 500 },
    );
    expect(await client.listReservations({ from: '2025-10-01', to: '2025-10-31' })).toHaveLength(150);
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

  it('sends fees=1 and the filters, which an honest server applies', async () => {
    const { sim, client } = await setup({ data: simData({ reservations }) });
    const result = await client.listReservations({
      from: '2025-10-01',
      to: '2025-10-31',
      listingIds: ['10', '11'],
    });
    expect(result.map((r) => r.id)).toEqual(['1', '3', '6']);
    expect(sim.stats.requests).toBe(1);
  });

  it('filters locally when the server ignores filters (listing or parent listing match)', async () => {
    const { client } = await setup({ data: simData({ reservations }), ignoreFilters: true });
    const result = await client.listReservations(query);
    expect(result.map((r) => r.id)).toEqual(['1', '3', '6']);
    const everything = await client.listReservations({ from: '2025-10-01', to: '2025-10-31' });
    expect(everything.map((r) => r.id)).toEqual(['1', '3', '5', '6']);
  });

  it('splits a long listing id list into several requests and merges them', async () => {
    const many = Array.from({ length: 250 }, (_, i) =>
      simReservation({ id: i + 1, listing_id: 1000 + i, checkIn: '2025-10-02', checkOut: '2025-10-04' }),
    );
    const { sim, client } = await setup({ data: simData({ reservations: many }) });
    const ids = many.map((r) => String(r.listing_id)).filter((_, i) => i % 2 === 0); // 125 ids
    const result = await client.listReservations({ from: '2025-10-01', to: '2025-10-31', listingIds: ids });
    expect(result).toHaveLength(125);
    expect(sim.stats.requests).toBe(2);
  });

  it('does not call Hostify for an empty listing id list', async () => {
    const { sim, client } = await setup({ data: simData({ reservations }) });
    expect(await client.listReservations({ ...query, listingIds: [] })).toEqual([]);
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
  it('turns ids into strings, roles into lists and flags into booleans', async () => {
    const { client } = await setup({
      data: simData({
        listings: [
          simListing({ id: 10, nickname: 'TEN' }),
          simListing({ id: '11', parent_id: 10, currency: 'eur', is_listed: false }),
          { ...simListing({ id: 12 }), parent_id: 0, unknown_extra: { deep: true } },
        ],
        users: [
          simUser({ id: 1, roles: 'owner,cleaner', listings: [{ id: 10 }, { id: '12' }] }),
          simUser({ id: '2', roles: ['Owner'] }),
          simUser({ id: 3, roles: 'manager' }),
          simUser({ id: 4, roles: 'owner', is_active: false }),
          { ...simUser({ id: 5 }), roles: ' OWNER ', is_active: 1 as unknown as boolean },
        ],
      }),
    });
    const listings = await client.listListings();
    expect(listings).toEqual([
      { id: '10', name: 'Listing 10', nickname: 'TEN', currency: 'USD', parentId: null, isListed: true },
      { id: '11', name: 'Listing 11', nickname: null, currency: 'EUR', parentId: '10', isListed: false },
      { id: '12', name: 'Listing 12', nickname: null, currency: 'USD', parentId: null, isListed: true },
    ]);
    const users = await client.listUsers();
    expect(users[0]).toEqual({
      id: '1',
      email: 'user1@example.com',
      firstName: 'Test',
      lastName: 'User 1',
      roles: ['owner', 'cleaner'],
      isActive: true,
      listingIds: ['10', '12'],
    });
    expect(users.map((u) => u.roles)).toEqual([
      ['owner', 'cleaner'],
      ['Owner'],
      ['manager'],
      ['owner'],
      ['OWNER'],
    ]);
    expect(users.filter(isOwner).map((u) => u.id)).toEqual(['1', '2', '5']);
  });

  it('parses money given as numbers, numeric strings, null or missing into cents', async () => {
    const { cleaning_fee: _c, transaction_fee: _t, ...withoutFees } = simReservation({ id: 2 });
    const { client } = await setup({
      data: simData({
        reservations: [
          simReservation({
            id: 1,
            base_price: '1000.01',
            cleaning_fee: 85.5,
            extras_price: null,
            tax_amount: '120',
            channel_commission: 150.01,
            transaction_fee: '0.07',
            payout_price: 1000.01,
          }),
          { ...withoutFees, base_price: 0.1, payout_price: null },
        ],
      }),
    });
    const [a, b] = await client.listReservations({ from: '2025-10-01', to: '2025-10-31' });
    expect(a).toMatchObject({
      basePrice: 100001,
      cleaningFee: 8550,
      extrasPrice: 0,
      taxAmount: 12000,
      channelCommission: 15001,
      transactionFee: 7,
      payoutPrice: 100001,
    });
    expect(b).toMatchObject({ basePrice: 10, cleaningFee: 0, transactionFee: 0, payoutPrice: 0 });
  });

  it('names the bad field of a malformed record', async () => {
    const reservations = manyReservations(5);
    reservations[3] = { ...simReservation({ id: 4 }), checkIn: '31/10/2025' };
    const { client } = await setup({ data: simData({ reservations }), ignoreFilters: true });
    const error = await client
      .listReservations({ from: '2025-10-01', to: '2025-10-31' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostifyResponseError);
    expect((error as Error).message).toContain('reservations[3].checkIn: expected YYYY-MM-DD');
    expect((error as Error).message).toContain('"31/10/2025"');
    expect((error as Error).message).toContain('GET /reservations');
  });

  it('rejects money that is not an amount, naming the field', async () => {
    const { client } = await setup({
      data: simData({ reservations: [simReservation({ id: 1, cleaning_fee: 'twelve' })] }),
    });
    await expect(client.listReservations({ from: '2025-10-01', to: '2025-10-31' })).rejects.toThrow(
      /reservations\[0\]\.cleaning_fee: expected an amount of money/,
    );
  });

  it('rejects a listing without a currency and a body without the list', async () => {
    const { sim, client } = await setup({
      data: simData({ listings: [{ ...simListing({ id: 1 }), currency: undefined as unknown as string }] }),
    });
    await expect(client.listListings()).rejects.toThrow(
      /listings\[0\]\.currency: expected a 3-letter currency code/,
    );
    sim.setOptions({ script: [{ body: { success: true, total: 0 } }] });
    await expect(client.listListings()).rejects.toThrow(/listings: expected an array/);
  });
});

describe('child listings against the generated dataset', () => {
  it('attributes every child-listing reservation to its parent property', async () => {
    const { sim, client } = await setup();
    const facts = sim.facts;
    if (facts === null) throw new Error('generated data has facts');
    const [listings, reservations] = await Promise.all([
      client.listListings(),
      client.listReservations({ from: '2025-08-01', to: '2026-01-31' }),
    ]);
    expect(reservations).toHaveLength(sim.data.reservations.length);
    const parents = listingParentsOf(listings);
    const parentOfChild = new Map(facts.childListings.map((c) => [c.childId, c.parentId]));
    const childIds = [...facts.childReservationIdsWithParent, ...facts.childReservationIdsWithoutParent];
    expect(facts.childReservationIdsWithoutParent.length).toBeGreaterThan(0);
    for (const id of childIds) {
      const r = reservations.find((x) => x.id === id);
      if (r === undefined) throw new Error(`reservation ${id} missing`);
      expect(propertyIdOf(r, parents)).toBe(parentOfChild.get(r.listingId));
    }
  });

  it("returns a child listing's reservations when asked for the parent and its children", async () => {
    const { sim, client } = await setup();
    const facts = sim.facts;
    const child = facts?.childListings[0];
    if (!facts || !child) throw new Error('generated data has child listings');
    const result = await client.listReservations({
      from: facts.focusStart,
      to: facts.focusEnd,
      listingIds: [child.parentId, child.childId],
    });
    const parents = listingParentsOf(await client.listListings());
    expect(result.length).toBeGreaterThan(0);
    for (const r of result) expect(propertyIdOf(r, parents)).toBe(child.parentId);
  });
});
