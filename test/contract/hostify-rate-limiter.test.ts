/**
 * The Hostify limiters through one contract (hostify-rate-limiter.contract.ts): in-process, and
 * shared in Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379) and in PostgreSQL (a fresh
 * database on TEST_PG_URL). The shared ones reach their server through a TCP proxy the outage
 * test switches off. A server that does not answer skips its suite with a message, except under
 * CI=true, where that is a failure.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, migrateToLatest, openPostgres } from '../../src/db/database.js';
import { silentLogger } from '../../src/hostify/logger.js';
import { createPostgresRateWindow } from '../../src/hostify/postgres-rate-window.js';
import { createLocalRateLimiter } from '../../src/hostify/rate-limiter.js';
import { createRedisRateWindow } from '../../src/hostify/redis-rate-window.js';
import { createSharedRateLimiter } from '../../src/hostify/shared-rate-limiter.js';
import { requireService } from '../helpers/services.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { createPostgresTestDatabase, TEST_PG_URL, type TestDatabase } from '../helpers/test-database.js';
import {
  busiestWindow,
  describeRateLimiterContract,
  type LimiterInstanceOptions,
  type LimiterStore,
  type LimiterUnderTest,
} from './hostify-rate-limiter.contract.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The URL with its host and port replaced by the proxy's. */
function viaProxy(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}

function target(url: string, defaultPort: number) {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || defaultPort) };
}

const shared = (window: Parameters<typeof createSharedRateLimiter>[0]['window'], o: LimiterInstanceOptions) =>
  createSharedRateLimiter({
    window,
    maxRps: o.maxRps,
    maxConcurrency: o.maxConcurrency,
    logger: o.logger ?? silentLogger,
    ...(o.storeRetryMs === undefined ? {} : { storeRetryMs: o.storeRetryMs }),
  });

describeRateLimiterContract(
  'in-process (embedded engine)',
  () => ({
    shared: false,
    create: async (_key, o) => {
      const limiter = createLocalRateLimiter({ maxRps: o.maxRps, maxConcurrency: o.maxConcurrency });
      return { schedule: (fn) => limiter.schedule(fn), close: async () => {} };
    },
  }),
  { canFail: false },
);

describe('the contract’s window check', () => {
  it('catches limiters that do not share their window (three processes, three times the rate)', async () => {
    const starts: number[] = [];
    const limiters = Array.from({ length: 3 }, () =>
      createLocalRateLimiter({ maxRps: 4, maxConcurrency: 4 }),
    );
    await Promise.all(
      limiters.flatMap((l) =>
        Array.from({ length: 4 }, () =>
          l.schedule(async () => {
            starts.push(performance.now());
          }),
        ),
      ),
    );
    expect(busiestWindow(starts)).toBe(12);
  });
});

const redisAvailable = await requireService('Redis', REDIS_URL, 'the shared Hostify limiter tests on Redis');
(redisAvailable ? describe : describe.skip)('on Redis', () => {
  let proxy: TcpProxy;
  const opened: LimiterUnderTest[] = [];
  beforeAll(async () => {
    proxy = await startTcpProxy(target(REDIS_URL, 6379));
  });
  afterAll(async () => {
    await Promise.all(opened.map((l) => l.close()));
    await proxy?.close();
  });

  describeRateLimiterContract(
    'shared in Redis',
    (): LimiterStore => ({
      shared: true,
      outage: { down: () => proxy.down(), up: () => proxy.up() },
      create: async (key, o) => {
        const window = createRedisRateWindow({
          redisUrl: viaProxy(REDIS_URL, proxy),
          key,
          logger: o.logger ?? silentLogger,
        });
        await window.connect();
        const limiter = shared(window, o);
        opened.push(limiter);
        return limiter;
      },
    }),
    { canFail: true },
  );
});

const pgAvailable = await requireService(
  'PostgreSQL',
  TEST_PG_URL,
  'the shared Hostify limiter tests on PostgreSQL',
);
(pgAvailable ? describe : describe.skip)('on PostgreSQL', () => {
  let proxy: TcpProxy;
  let database: TestDatabase & { url: string };
  const pools: Db[] = [];
  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    await migrateToLatest(database.db);
    proxy = await startTcpProxy(target(database.url, 5432));
  });
  afterAll(async () => {
    await Promise.all(pools.map((db) => db.destroy()));
    await database?.db.destroy();
    await database?.drop();
    await proxy?.close();
  });

  it('makes the slots again when the UNLOGGED table lost them (a database crash or failover)', async () => {
    const window = createPostgresRateWindow({ db: database.db, key: 'test-lost-slots' });
    const limit = { max: 2, windowMs: 1050 };
    expect(await window.tryAcquire(limit)).toEqual({ acquired: true });
    await sql`truncate hostify_rate_window`.execute(database.db);
    // One short "try again" (not a full window), then the slots are back and free.
    expect(await window.tryAcquire(limit)).toEqual({ acquired: false, retryInMs: 1 });
    expect(await window.tryAcquire(limit)).toEqual({ acquired: true });
    expect(await window.tryAcquire(limit)).toEqual({ acquired: true });
    expect(await window.tryAcquire(limit)).toMatchObject({ acquired: false });
  });

  describeRateLimiterContract(
    'shared in PostgreSQL',
    (): LimiterStore => ({
      shared: true,
      outage: { down: () => proxy.down(), up: () => proxy.up() },
      create: async (key, o) => {
        // Each instance has its own pool, as each process of an installation does.
        const db = openPostgres({ connectionString: viaProxy(database.url, proxy), max: 2 });
        pools.push(db);
        return shared(createPostgresRateWindow({ db, key }), o);
      },
    }),
    { canFail: true },
  );
});
