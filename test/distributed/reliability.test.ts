/**
 * The distributed mode as it is deployed: one `ROLE=web` process and `ROLE=worker` processes
 * (`src/main.ts`), PostgreSQL as the store, BullMQ for the work, the Hostify simulator over HTTP.
 * Processes and Redis are killed in the middle of "Generate All", and each time the job must
 * still complete with exactly one statement per property and every item counted once.
 *
 * - kill -9 one of three workers: its items are taken over once their lock expires;
 * - Redis killed and started again empty (no persistence): the job recovers from the store;
 * - kill -9 the web process: a new web process serves the job, and the event stream resumes
 *   after Last-Event-ID without a gap, up to the final `completed` event;
 * - a stream dropped while workers record batches concurrently (their events reach the web in
 *   any order) resumes after Last-Event-ID: every item once, in seq order, id = seq;
 * - SIGTERM a worker: it finishes its items and exits 0; nothing has to be taken over;
 * - processes syncing the catalog at once (every worker does at start, every plan does).
 *
 * Every test has its own PostgreSQL database and its own queue prefix, on a private
 * `redis-server` started for this file (the shared Redis is never touched). Needs PostgreSQL
 * (TEST_PG_URL) and a `redis-server` binary: skipped with a message without them, except under
 * CI=true, where that is a failure.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createPostgresBackend, Queue, QueueEvents, withBackend } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { compose } from '../../src/compose.js';
import { openPostgres } from '../../src/db/database.js';
import { createHostifyClient } from '../../src/hostify/index.js';
import { startHostifySim } from '../../src/hostify-sim/index.js';
import { ITEMS_QUEUE, workerName } from '../../src/jobs/engines/bullmq-engine.js';
import { postgresSchemaOf } from '../../src/jobs/engines/bullmq-transport.js';
import { systemClock } from '../../src/lib/clock.js';
import { createLogger } from '../../src/lib/logger.js';
import { type RedisServer, redisServerAvailable, startRedisServer } from '../helpers/redis-server.js';
import {
  adminAuthHeader,
  PROCESS_ADMIN,
  type ServerProcess,
  startServerProcess,
} from '../helpers/server-process.js';
import { requireService } from '../helpers/services.js';
import { readSse, type SseEvent } from '../helpers/sse.js';
import { createPostgresTestDatabase, TEST_PG_URL, type TestDatabase } from '../helpers/test-database.js';
import { pollUntil } from '../helpers/wait.js';

// --- What this machine offers ---------------------------------------------------------------

const SUITE = 'the distributed reliability tests';
const pgAvailable = await requireService('PostgreSQL', TEST_PG_URL, SUITE);
const redisState = redisServerAvailable();
if (redisState !== true) {
  if (process.env.CI === 'true') throw new Error(`${SUITE} need redis-server under CI=true: ${redisState}`);
  console.warn(`skipping ${SUITE}: ${redisState}`);
}
const available = pgAvailable && redisState === true;
const describeWithServices = available ? describe.sequential : describe.skip;

/** JOB_LOCK_MS: a killed worker's items are taken over after about 1.5× the lock. */
const LOCK_MS = 4000;
/** Takeover after a kill -9: lock expiry, the next stalled check, then the rest of the work. */
const TAKEOVER_MS = 3 * LOCK_MS + 30_000;

// --- The data set --------------------------------------------------------------------------

const KEY = 'reliability-test-key-5e2a';
const PERIOD = { startDate: '2025-10-01', endDate: '2025-10-31' } as const;
const GENERATE_ALL = { ownerId: 'all', ...PERIOD, calculationType: 'checkout' };
/** Enough properties that three workers need a few seconds. */
const SIM = { owners: 40, propertiesPerOwner: 20, reservationsPerProperty: 4, latencyMs: 2 };

let sim: Awaited<ReturnType<typeof startHostifySim>>;
let redis: RedisServer;
let ownedPropertyIds: string[];
let mixedCurrencyPropertyId: string;
let dataDir: string;

