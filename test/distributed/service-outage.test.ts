/**
 * The store and the queue server going away, as users meet it: the real server process talks to
 * PostgreSQL and Redis through a TCP proxy the test switches off and on. At start the process
 * waits for a server that does not answer (saying so in its log) instead of crashing; while it
 * runs, /readyz reports the lost server and the process keeps serving /healthz; when the server is
 * back, /readyz recovers and a job that was running completes with one statement per property.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostifySim } from '../../src/hostify-sim/index.js';
import { PERIOD } from '../helpers/known-dataset.js';
import {
  adminAuthHeader,
  PROCESS_ADMIN,
  type ServerProcess,
  startServerProcess,
} from '../helpers/server-process.js';
import { requireService } from '../helpers/services.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { createPostgresTestDatabase, TEST_PG_URL, type TestDatabase } from '../helpers/test-database.js';
import { pollUntil } from '../helpers/wait.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY = 'outage-test-key-51aa';
const available =
  (await requireService('PostgreSQL', TEST_PG_URL, 'the service outage tests')) &&
  (await requireService('Redis', REDIS_URL, 'the service outage tests'));

const hostPort = (url: string) => {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || (u.protocol.startsWith('redis') ? 6379 : 5432)) };
};
const viaProxy = (url: string, proxy: TcpProxy) => {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
};

let sim: Awaited<ReturnType<typeof startHostifySim>>;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  sim = await startHostifySim({
    apiKey: KEY,
    owners: 40,
    propertiesPerOwner: 10,
    reservationsPerProperty: 6,
  });
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await sim?.stop();
});

async function readyz(url: string) {
  const res = await fetch(`${url}/readyz`);
  return {
    status: res.status,
    body: (await res.json()) as { status: string; checks: Record<string, string> },
  };
}

async function startGeneration(url: string, auth: Record<string, string>): Promise<string> {
  const res = await fetch(`${url}/api/statements/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ ownerId: 'all', ...PERIOD, calculationType: 'checkout' }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { jobId: string }).jobId;
}

async function waitForCompletion(url: string, auth: Record<string, string>, jobId: string) {
  return pollUntil(
    async () => {
      const res = await fetch(`${url}/api/statements/jobs/${jobId}`, { headers: auth });
      if (res.status !== 200) return undefined;
      const job = (await res.json()) as {
        status: string;
        progress: number;
        total: number;
        result?: { summary: { generated: number; skipped: number; errors: number }; errors?: unknown[] };
      };
      return job.status === 'processing' || job.status === 'queued' ? undefined : job;
    },
    'the job to end',
    90_000,
  );
}

async function statementsPerProperty(database: TestDatabase): Promise<number[]> {
  const rows = await database.db
    .selectFrom('statements')
    .select(({ fn }) => ['property_id', fn.countAll<number>().as('n')])
    .groupBy('property_id')
    .execute();
  return rows.map((r) => Number(r.n));
}

(available ? describe : describe.skip)('PostgreSQL and Redis going away', () => {
  it('waits for PostgreSQL at start, then reports it lost and recovered on /readyz', {
    timeout: 120_000,
  }, async () => {
    const database = await createPostgresTestDatabase();
    cleanups.push(() => database.db.destroy().then(() => database.drop()));
    const pgProxy = await startTcpProxy(hostPort(TEST_PG_URL), false);
    cleanups.push(() => pgProxy.close());
    let server: ServerProcess | undefined;
    cleanups.push(async () => server?.kill('SIGKILL'));

    const starting = startServerProcess(
      {
        DATABASE_URL: viaProxy(database.url, pgProxy),
        HOSTIFY_API_URL: sim.url,
        HOSTIFY_API_KEY: KEY,
        HOSTIFY_MAX_RPS: '1000',
        ...PROCESS_ADMIN,
      },
      { timeoutMs: 60_000 },
    );
    // The process tries, is refused, and tries again: it waits instead of exiting.
    await pollUntil(async () => (pgProxy.refused >= 2 ? true : undefined), 'two refused attempts');
    pgProxy.up();
    server = await starting;
    expect(server.output()).toMatch(/PostgreSQL at postgres:\/\/[^ ]+ does not answer; waiting for it/);
    expect(server.output()).toContain('PostgreSQL answers now');
    const url = server.url;
    expect((await readyz(url)).status).toBe(200);

    pgProxy.down();
    const lost = await pollUntil(async () => {
      const r = await readyz(url);
      return r.status === 503 ? r : undefined;
    }, '/readyz to report the database lost').catch((error: Error) => {
      throw new Error(`${error.message}\n${server?.output().slice(-4000)}`);
    });
    expect(lost.body.status).toBe('not_ready');
    expect(lost.body.checks.database).not.toBe('ok');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    pgProxy.up();
    await pollUntil(
      async () => ((await readyz(url)).status === 200 ? true : undefined),
      '/readyz to recover',
    );
    const auth = await adminAuthHeader(url);
    const job = await waitForCompletion(url, auth, await startGeneration(url, auth));
    expect(job).toMatchObject({ status: 'completed', total: 400, progress: 400 });
  });

  it('finishes a BullMQ job on Redis that lost its connection mid-job, /readyz saying so meanwhile', {
    timeout: 120_000,
  }, async () => {
    const database = await createPostgresTestDatabase();
    cleanups.push(() => database.db.destroy().then(() => database.drop()));
    const redisProxy = await startTcpProxy(hostPort(REDIS_URL));
    cleanups.push(() => redisProxy.close());
    let server: ServerProcess | undefined;
    cleanups.push(async () => server?.kill('SIGKILL'));

    server = await startServerProcess({
      DATABASE_URL: database.url,
      REDIS_URL: viaProxy(REDIS_URL, redisProxy),
      JOB_QUEUE_PREFIX: `outage-${Date.now().toString(36)}`,
      JOB_CONCURRENCY: '2',
      JOB_LOCK_MS: '3000',
      HOSTIFY_API_URL: sim.url,
      HOSTIFY_API_KEY: KEY,
      HOSTIFY_MAX_RPS: '1000',
      ...PROCESS_ADMIN,
    });
    const url = server.url;
    const auth = await adminAuthHeader(url);
    const jobId = await startGeneration(url, auth);
    await pollUntil(async () => {
      const res = await fetch(`${url}/api/statements/jobs/${jobId}`, { headers: auth });
      const job = (await res.json()) as { progress: number };
      return job.progress >= 20 ? true : undefined;
    }, 'the job to be partway');

    redisProxy.down();
    const lost = await pollUntil(async () => {
      const r = await readyz(url);
      return r.status === 503 ? r : undefined;
    }, '/readyz to report Redis lost');
    expect(lost.body.checks.redis).toBe('unavailable');
    expect(lost.body.checks.database).toBe('ok');

    redisProxy.up();
    const job = await waitForCompletion(url, auth, jobId);
    expect(job).toMatchObject({ status: 'completed', total: 400, progress: 400 });
    // Properties with nothing in the period are skipped (no statement); the others have one each.
    const summary = job.result?.summary;
    // Errors are the data set's own (a reservation in another currency), never the outage's.
    const errors = (job.result?.errors ?? []) as Array<{ code: string }>;
    expect(errors.map((e) => e.code).filter((c) => c !== 'mixed_currency')).toEqual([]);
    expect((summary?.generated ?? 0) + (summary?.skipped ?? 0) + (summary?.errors ?? 0)).toBe(400);
    const perProperty = await statementsPerProperty(database);
    expect(perProperty).toHaveLength(summary?.generated ?? -1);
    expect(perProperty.every((n) => n === 1)).toBe(true);
    expect((await readyz(url)).status).toBe(200);
  });
});
