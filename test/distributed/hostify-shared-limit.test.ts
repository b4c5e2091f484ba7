/**
 * Two processes of one installation calling Hostify at once, as Hostify sees it: two Hostify
 * clients (each with its own limiter and store connection, made by createInstallationLimiter as
 * main.ts makes them) read reservations page by page, in parallel, from the simulator, which
 * answers 429 to more than HOSTIFY_MAX_RPS requests in any second. With the rate shared in Redis
 * or PostgreSQL it never has to; with each process limiting only itself (the old behaviour, and
 * still the embedded engine's) it does. Skipped with a message when a server does not answer,
 * except under CI=true.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrateToLatest, openPostgres } from '../../src/db/database.js';
import {
  createHostifyClient,
  createInstallationLimiter,
  type HostifyClient,
  type InstallationLimiter,
  type RateLimitStore,
} from '../../src/hostify/index.js';
import { type HostifySim, startHostifySim } from '../../src/hostify-sim/index.js';
import { requireService } from '../helpers/services.js';
import { createPostgresTestDatabase, TEST_PG_URL, type TestDatabase } from '../helpers/test-database.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY = 'shared-limit-test-key-7f3c';
const MAX_RPS = 6;
const PROCESSES = 2;

let sim: HostifySim;
// A fresh simulator per test: its rate window would still hold the previous test's requests.
// Its rate limit is switched on after a warm-up (readTogether).
beforeEach(async () => {
  sim = await startHostifySim({
    apiKey: KEY,
    owners: 10,
    propertiesPerOwner: 4,
    reservationsPerProperty: 12,
  });
});
afterEach(async () => {
  await sim?.stop();
});

/** One "process": its limiter (on `store`) and a client that pages 10 reservations at a time. */
async function process_(store: RateLimitStore, namespace: string) {
  const limit = await createInstallationLimiter({
    store,
    namespace,
    apiKey: KEY,
    maxConcurrency: 5,
    maxRps: MAX_RPS,
    logger: { debug() {}, warn() {} },
  });
  const client = createHostifyClient({
    baseUrl: sim.url,
    apiKey: KEY,
    limiter: limit.limiter,
    perPage: 10,
    maxRetries: 10,
    retryBaseMs: 50,
  });
  return { limit, client };
}

/**
 * Every process reads one month of reservations at the same moment; the simulator counts.
 *
 * First once with the simulator's limit off: a process's first requests leave tens of ms after
 * the limiter let them start (fetch loads its HTTP stack on first use, connections are opened),
 * a one-off lag between the start a limiter counts and the arrival the simulator counts that
 * no client-side limiter can see; the measured read then runs on warm connections.
 */
async function readTogether(clients: HostifyClient[]) {
  const read = () =>
    Promise.all(clients.map((c) => c.listReservations({ from: '2025-10-01', to: '2025-10-31' })));
  await read();
  sim.setOptions({ rateLimit: { rps: MAX_RPS } });
  sim.resetStats();
  const batches = await read();
  return { batches, requests: sim.stats.requests, rateLimited: sim.stats.rateLimited };
}

async function run(stores: RateLimitStore[]) {
  const namespace = `test-${randomBytes(4).toString('hex')}`;
  const processes: Array<{ limit: InstallationLimiter; client: HostifyClient }> = [];
  try {
    for (const store of stores) processes.push(await process_(store, namespace));
    return await readTogether(processes.map((p) => p.client));
  } finally {
    await Promise.all(processes.map((p) => p.limit.close()));
  }
}

it('processes that each limit only themselves make the simulator answer 429 (the reason for sharing)', async () => {
  const result = await run(Array.from({ length: PROCESSES }, () => ({ type: 'local' as const })));
  expect(result.rateLimited).toBeGreaterThan(0);
  // Retries still get every page.
  expect(result.batches[0]?.reservations.length).toBeGreaterThan(20);
});

const redisAvailable = await requireService('Redis', REDIS_URL, 'the shared Hostify limit tests on Redis');
(redisAvailable ? describe : describe.skip)('rate shared in Redis', () => {
  it('two processes together stay within the simulator’s rate limit: no 429', async () => {
    const result = await run(
      Array.from({ length: PROCESSES }, () => ({ type: 'redis' as const, redisUrl: REDIS_URL })),
    );
    expect(result.rateLimited).toBe(0);
    const [a, b] = result.batches;
    expect(a?.reservations.length).toBeGreaterThan(20);
    expect(b?.reservations).toEqual(a?.reservations);
    // Enough pages that the two processes together had to wait for each other.
    expect(result.requests).toBeGreaterThan(MAX_RPS * 2);
  });
});

const pgAvailable = await requireService(
  'PostgreSQL',
  TEST_PG_URL,
  'the shared Hostify limit tests on PostgreSQL',
);
(pgAvailable ? describe : describe.skip)('rate shared in PostgreSQL', () => {
  let database: TestDatabase & { url: string };
  const pools: Db[] = [];
  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    await migrateToLatest(database.db);
  });
  afterAll(async () => {
    await Promise.all(pools.map((db) => db.destroy()));
    await database?.db.destroy();
    await database?.drop();
  });

  it('two processes together stay within the simulator’s rate limit: no 429', async () => {
    const stores = Array.from({ length: PROCESSES }, () => {
      const db = openPostgres({ connectionString: database.url, max: 2 });
      pools.push(db);
      return { type: 'postgres' as const, db };
    });
    const result = await run(stores);
    expect(result.rateLimited).toBe(0);
    const [a, b] = result.batches;
    expect(a?.reservations.length).toBeGreaterThan(20);
    expect(b?.reservations).toEqual(a?.reservations);
    expect(result.requests).toBeGreaterThan(MAX_RPS * 2);
  });
});