/** Everything a test started, stopped after it whatever happened. */
const processes: ServerProcess[] = [];
const databases: TestDatabase[] = [];
const cleanups: Array<() => Promise<unknown>> = [];

// --- A web process and worker processes on one store ----------------------------------------

interface Cluster {
  db: TestDatabase & { url: string };
  /** JOB_QUEUE_PREFIX: the Redis key prefix, or the PostgreSQL schema of the queues. */
  prefix: string;
  env: Record<string, string>;
  web: ServerProcess;
  workers: ServerProcess[];
  auth: { authorization: string };
}

function track(p: ServerProcess, name: string): ServerProcess {
  processes.push(p);
  onTestFailed(() => {
    const tail = p
      .output()
      .split('\n')
      .filter((line) => !line.includes('"msg":"request completed"'))
      .slice(-40)
      .join('\n');
    console.error(`--- ${name} (${p.logFile}), last lines:\n${tail}`);
  });
  return p;
}

const startWeb = (env: Record<string, string>, name = 'web') =>
  startServerProcess({ ...env, ROLE: 'web' }).then((p) => track(p, name));

const startWorker = (env: Record<string, string>, name: string) =>
  startServerProcess({ ...env, ROLE: 'worker' }, { readyLog: /"msg":"job engine: / }).then((p) =>
    track(p, name),
  );

type Engine = 'bullmq-redis' | 'bullmq-postgres';

async function startCluster(options: {
  workers: number;
  /** JOB_CONCURRENCY of each worker (default 4). */
  concurrency?: number;
  /** JOB_BATCH_SIZE (default: the application's). */
  batchSize?: number;
  /** JOB_LOCK_MS (default LOCK_MS). */
  lockMs?: number;
  redisUrl?: string;
  engine?: Engine;
}): Promise<Cluster> {
  const db = await createPostgresTestDatabase();
  databases.push(db);
  const prefix = `osrel-${randomBytes(5).toString('hex')}`;
  const engine = options.engine ?? 'bullmq-redis';
  const env: Record<string, string> = {
    DATABASE_URL: db.url,
    ...(engine === 'bullmq-redis' ? { REDIS_URL: options.redisUrl ?? redis.url } : {}),
    JOB_ENGINE: engine,
    JOB_QUEUE_PREFIX: prefix,
    JOB_LOCK_MS: String(options.lockMs ?? LOCK_MS),
    JOB_CONCURRENCY: String(options.concurrency ?? 4),
    ...(options.batchSize ? { JOB_BATCH_SIZE: String(options.batchSize) } : {}),
    HOSTIFY_API_URL: sim.url,
    HOSTIFY_API_KEY: KEY,
    HOSTIFY_MAX_RPS: '1000',
    DATA_DIR: dataDir,
  };
  // All at once, as a deployment starts them (they migrate the empty database together); only
  // the web creates the first admin.
  const [web, ...workers] = await Promise.all([
    startWeb({ ...env, ...PROCESS_ADMIN }),
    ...Array.from({ length: options.workers }, (_, i) => startWorker(env, `worker ${i + 1}`)),
  ]);
  if (!web) throw new Error('no web process');
  // Each worker syncs the catalog once started; the jobs start after that, so these tests are
  // about what they name (concurrent syncs have their own test below).
  for (const worker of workers)
    await pollUntil(
      async () =>
        /"msg":"(catalog synced from Hostify|initial catalog sync)/.test(worker.output()) ? true : undefined,
      "the workers' first catalog sync",
      30_000,
    );
  const auth = await adminAuthHeader(web.url);
  return { db, prefix, env, web, workers, auth };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
async function getJson(url: string, auth: { authorization: string }): Promise<any> {
  const res = await fetch(url, { headers: auth, signal: AbortSignal.timeout(10_000) });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function startGenerateAll(c: Cluster): Promise<string> {
  const res = await fetch(`${c.web.url}/api/statements/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...c.auth },
    body: JSON.stringify(GENERATE_ALL),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { jobId: string }).jobId;
}

/** The job as the store has it (no web process needed). */
async function storedJob(c: Cluster, jobId: string) {
  return c.db.db
    .selectFrom('jobs')
    .select(['status', 'progress', 'total', 'generated', 'skipped', 'errors', 'result', 'error'])
    .where('id', '=', jobId)
    .executeTakeFirstOrThrow();
}

/** What the tests read of GET /api/statements/jobs/:id. */
interface JobView {
  status: string;
  progress: number;
  total: number | null;
}

/** Polls the job over the API until `done` says so. */
async function waitForJob(
  c: Cluster,
  jobId: string,
  done: (job: JobView) => boolean,
  what: string,
  timeoutMs: number,
) {
  const url = `${c.web.url}/api/statements/jobs/${jobId}`;
  try {
    return await pollUntil(
      async () => {
        const job = await getJson(url, c.auth);
        return done(job) ? job : undefined;
      },
      what,
      timeoutMs,
      50,
    );
  } catch (error) {
    const job = await storedJob(c, jobId).catch(() => undefined);
    throw new Error(
      `${(error as Error).message}; the store says ${JSON.stringify(job && { status: job.status, progress: job.progress, total: job.total })}`,
    );
  }
}

const partway = (share: number) => (job: JobView) =>
  job.status === 'processing' && job.total !== null && job.total > 0 && job.progress >= job.total * share;

/**
 * The store after the job: it completed; one item per owned property, each finished once (the
 * sequence numbers are exactly 1..total); one statement per generated property, the one its item
 * names; the summary adds up.
 */
async function expectCompleteAndExact(c: Cluster, jobId: string): Promise<void> {
  const job = await storedJob(c, jobId);
  const total = ownedPropertyIds.length;
  expect(job.status).toBe('completed');
  expect(job.total).toBe(total);
  expect(job.progress).toBe(total);
  expect(job.generated + job.skipped + job.errors).toBe(total);
  const summary = JSON.parse(job.result ?? 'null')?.summary;
  expect(summary).toMatchObject({ generated: job.generated, skipped: job.skipped, errors: job.errors });

  const items = await c.db.db
    .selectFrom('job_items')
    .select(['property_id', 'status', 'seq', 'statement_id'])
    .where('job_id', '=', jobId)
    .execute();
  expect(items.map((i) => i.property_id).sort()).toEqual([...ownedPropertyIds].sort());
  expect(items.filter((i) => i.status === 'pending')).toEqual([]);
  // The simulator's one deliberate error: a USD listing with a EUR reservation.
  expect(items.filter((i) => i.status === 'failed').map((i) => i.property_id)).toEqual([
    mixedCurrencyPropertyId,
  ]);
  const seqs = items.map((i) => Number(i.seq)).sort((a, b) => a - b);
  expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));

  const statements = await c.db.db
    .selectFrom('statements')
    .select(['id', 'property_id'])
    .where('period_start', '=', PERIOD.startDate)
    .where('period_end', '=', PERIOD.endDate)
    .execute();
  const succeeded = items.filter((i) => i.status === 'succeeded');
  expect(statements).toHaveLength(succeeded.length);
  expect(new Set(statements.map((s) => s.property_id)).size).toBe(statements.length);
  const byId = new Map(statements.map((s) => [s.id, s.property_id]));
  for (const item of succeeded) expect(byId.get(item.statement_id ?? '')).toBe(item.property_id);
  expect(summary.generated).toBe(statements.length);
}

/**
 * BullMQ's "stalled" events of the items queue: items whose worker lost them, moved back to be
 * taken over by another worker (from now on).
 */
async function watchStalled(c: Cluster, engine: Engine): Promise<{ stalled: string[] }> {
  const seen = { stalled: [] as string[] };
  let events: QueueEvents;
  if (engine === 'bullmq-redis') {
    const url = new URL(c.env.REDIS_URL ?? redis.url);
    events = new QueueEvents(ITEMS_QUEUE, {
      connection: { host: url.hostname, port: Number(url.port), maxRetriesPerRequest: null },
      prefix: c.prefix,
    });
  } else {
    const { QueueEvents: PgQueueEvents } = withBackend(createPostgresBackend);
    events = new PgQueueEvents(ITEMS_QUEUE, {
      connection: { connectionString: c.db.url, schema: postgresSchemaOf(c.prefix), max: 1 },
    }) as unknown as QueueEvents;
  }
  events.on('error', () => undefined);
  events.on('stalled', ({ jobId }) => seen.stalled.push(jobId));
  await events.waitUntilReady();
  cleanups.push(() => events.close());
  return seen;
}

/** The items queue of a cluster, to see which process holds which batch. */
async function itemsQueueOf(c: Cluster, engine: Engine): Promise<Queue> {
  let queue: Queue;
  if (engine === 'bullmq-redis') {
    const url = new URL(c.env.REDIS_URL ?? redis.url);
    queue = new Queue(ITEMS_QUEUE, {
      connection: { host: url.hostname, port: Number(url.port), maxRetriesPerRequest: null },
      prefix: c.prefix,
    });
  } else {
    const { Queue: PgQueue } = withBackend(createPostgresBackend);
    queue = new PgQueue(ITEMS_QUEUE, {
      connection: { connectionString: c.db.url, schema: postgresSchemaOf(c.prefix), max: 1 },
    }) as unknown as Queue;
  }
  queue.on('error', () => undefined);
  cleanups.push(() => queue.close());
  return queue;
}

/**
 * Freezes `victim` (SIGSTOP) at a moment it holds a batch: frozen, it can neither finish nor
 * release what it holds, so the queue shows exactly what a kill -9 now leaves behind. Thaws it and
 * looks again until then. Returns the batches it holds; the caller kills it (SIGKILL works on a
 * stopped process).
 */
async function freezeHoldingBatches(queue: Queue, victim: ServerProcess): Promise<string[]> {
  const name = workerName(victim.child.pid);
  return pollUntil(
    async () => {
      victim.child.kill('SIGSTOP');
      const held = (await queue.getJobs(['active'])).filter((j) => j.processedBy === name);
      if (held.length > 0) return held.map((j) => j.id ?? '');
      victim.child.kill('SIGCONT');
      return undefined;
    },
    'the victim to hold a batch',
    60_000,
    20,
  );
}

/** What a browser's EventSource keeps of a job's event stream. */
interface StreamView {
  events: SseEvent[];
  /** Item sequence numbers received. */
  items: Set<number>;
  /** The id of the last event (what EventSource sends as Last-Event-ID when it reconnects). */
  lastId: number;
  /** Items at or below `lastId` not received: a resume after `lastId` never sends them. */
  missingUpToLastId(): number[];
  /** Events whose id ran ahead of an item not received yet (a resume there would lose it). */
  idsAheadOfGap: number;
}

/**
 * Follows a job's event stream until `leaveWhen` says so after an event; then the client goes
 * away (connection closed, later events ignored), as a browser does when the network or the
 * server drops. `left` rejects if the stream ends first.
 */
function followStream(
  url: string,
  auth: { authorization: string },
  leaveWhen: (view: StreamView) => boolean,
): { view: StreamView; left: Promise<void> } {
  const view: StreamView = {
    events: [],
    items: new Set(),
    lastId: 0,
    idsAheadOfGap: 0,
    missingUpToLastId() {
      const missing: number[] = [];
      for (let s = 1; s <= this.lastId; s++) if (!this.items.has(s)) missing.push(s);
      return missing;
    },
  };
  const abort = new AbortController();
  let leave: () => void = () => undefined;
  const left = new Promise<void>((resolve) => {
    leave = resolve;
  });
  const stream = readSse(url, {
    headers: auth,
    signal: abort.signal,
    timeoutMs: 120_000,
    onEvent: (e) => {
      if (abort.signal.aborted) return;
      view.events.push(e);
      if (e.event === 'item') view.items.add(Number(e.data.seq));
      if (e.id !== undefined) view.lastId = Number(e.id);
      if (view.missingUpToLastId().length > 0) view.idsAheadOfGap++;
      if (leaveWhen(view)) {
        abort.abort();
        leave();
      }
    },
  });
  const ended = stream.then(
    () => {
      throw new Error('the stream ended before the moment to leave it came');
    },
    (error: unknown) => {
      if (!abort.signal.aborted) throw error;
    },
  );
  return { view, left: Promise.race([left, ended]) };
}

const itemSeqs = (events: SseEvent[]) =>
  events.filter((e) => e.event === 'item').map((e) => Number(e.data.seq));
const seqRange = (from: number, to: number) =>
  new Set(Array.from({ length: to - from + 1 }, (_, i) => from + i));

// --- Lifecycle --------------------------------------------------------------------------------

beforeAll(async () => {
  if (!available) return;
  sim = await startHostifySim({ apiKey: KEY, ...SIM });
  ownedPropertyIds = sim.facts?.ownedPropertyIds ?? [];
  mixedCurrencyPropertyId = sim.facts?.mixedCurrencyPropertyId ?? '';
  redis = await startRedisServer();
  dataDir = mkdtempSync(join(tmpdir(), 'owner-statements-reliability-'));
});

afterEach(async () => {
  await Promise.all(processes.splice(0).map((p) => p.kill('SIGKILL')));
  await Promise.all(cleanups.splice(0).map((f) => f().catch(() => undefined)));
  for (const db of databases.splice(0)) {
    await db.db.destroy().catch(() => undefined);
    await db.drop().catch(() => undefined);
  }
});

afterAll(async () => {
  if (!available) return;
  await sim?.stop();
  await redis?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// --- The tests --------------------------------------------------------------------------------

describeWithServices('distributed mode: processes die, the job does not', () => {
  const engines: Engine[] = ['bullmq-redis', 'bullmq-postgres'];

  for (const engine of engines) {
    it(
      `kill -9 one of three workers mid-job (${engine}): its items are taken over, one statement per property`,
      async () => {
        const c = await startCluster({ workers: 3, engine });
        const watcher = await watchStalled(c, engine);
        const queue = await itemsQueueOf(c, engine);
        const jobId = await startGenerateAll(c);
        await waitForJob(c, jobId, partway(0.25), 'a quarter of the items', 60_000);

        const victim = c.workers[0] as ServerProcess;
        const held = await freezeHoldingBatches(queue, victim);
        const code = await victim.kill('SIGKILL');
        expect(code).toBeNull(); // killed by the signal, no exit of its own
        const atKill = await storedJob(c, jobId);
        expect(atKill.status).toBe('processing');
        expect(atKill.progress).toBeLessThan(atKill.total ?? 0);

        await waitForJob(c, jobId, (j) => j.status !== 'processing', 'the job to end', TAKEOVER_MS);
        await expectCompleteAndExact(c, jobId);
        // The killed worker held batches, and the survivors took them over.
        expect(held.length).toBeGreaterThan(0);
        expect(watcher.stalled).toEqual(expect.arrayContaining(held));
      },
      TAKEOVER_MS + 180_000,
    );
  }

  it(
    'Redis killed and started again empty mid-job: the job completes, one statement per property',
    async () => {
      const own = await startRedisServer();
      cleanups.push(() => own.kill());
      const c = await startCluster({ workers: 2, redisUrl: own.url });
      const jobId = await startGenerateAll(c);
      await waitForJob(c, jobId, partway(0.2), 'a fifth of the items', 60_000);

      await own.kill();
      // Every process noticed: its Redis connections fail to reconnect.
      for (const p of [c.web, ...c.workers])
        await pollUntil(
          async () => (/ECONNREFUSED/.test(p.output()) ? true : undefined),
          'the processes to notice that Redis is gone',
          15_000,
        );
      const during = await storedJob(c, jobId);
      expect(during.status).toBe('processing');
      expect(during.progress).toBeLessThan(during.total ?? 0);
      await own.restart();

      await waitForJob(
        c,
        jobId,
        (j) => j.status !== 'processing',
        'the job to end after Redis restarted',
        TAKEOVER_MS,
      );
      await expectCompleteAndExact(c, jobId);
    },
    TAKEOVER_MS + 180_000,
  );

  it(
    'kill -9 the web process mid-job: a new web process resumes the event stream after Last-Event-ID',
    async () => {
      // One small batch at a time per worker, so the job is still running when the stream moves.
      const c = await startCluster({ workers: 2, concurrency: 1, batchSize: 2 });
      // The process that takes over: already started (another port), as behind a load balancer.
      const web2 = await startWeb({ ...c.env, ...PROCESS_ADMIN }, 'web 2');
      expect(web2.url).not.toBe(c.web.url);
      const jobId = await startGenerateAll(c);
      const total = ownedPropertyIds.length;

      // The first stream, left at a fifth of the items (items come in seq order, so it has every
      // item up to its last id; the test below checks that).
      const first = followStream(
        `${c.web.url}/api/statements/jobs/${jobId}/events`,
        c.auth,
        (v) => v.items.size >= total * 0.2 && v.missingUpToLastId().length === 0,
      );
      await first.left;
      // The workers wait while the web process dies, so the job is surely unfinished then.
      for (const w of c.workers) w.child.kill('SIGSTOP');
      const killed = await c.web.kill('SIGKILL');
      const atKill = await storedJob(c, jobId);
      for (const w of c.workers) w.child.kill('SIGCONT');
      expect(killed).toBeNull();
      expect(atKill.status).toBe('processing');
      expect(atKill.progress).toBeLessThan(total);
      expect(first.view.events.some((e) => e.event === 'completed')).toBe(false);

      // The same session token on the other web process.
      c.web = web2;
      const resumeAfter = first.view.lastId;
      const second = await readSse(`${web2.url}/api/statements/jobs/${jobId}/events`, {
        headers: { ...c.auth, 'last-event-id': String(resumeAfter) },
        timeoutMs: TAKEOVER_MS,
      });
      expect(second.status).toBe(200);

      const secondSeqs = itemSeqs(second.events);
      // Only what came after the last seen id, every one of them, once, in order.
      expect(secondSeqs).toEqual([...seqRange(resumeAfter + 1, total)]);
      // Together with the first stream: every item, no gap.
      expect(new Set([...first.view.items, ...secondSeqs])).toEqual(seqRange(1, total));
      // The stream ends with the job's completion.
      const last = second.events.at(-1);
      expect(last?.event).toBe('completed');
      expect(last?.data).toMatchObject({ status: 'completed', progress: total, total });

      await expectCompleteAndExact(c, jobId);
      const job = await getJson(`${web2.url}/api/statements/jobs/${jobId}`, c.auth);
      expect(job).toMatchObject({ status: 'completed', progress: total, total });
    },
    TAKEOVER_MS + 180_000,
  );

  it(
    'a stream dropped while workers record batches concurrently resumes after Last-Event-ID: every item once, in order',
    async () => {
      // Workers record batches concurrently and their events reach the web process in any order
      // (or not at all); the stream still sends items in seq order, reading gaps from the store.
      const c = await startCluster({ workers: 2, concurrency: 4 });
      const jobId = await startGenerateAll(c);
      const total = ownedPropertyIds.length;
      const url = `${c.web.url}/api/statements/jobs/${jobId}/events`;

      // The connection drops (as a network does) at a tenth of the items.
      const first = followStream(url, c.auth, (v) => v.items.size >= total * 0.1);
      await first.left;
      // In seq order from 1, each once, each with its seq as its id: the last id is exactly what
      // the client has.
      const firstSeqs = itemSeqs(first.view.events);
      expect(firstSeqs).toEqual([...seqRange(1, firstSeqs.length)]);
      expect(first.view.events.filter((e) => e.event === 'item').map((e) => Number(e.id))).toEqual(firstSeqs);
      expect(first.view.lastId).toBe(firstSeqs.length);
      expect(first.view.idsAheadOfGap).toBe(0);
      const resumeAfter = first.view.lastId;

      const second = await readSse(url, {
        headers: { ...c.auth, 'last-event-id': String(resumeAfter) },
        timeoutMs: TAKEOVER_MS,
      });
      expect(second.events.at(-1)?.event).toBe('completed');
      // The rest, in order, each once: together every item exactly once.
      expect(itemSeqs(second.events)).toEqual([...seqRange(resumeAfter + 1, total)]);
      await expectCompleteAndExact(c, jobId);
    },
    TAKEOVER_MS + 180_000,
  );

  it(
    'SIGTERM a worker mid-job: it finishes its items and exits 0; nothing is taken over',
    async () => {
      // One worker at first, so nobody else can finish the job while it leaves; another worker
      // starts after it has gone and does the rest.
      const c = await startCluster({ workers: 1 });
      const watcher = await watchStalled(c, 'bullmq-redis');
      const jobId = await startGenerateAll(c);
      await waitForJob(c, jobId, partway(0.25), 'a quarter of the items', 60_000);

      const leaving = c.workers[0] as ServerProcess;
      const code = await leaving.kill('SIGTERM');
      const atExit = await storedJob(c, jobId);
      expect(code).toBe(0);
      expect(leaving.output()).toContain('shutting down');
      expect(atExit.progress).toBeLessThan(atExit.total ?? 0);
      // What it had taken it finished: nothing of the job is active in the queue any more.
      const queue = await itemsQueueOf(c, 'bullmq-redis');
      expect(await queue.getJobs(['active'])).toEqual([]);
      c.workers.push(await startWorker(c.env, 'worker 2'));

      await waitForJob(c, jobId, (j) => j.status !== 'processing', 'the job to end', TAKEOVER_MS);
      await expectCompleteAndExact(c, jobId);
      // A graceful stop hands nothing to the lock expiry.
      expect(watcher.stalled).toEqual([]);
    },
    TAKEOVER_MS + 180_000,
  );
  it('processes syncing the catalog at once (a worker starting while another plans) all succeed', async () => {
    // Every worker syncs the catalog when it starts, and every plan syncs it: on one
    // PostgreSQL store these run at the same time whenever a worker starts during planning.
    const store = await createPostgresTestDatabase();
    databases.push(store);
    const sink = new Writable({ write: (_chunk, _enc, done) => done() });
    const logger = createLogger('silent', sink);
    const processOnStore = () =>
      compose({
        db: openPostgres({ connectionString: store.url, max: 3 }),
        hostify: createHostifyClient({
          baseUrl: sim.url,
          apiKey: KEY,
          maxConcurrency: 5,
          maxRps: 1000,
          timeoutMs: 5000,
          logger,
        }),
        clock: systemClock,
        logger,
      });
    const processes = [await processOnStore(), await processOnStore(), await processOnStore()];
    for (const p of processes) cleanups.push(() => p.close());
    const failures: string[] = [];
    for (let round = 0; round < 10; round++) {
      const results = await Promise.allSettled(processes.map((p) => p.catalogService.sync()));
      for (const r of results)
        if (r.status === 'rejected') failures.push(String((r.reason as Error).message));
    }
    expect(failures).toEqual([]);
    const owned = await processes[0]?.catalog.listProperties({ ownedOnly: true });
    expect(owned).toHaveLength(ownedPropertyIds.length);
  });
});
