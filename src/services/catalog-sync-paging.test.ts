/**
 * A catalog sync after the first asks Hostify for the listings' and users' pages the last sync
 * read, at once, instead of following `next_page` one round trip at a time — and stores the same
 * catalog. Real simulator over HTTP, real SQLite.
 */
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simData, simListing, simUser } from '../../test/helpers/sim-fixtures.js';
import { type Db, migrateToLatest, openSqlite } from '../db/database.js';
import { CatalogRepository } from '../db/repositories/catalog-repository.js';
import { createHostifyClient } from '../hostify/client.js';
import { type HostifySim, startHostifySim } from '../hostify-sim/server.js';
import { CatalogService } from './catalog-service.js';

const KEY = 'paging-test-key';
let db: Db;
let sim: HostifySim;

const listings = Array.from({ length: 250 }, (_, i) => simListing({ id: 1000 + i }));
const users = Array.from({ length: 120 }, (_, i) =>
  simUser({ id: 1 + i, listings: i < 100 ? [{ id: 1000 + i }] : [] }),
);

beforeEach(async () => {
  db = openSqlite({ filename: ':memory:' });
  await migrateToLatest(db);
  sim = await startHostifySim({ apiKey: KEY, data: simData({ listings, users }), latencyMs: 20 });
});

afterEach(async () => {
  await sim.stop();
  await db.destroy();
});

/** Whether pages `a` and `b` of `path` were in flight at the same time (asked together). */
const together = (path: string, a: number, b: number) => {
  const [x, y] = [a, b].map((page) => sim.stats.log.find((e) => e.path === path && e.page === page));
  if (!x || !y) return false;
  return Math.max(x.at, y.at) < Math.min(x.answeredAt ?? 0, y.answeredAt ?? 0);
};

describe('catalog sync paging', () => {
  it('the second sync asks for the pages the first one read at once, with the same result', async () => {
    const catalog = new CatalogRepository(db);
    const service = new CatalogService({
      hostify: createHostifyClient({ baseUrl: sim.url, apiKey: KEY, maxRps: 1000, maxConcurrency: 5 }),
      catalog,
      logger: pino({ level: 'silent' }),
    });

    const first = await service.sync();
    // The first sync has nothing to go by: one page at a time (users: 50 a page, the server's cap).
    expect(sim.stats.log.filter((e) => e.path === '/listings').map((e) => e.page)).toEqual([1, 2, 3]);
    expect(sim.stats.log.filter((e) => e.path === '/users').map((e) => e.page)).toEqual([1, 2, 3]);
    expect(together('/listings', 2, 3)).toBe(false);
    expect(together('/users', 2, 3)).toBe(false);
    const before = await catalog.listProperties({ ownedOnly: false });

    sim.resetStats();
    const second = await service.sync();
    expect(
      sim.stats.log
        .filter((e) => e.path === '/listings')
        .map((e) => e.page)
        .sort(),
    ).toEqual([1, 2, 3]);
    expect(
      sim.stats.log
        .filter((e) => e.path === '/users')
        .map((e) => e.page)
        .sort(),
    ).toEqual([1, 2, 3]);
    // Pages 2 and 3 together, after page 1.
    expect(together('/listings', 2, 3)).toBe(true);
    expect(together('/users', 2, 3)).toBe(true);

    expect({ ...second, syncedAt: '' }).toEqual({ ...first, syncedAt: '' });
    expect(second).toMatchObject({ properties: 250, owners: 120, ownedProperties: 100 });
    expect(await catalog.listProperties({ ownedOnly: false })).toEqual(before);
  });
});
