/**
 * Requests naming an unknown property or owner sync the catalog from Hostify within limits:
 * unknown ids are remembered, one sync runs at a time, and on-demand syncs start at least a
 * minimum interval apart. Counted on the simulator's own request log, over real HTTP.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { knownData } from '../helpers/known-dataset.js';
import { simListing } from '../helpers/sim-fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { pollUntil } from '../helpers/wait.js';

const TTL = 5 * 60_000;
const INTERVAL = 30_000;
let nowMs = Date.parse('2025-11-01T09:00:00Z');
const clock = { now: () => new Date(nowMs) };
/** Moves the on-demand sync's clock past the minimum interval (and further when told). */
const advance = (ms: number) => {
  nowMs += ms;
};

let t: TestApp;
/** Catalog syncs the simulator has seen: each one pages Hostify's users from the first page. */
const syncs = () => t.sim.stats.log.filter((e) => e.path === '/users' && (e.page ?? 1) === 1).length;
const expense = (propertyId: string) =>
  t.request('POST', '/api/expenses', {
    propertyId,
    date: '2025-10-15',
    description: 'Cleaning supplies',
    amount: 1000,
    type: 'expense',
  });

beforeAll(async () => {
  t = await startTestApp({
    sim: { data: knownData(), latencyMs: 20 },
    compose: { onDemandSync: { clock, unknownTtlMs: TTL, minIntervalMs: INTERVAL, maxRemembered: 50 } },
  });
  // The start-up sync runs in the background; count only what requests cause.
  await pollUntil(async () => t.composition.catalogService.lastSyncResult, 'the start-up catalog sync');
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  advance(INTERVAL + 1);
  t.sim.resetStats();
});

const generate = (body: Record<string, unknown>) =>
  t.request('POST', '/api/statements/generate', { startDate: '2025-10-01', endDate: '2025-10-31', ...body });

describe('on-demand catalog sync', () => {
  it('bounds the syncs that generation requests naming made-up owners or tags start', async () => {
    const owners = await Promise.all(
      Array.from({ length: 10 }, (_, i) => generate({ ownerId: `ghost-owner-${i}` })),
    );
    expect(owners.map((a) => a.status)).toEqual(Array(10).fill(404));
    for (let i = 0; i < 5; i++) {
      const res = await generate({ ownerId: 'all', tag: `no-such-tag-${i}` });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('unknown_tag');
    }
    // One on-demand sync for all fifteen: the rest came within the minimum interval.
    expect(syncs()).toBe(1);
    // A made-up owner looked for in vain is not looked for again, even after the interval.
    advance(INTERVAL + 1);
    t.sim.resetStats();
    expect((await generate({ ownerId: 'ghost-owner-0' })).status).toBe(404);
    expect(syncs()).toBe(0);
  });

  it('runs once for 20 concurrent requests naming 20 different unknown properties', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => expense(`ghost-${i}`)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(404));
    expect(answers[0]?.body.error).toEqual({ code: 'not_found', message: 'property ghost-0 not found' });
    expect(syncs()).toBe(1);
  });

  it('does not sync again for an id it already looked for, even after the minimum interval', async () => {
    expect((await expense('phantom')).status).toBe(404);
    expect(syncs()).toBe(1);
    for (let i = 0; i < 5; i++) expect((await expense('phantom')).status).toBe(404);
    advance(INTERVAL + 1);
    expect((await expense('phantom')).status).toBe(404);
    expect(
      (
        await t.request('PUT', '/api/properties/phantom/settings', {
          commissionPercent: 10,
          commissionBasis: 'net',
          ownerRemitsTaxes: false,
        })
      ).status,
    ).toBe(404);
    expect(syncs()).toBe(1);
    // Once the memory of it has expired, it is looked for again.
    advance(TTL);
    expect((await expense('phantom')).status).toBe(404);
    expect(syncs()).toBe(2);
  });

  it('answers 404 without a sync within the minimum interval, and syncs again after it', async () => {
    expect((await expense('first-unknown')).status).toBe(404);
    expect(syncs()).toBe(1);
    advance(INTERVAL / 2);
    expect((await expense('second-unknown')).status).toBe(404);
    expect(syncs()).toBe(1);
    advance(INTERVAL / 2 + 1);
    // Not remembered as unknown (no sync looked for it), so the next allowed sync does.
    expect((await expense('second-unknown')).status).toBe(404);
    expect(syncs()).toBe(2);
  });

  it('finds a property that appeared in Hostify since the last sync', async () => {
    expect((await expense('901')).status).toBe(404);
    expect(syncs()).toBe(1);
    t.sim.data.listings.push(simListing({ id: 901, name: 'New Cottage' }));
    t.sim.setOptions({});
    // Remembered as unknown: the next minutes answer 404 without asking Hostify again…
    advance(INTERVAL + 1);
    expect((await expense('901')).status).toBe(404);
    expect(syncs()).toBe(1);
    // …and after that it is found, and then known locally with no further sync.
    advance(TTL);
    const created = await expense('901');
    expect(created.status).toBe(201);
    expect(created.body.entry.propertyId).toBe('901');
    expect(syncs()).toBe(2);
    advance(INTERVAL + 1);
    expect((await expense('901')).status).toBe(201);
    expect(syncs()).toBe(2);
  });

  it('finds at once a property that another sync brought in, whatever it remembered', async () => {
    expect((await expense('902')).status).toBe(404);
    t.sim.data.listings.push(simListing({ id: 902, name: 'Hill House' }));
    t.sim.setOptions({});
    expect((await t.request('POST', '/api/catalog/sync')).status).toBe(200);
    expect((await expense('902')).status).toBe(201);
    expect(syncs()).toBe(2);
  });

  it('remembers a bounded number of unknown ids, forgetting the oldest first', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `flood-${i}`);
    // One sync for the first of them; the rest arrive within the interval and are not remembered.
    for (const id of ids) expect((await expense(id)).status).toBe(404);
    expect(syncs()).toBe(1);
    // 60 ids, one per allowed sync, into a memory of 50: the first ten are forgotten.
    for (const id of ids.slice(1)) {
      advance(INTERVAL + 1);
      expect((await expense(id)).status).toBe(404);
    }
    expect(syncs()).toBe(60);
    advance(INTERVAL + 1);
    expect((await expense('flood-59')).status).toBe(404);
    expect(syncs()).toBe(60);
    expect((await expense('flood-0')).status).toBe(404);
    expect(syncs()).toBe(61);
  });
});
