/**
 * `npm run bench:scaling` (also part of `npm run bench`): the bulk job with 1, 2 and 4 worker
 * processes on BullMQ-Redis and on BullMQ-PostgreSQL, and the embedded engine, in one run.
 *
 * Every row starts from nothing: a new PostgreSQL database (created here, dropped after) or, for
 * the embedded engine, a new SQLite data directory; a queue prefix of its own; the real processes
 * as users run them — one `ROLE=web` process plus N `ROLE=worker` processes (`npm run worker`),
 * or one `ROLE=all` process for the embedded engine (one row, N = 1). The Hostify simulator runs
 * in its own process with per-call latency and a rate limit, and counts every process's calls.
 *
 * Rows are warmed: fresh Node processes run the same code markedly slower than warmed ones (JIT,
 * caches, connection pools), so before the measured job each row runs a warm-up job in the same
 * processes — the properties tagged "beach" (about a fifth) for September 2025. The measured job
 * (every owned property, October 2025) still starts with no statement of its period; the catalog
 * then already knows the child listings September's reservations showed, so it makes fewer
 * Hostify look-ups than a first job would (the same on every row).
 *
 * Per row, with the phases split at the moment the job's total is stored (the "job started" log
 * line of the process that planned it; the status API as a fallback):
 * - wall time, planning (POST → total stored; the only phase that calls Hostify) and items
 *   (total stored → completed), items/s, speed-up against the same engine's 1-worker row; the
 *   POST → the job's first Hostify call (how long the engine takes to pick the job up);
 * - CPU per item of the items phase, by component: the worker processes, the web process, the
 *   PostgreSQL server (the backends of the row's database, exactly, plus the server's shared
 *   processes), the Redis server (whole), and their total; the machine's other CPU (noise);
 *   the same for the planning phase, in seconds;
 * - what PostgreSQL's busy connections wait for during the items phase (sampled every 100 ms):
 *   the share waiting for a lock (wait_event_type = 'Lock'), with the statements that wait;
 * - Hostify calls and the least time the limits allow for them; peak RSS.
 * Each run must end `completed` with every owned property accounted for once and exactly one
 * statement per generated property, and the same outcome on every row (scaling-verify.ts).
 *
 * Then a "goals" line per engine (PASS/MISS): CPU per item of all components ≤ 2.5 ms on the
 * BullMQ engines and ≤ 1.5 ms embedded; BullMQ-Redis with one worker ≥ 0.8× the embedded
 * engine's items/s; more workers never slower than fewer (a 5 % allowance for noise); 0 % of
 * busy PostgreSQL connections waiting for a lock at 4 workers.
 *
 * Projection (projection.ts): this 2-core machine cannot show many workers, so the items rate of
 * a real deployment is computed from the 1-worker row's CPU ms per item of each component —
 * workers w, PostgreSQL p, Redis r, web process x — for N worker machines of C cores each (one
 * worker process per core) and one PostgreSQL server of K cores:
 *   items/s ≈ min(N·C·1000/w, K·1000/p, 1000/r, 1000/x)
 * (Redis is single-threaded: one core; every web process receives every item's events, so it
 * counts once.) The least term is the component that saturates first. It assumes CPU is the only
 * limit: lock waits (items serializing on a shared row) make it an upper bound.
 *
 * Settings: BENCH_SCALING_SIZE (properties, a multiple of 10, default 2000), BENCH_WORKERS
 * (default 1,2,4), BENCH_ENGINES (default embedded,embedded-postgres,bullmq-redis,bullmq-postgres),
 * BENCH_CONCURRENCY (items per worker process, JOB_CONCURRENCY, default 4), BENCH_BATCH_SIZE
 * (properties per queue job, passed as JOB_BATCH_SIZE; unset = the engine's default),
 * BENCH_LATENCY_MS (simulated Hostify latency, default 50), BENCH_REPEAT (runs per row, the one
 * with the shortest items phase is shown; default 1), BENCH_PROJECTION_CORES (C, default 4),
 * BENCH_PG_URL, BENCH_REDIS_URL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { configSchema } from '../src/config.js';
import {
  adminAuthHeader,
  PROCESS_ADMIN,
  type ServerProcess,
  startServerProcess,
} from '../test/helpers/server-process.js';
import { pollUntil } from '../test/helpers/wait.js';
import { machineCpuS, processCpuS, type StoreCpu, StoreCpuMeter } from './cpu-meter.js';
import { samplePgWaits } from './pg-waits.js';
import { LogFollower } from './process-log.js';
import { type CpuSplit, ENGINES, type Engine, isEmbedded, printReport, type Row } from './scaling-report.js';
import { type JobDto, simFacts, verify } from './scaling-verify.js';
import { type SimProcess, type SimStatsSnapshot, startSimProcess } from './sim-process.js';
import { fmt, hostifyLowerBoundS, peakRssMiB } from './stats.js';

const KEY = 'bench-key';
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const MAX_CONCURRENCY = 5;
const MAX_RPS = 10;
const LIMITS = { latencyMs: LATENCY_MS, maxConcurrency: MAX_CONCURRENCY, maxRps: MAX_RPS };
const SIZE = Number(process.env.BENCH_SCALING_SIZE ?? 2000);
const WORKERS = (process.env.BENCH_WORKERS ?? '1,2,4').split(',').map(Number);
const SELECTED = (process.env.BENCH_ENGINES ?? ENGINES.join(',')).split(',').map((e) => e.trim());
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const BATCH_SIZE = process.env.BENCH_BATCH_SIZE ? Number(process.env.BENCH_BATCH_SIZE) : undefined;
const PROJECTION_CORES = Number(process.env.BENCH_PROJECTION_CORES ?? 4);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PERIOD = { startDate: '2025-10-01', endDate: '2025-10-31' };
/** The warm-up job: about a fifth of the properties, another month (so no statement is reused). */
const WARMUP = { tag: 'beach', startDate: '2025-09-01', endDate: '2025-09-30' };
const RUN_ID = randomBytes(4).toString('hex');
const REPEAT = Number(process.env.BENCH_REPEAT ?? 1);
/** How often the processes' logs are read for the job's phase lines. */
const LOG_POLL_MS = 20;
/** How often the status API is asked too (the fallback when a log line is missing). */
const API_POLL_MS = 250;
const JOB_TIMEOUT_MS = 10 * 60_000;

if (!Number.isInteger(SIZE) || SIZE <= 0 || SIZE % 10 !== 0)
  throw new Error(`BENCH_SCALING_SIZE must be a positive multiple of 10, got ${SIZE}`);
if (!Number.isInteger(REPEAT) || REPEAT < 1) throw new Error(`BENCH_REPEAT must be a positive integer`);
if (WORKERS.some((n) => !Number.isInteger(n) || n < 1))
  throw new Error(`BENCH_WORKERS must be positive integers, got ${process.env.BENCH_WORKERS}`);
if (BATCH_SIZE !== undefined && (!Number.isInteger(BATCH_SIZE) || BATCH_SIZE < 1))
  throw new Error(`BENCH_BATCH_SIZE must be a positive integer, got ${process.env.BENCH_BATCH_SIZE}`);
if (!Number.isInteger(PROJECTION_CORES) || PROJECTION_CORES < 1)
  throw new Error(`BENCH_PROJECTION_CORES must be a positive integer`);
for (const e of SELECTED)
  if (!(ENGINES as readonly string[]).includes(e))
    throw new Error(`BENCH_ENGINES: unknown engine ${JSON.stringify(e)} (known: ${ENGINES.join(', ')})`);

/** What this checkout's configuration understands (unknown variables are ignored by it). */
const configured = new Set(Object.keys(configSchema.shape));
const HAS_JOB_ENGINE = configured.has('JOB_ENGINE');
const HAS_PREFIX = configured.has('JOB_QUEUE_PREFIX');
const HAS_CONCURRENCY = configured.has('JOB_CONCURRENCY');
const HAS_BATCH_SIZE = configured.has('JOB_BATCH_SIZE');

/** The "job engine: …" log line each process must print, so a row never measures another engine. */
const ENGINE_LOG: Record<Engine, RegExp> = {
  embedded: /"msg":"job engine: embedded/,
  'embedded-postgres': /"msg":"job engine: embedded/,
  'bullmq-redis': /"msg":"job engine: BullMQ on Redis/,
  'bullmq-postgres': /"msg":"job engine: BullMQ on PostgreSQL/,
};
/**
 * A worker process (`npm run worker`): it does not listen, so it is ready once it has logged its
 * job engine (main.ts logs "job engine: …" when the store is ready, then starts the engine).
 */
const startWorkerProcess = (env: Record<string, string>, timeoutMs: number) =>
  startServerProcess({ ...env, ROLE: 'worker' }, { timeoutMs, readyLog: /"msg":"job engine: / });

const SYNCED_LOG = /"msg":"catalog synced from Hostify"|"msg":"initial catalog sync from Hostify failed/;

const FACTS = simFacts(SIZE, PERIOD);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Stores and queues

interface Store {
  env: Record<string, string>;
  /** The PostgreSQL database's name (none for SQLite). */
  database?: string;
  drop(): Promise<void>;
}

async function pgAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function freshStore(engine: Engine, label: string): Promise<Store> {
  if (engine === 'embedded') return { env: {}, drop: async () => {} };
  // Every other engine keeps its store in a database of its own on the PostgreSQL server.
  const name = `bench_${RUN_ID}_${label}`.replace(/[^a-z0-9_]/g, '_');
  await pgAdmin((c) => c.query(`create database ${name}`));
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    database: name,
    drop: () => pgAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

/** Deletes this run's own Redis keys (its unique prefix); never anything else. */
async function deleteRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------
// Processes

/** Until the simulator has nothing in flight and no new request for 500 ms (start-up syncs done). */
async function simQuiet(sim: SimProcess): Promise<SimStatsSnapshot> {
  let last = await sim.stats();
  for (;;) {
    await sleep(500);
    const now = await sim.stats();
    if (now.inFlight === 0 && now.requests === last.requests) return now;
    last = now;
  }
}

/** Throws with its log when a process of the row has exited, rather than waiting for a timeout. */
function assertRunning(processes: ServerProcess[], label: string): void {
  for (const p of processes) {
    if (p.child.exitCode !== null || p.child.signalCode !== null)
      throw new Error(
        `${label}: a process exited (${p.child.exitCode ?? p.child.signalCode}):\n${p.output().slice(-3000)}`,
      );
  }
}

/** Until each of `syncing` has logged its start-up catalog sync; fails at once if a process exits. */
async function waitForSync(
  processes: ServerProcess[],
  syncing: ServerProcess[],
  label: string,
): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (!syncing.every((p) => SYNCED_LOG.test(p.output()))) {
    assertRunning(processes, label);
    if (Date.now() > deadline) throw new Error(`${label}: timed out waiting for the start-up catalog syncs`);
    await sleep(50);
  }
}

async function stopAll(processes: ServerProcess[]): Promise<void> {
  await Promise.all(
    processes.map(async (p) => {
      const timer = setTimeout(() => p.child.kill('SIGKILL'), 20_000);
      await p.kill('SIGTERM');
      clearTimeout(timer);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// One job

interface JobRun {
  job: JobDto;
  /** Epoch ms: the POST, the total stored, the job ended. */
  postAt: number;
  plannedAt: number;
  endedAt: number;
  /** Where plannedAt/endedAt come from: the processes' log lines (exact) or the status API (±API_POLL_MS). */
  timesFrom: 'log' | 'status API';
}

/**
 * POSTs a bulk job and follows it to its end. The phase boundaries come from the processes' own
 * log lines ("job started" with the total once the plan is stored, "job completed"), read every
 * 20 ms; the status API, asked every 250 ms, is the fallback and says when the job has ended.
 * `onPlanned`/`onEnded` run as soon as each boundary is seen (the CPU snapshots).
 */
async function runJob(options: {
  base: string;
  auth: Record<string, string>;
  body: Record<string, unknown>;
  processes: ServerProcess[];
  label: string;
  onPlanned?: () => void;
  onEnded?: () => void;
}): Promise<JobRun> {
  const { base, auth, processes, label } = options;
  const followers = processes.map((p) => new LogFollower(p.logFile));
  for (const f of followers) f.read(); // only what comes after the POST
  const postAt = Date.now();
  const res = await fetch(`${base}/api/statements/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify(options.body),
  });
  const accepted = (await res.json()) as { jobId: string };
  if (res.status !== 202)
    throw new Error(`${label}: expected 202, got ${res.status} ${JSON.stringify(accepted)}`);
  const jobId = accepted.jobId;
  let logPlanned: number | undefined;
  let logEnded: number | undefined;
  let apiPlanned: number | undefined;
  let apiEnded: number | undefined;
  let job: JobDto | undefined;
  let lastApi = 0;
  // Each callback runs once, at whichever sighting (log or API) comes first.
  let plannedSeen = false;
  let endedSeen = false;
  const planned = () => {
    if (plannedSeen) return;
    plannedSeen = true;
    options.onPlanned?.();
  };
  const ended = () => {
    planned(); // a job can end before its plan was seen (an empty or failed plan)
    if (endedSeen) return;
    endedSeen = true;
    options.onEnded?.();
  };
  for (;;) {
    for (const f of followers)
      for (const line of f.read()) {
        if (line.jobId !== jobId) continue;
        if (line.msg === 'job started' && logPlanned === undefined) {
          planned();
          logPlanned = line.time;
        } else if (/^job (completed|failed|cancelled)$/.test(line.msg) && logEnded === undefined) {
          ended();
          logEnded = line.time;
        }
      }
    if (logEnded !== undefined || Date.now() - lastApi >= API_POLL_MS) {
      lastApi = Date.now();
      const r = await fetch(`${base}/api/statements/jobs/${jobId}`, { headers: auth });
      job = (await r.json()) as JobDto;
      if (job.total !== null && apiPlanned === undefined) {
        planned();
        apiPlanned = Date.now();
      }
      if (job.status !== 'queued' && job.status !== 'processing') {
        ended();
        apiEnded ??= Date.now();
        break;
      }
    }
    assertRunning(processes, label);
    if (Date.now() - postAt > JOB_TIMEOUT_MS) throw new Error(`${label}: the job did not end in time`);
    await sleep(LOG_POLL_MS);
  }
  if (!job) throw new Error(`${label}: no job status was read`);
  const fromLog = logPlanned !== undefined && logEnded !== undefined;
  return {
    job,
    postAt,
    plannedAt: (fromLog ? logPlanned : apiPlanned) ?? apiEnded ?? Date.now(),
    endedAt: (fromLog ? logEnded : apiEnded) ?? Date.now(),
    timesFrom: fromLog ? 'log' : 'status API',
  };
}

// ---------------------------------------------------------------------------------------------
// One row

interface CpuSnapshot {
  processes: number[];
  store: StoreCpu;
  machine: { busy: number; total: number };
}

function split(a: CpuSnapshot, b: CpuSnapshot, webIndex: number | null): CpuSplit {
  const delta = b.processes.map((x, i) => x - (a.processes[i] ?? 0));
  const web = webIndex === null ? 0 : (delta[webIndex] ?? 0);
  const workers = delta.reduce((s, x) => s + x, 0) - web;
  const pgBackground = b.store.pgBackground - a.store.pgBackground;
  const pg = b.store.pgBackends - a.store.pgBackends + pgBackground;
  const redis = b.store.redis - a.store.redis;
  const total = workers + web + pg + redis;
  const busy = b.machine.busy - a.machine.busy;
  return {
    workers,
    web,
    pg,
    pgBackground,
    redis,
    total,
    other: Math.max(0, busy - total),
    machineBusy: busy / Math.max(1e-9, b.machine.total - a.machine.total),
  };
}

async function runRow(sim: SimProcess, engine: Engine, workers: number): Promise<Row> {
  const label = `${engine}-${workers}w`;
  const dataDir = mkdtempSync(join(tmpdir(), 'owner-statements-scaling-'));
  const store = await freshStore(engine, label);
  // JOB_QUEUE_PREFIX allows [a-z][a-z0-9_-]{0,40} (a Redis key prefix or a PostgreSQL schema).
  const prefix = `bench_${RUN_ID}_${engine.replace('bullmq-', '').slice(0, 5)}_${workers}`;
  const processes: ServerProcess[] = [];
  let ok = false;
  try {
    const common: Record<string, string> = {
      HOSTIFY_API_URL: sim.url,
      HOSTIFY_API_KEY: KEY,
      HOSTIFY_MAX_CONCURRENCY: String(MAX_CONCURRENCY),
      HOSTIFY_MAX_RPS: String(MAX_RPS),
      DATA_DIR: dataDir,
      JOB_CONCURRENCY: String(CONCURRENCY),
      ...(BATCH_SIZE === undefined ? {} : { JOB_BATCH_SIZE: String(BATCH_SIZE) }),
      ...PROCESS_ADMIN,
      ...store.env,
    };
    // Unknown variables are ignored by older configurations, so they are passed when understood only.
    const distributed: Record<string, string> =
      engine === 'bullmq-redis'
        ? { REDIS_URL, ...(HAS_JOB_ENGINE ? { JOB_ENGINE: 'bullmq-redis' } : {}) }
        : { JOB_ENGINE: 'bullmq-postgres' };
    if (HAS_PREFIX) distributed.JOB_QUEUE_PREFIX = prefix;

    let web: ServerProcess;
    const workerProcesses: ServerProcess[] = [];
    if (isEmbedded(engine)) {
      web = await startServerProcess({ ...common, ROLE: 'all' }, 120_000);
      processes.push(web);
    } else {
      // One after the other at first: the web process migrates the new database and creates the
      // admin, the first worker sets up what its engine needs; then the other workers together.
      web = await startServerProcess({ ...common, ...distributed, ROLE: 'web' }, 120_000);
      processes.push(web);
      const first = await startWorkerProcess({ ...common, ...distributed }, 120_000);
      processes.push(first);
      workerProcesses.push(first);
      await waitForSync(processes, [first], label);
      const rest = await Promise.all(
        Array.from({ length: workers - 1 }, () => startWorkerProcess({ ...common, ...distributed }, 120_000)),
      );
      processes.push(...rest);
      workerProcesses.push(...rest);
    }
    for (const p of processes) {
      if (!ENGINE_LOG[engine].test(p.output()))
        throw new Error(
          `${label}: a process did not start the ${engine} engine:\n${p.output().slice(0, 3000)}`,
        );
    }
    const syncing = isEmbedded(engine) ? [web] : workerProcesses;
    await waitForSync(processes, syncing, label);
    const startupSyncFailures = syncing.filter((p) =>
      /initial catalog sync from Hostify failed/.test(p.output()),
    ).length;

    const base = web.url;
    const auth = await adminAuthHeader(base);
    await pollUntil(
      async () => {
        const res = await fetch(`${base}/api/properties`, { headers: auth });
        const body = (await res.json()) as { properties: Array<{ id: string }> };
        const ids = new Set(body.properties.map((p) => p.id));
        return [...FACTS.owned].every((id) => ids.has(id)) || undefined;
      },
      'the catalog in the store',
      120_000,
      200,
    );
    await simQuiet(sim);

    // Warm-up: the same processes run a smaller job first (another month, so nothing is reused).
    const warmStarted = performance.now();
    const warm = await runJob({
      base,
      auth,
      body: { ownerId: 'all', ...WARMUP, calculationType: 'checkout' },
      processes,
      label: `${label} warm-up`,
    });
    if (warm.job.status !== 'completed' || !warm.job.total)
      throw new Error(`${label}: the warm-up job ended ${warm.job.status} with ${warm.job.total} items`);
    const warmup = { items: warm.job.total, s: (performance.now() - warmStarted) / 1000 };
    await simQuiet(sim);
    // The syncs used this second's request budget: let the one-second window empty.
    await sleep(1100);

    const before = await sim.stats();
    const webIndex = isEmbedded(engine) ? null : 0;
    const meter = new StoreCpuMeter({ database: store.database, redis: engine === 'bullmq-redis' });
    meter.start();
    const snapshot = (): CpuSnapshot => ({
      processes: processes.map((p) => processCpuS(p.child.pid ?? 0)),
      store: meter.now(),
      machine: machineCpuS(),
    });
    const sampler = samplePgWaits(PG_URL, store.database);
    const snapshots: CpuSnapshot[] = [snapshot()];
    const run = await runJob({
      base,
      auth,
      body: { ownerId: 'all', ...PERIOD, calculationType: 'checkout' },
      processes,
      label,
      onPlanned: () => {
        snapshots.push(snapshot());
        sampler.setPhase('items');
      },
      onEnded: () => {
        snapshots.push(snapshot());
      },
    });
    meter.stop();
    const pg = await sampler.stop();
    const after = await sim.stats();
    // How long the engine took to pick the job up: the POST → its first Hostify call.
    const firstCall = (await sim.log()).find((e) => e.at >= run.postAt)?.at;
    const rss = processes.map((p) => peakRssMiB(p.child.pid ?? 0));
    const [a, b, c] = snapshots as [CpuSnapshot, CpuSnapshot, CpuSnapshot];

    const checksum = await verify(base, auth, run.job, label, FACTS, PERIOD);
    const calls = after.requests - before.requests;
    const s = run.job.result?.summary;
    ok = true;
    return {
      engine,
      workers: isEmbedded(engine) ? 1 : workers,
      wallS: (run.endedAt - run.postAt) / 1000,
      planS: (run.plannedAt - run.postAt) / 1000,
      itemsS: (run.endedAt - run.plannedAt) / 1000,
      timesFrom: run.timesFrom,
      toFirstCallMs: firstCall === undefined ? Number.NaN : firstCall - run.postAt,
      calls,
      rateLimited: after.rateLimited - before.rateLimited,
      lowerBoundS: hostifyLowerBoundS(calls, LIMITS),
      cpuPlan: split(a, b, webIndex),
      cpuItems: split(b, c, webIndex),
      pgPlan: pg.plan,
      pgItems: pg.items,
      rssWeb: rss[0] ?? Number.NaN,
      rssWorkerMax: isEmbedded(engine) ? Number.NaN : Math.max(...rss.slice(1)),
      rssTotal: rss.reduce((x, y) => x + y, 0),
      result: `${run.job.status}: ${s?.generated}/${s?.skipped}/${s?.errors}`,
      checksum,
      startupSyncFailures,
      warmup,
      itemsPerSRuns: [],
    };
  } finally {
    await stopAll(processes);
    if (!ok) for (const p of processes) console.error(`  log of a ${label} process: ${p.logFile}`);
    else for (const p of processes) rmSync(dirname(p.logFile), { recursive: true, force: true });
    await store.drop();
    if (engine === 'bullmq-redis' && HAS_PREFIX) await deleteRedisPrefix(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The run

const plan: Array<{ engine: Engine; workers: number }> = [];
for (const engine of ENGINES) {
  if (!SELECTED.includes(engine)) continue;
  if (engine === 'bullmq-postgres' && !HAS_JOB_ENGINE) {
    console.log(
      'bench:scaling: skipping bullmq-postgres — this checkout has no JOB_ENGINE setting yet (src/config.ts)',
    );
    continue;
  }
  for (const workers of isEmbedded(engine) ? [1] : WORKERS) plan.push({ engine, workers });
}
if (!HAS_PREFIX)
  console.log(
    'bench:scaling: no JOB_QUEUE_PREFIX setting yet — BullMQ rows use the fixed prefix "owner-statements"; rows run one after the other',
  );
if (!HAS_CONCURRENCY)
  console.log('bench:scaling: no JOB_CONCURRENCY setting yet — every process runs 4 items at once');

const sim = await startSimProcess({
  SIM_API_KEY: KEY,
  SIM_OWNERS: String(SIZE / 10),
  SIM_PROPERTIES_PER_OWNER: '10',
  SIM_RESERVATIONS_PER_PROPERTY: '12',
  SIM_LATENCY_MS: String(LATENCY_MS),
  SIM_RATE_LIMIT_RPS: String(MAX_RPS * 2),
});
const rows: Row[] = [];
const runStarted = performance.now();
try {
  for (const { engine, workers } of plan) {
    // With BENCH_REPEAT > 1 the least disturbed run (the shortest items phase) stands for the row.
    const runs: Row[] = [];
    for (let i = 0; i < REPEAT; i++) {
      process.stdout.write(`bench:scaling: ${engine}, ${workers} worker(s), ${SIZE} properties… `);
      const run = await runRow(sim, engine, workers);
      runs.push(run);
      process.stdout.write(
        `warm-up ${run.warmup.items} items ${fmt(run.warmup.s, 1)} s; measured ${fmt(run.wallS, 2)} s (items ${fmt(SIZE / run.itemsS, 0)}/s)\n`,
      );
    }
    const best = runs.reduce((x, y) => (y.itemsS < x.itemsS ? y : x));
    rows.push({ ...best, itemsPerSRuns: runs.map((r) => SIZE / r.itemsS) });
  }
} finally {
  await sim.stop();
}

printReport(rows, {
  size: SIZE,
  latencyMs: LATENCY_MS,
  maxConcurrency: MAX_CONCURRENCY,
  maxRps: MAX_RPS,
  concurrency: HAS_CONCURRENCY ? CONCURRENCY : 4,
  batchSize:
    BATCH_SIZE === undefined
      ? `unset (the engine's default)${HAS_BATCH_SIZE ? '' : '; this checkout has no JOB_BATCH_SIZE setting yet'}`
      : `${BATCH_SIZE}${HAS_BATCH_SIZE ? '' : ' (passed as JOB_BATCH_SIZE; this checkout has no such setting yet, so it is ignored)'}`,
  repeat: REPEAT,
  cores: readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? 1,
  projectionCores: PROJECTION_CORES,
  warmup: `rows are warmed: before the measured job (every owned property, ${PERIOD.startDate}…${PERIOD.endDate}), each row's processes ran a warm-up job (the properties tagged "${WARMUP.tag}", ${WARMUP.startDate}…${WARMUP.endDate}); the measured job starts with no statement of its period`,
  elapsedS: (performance.now() - runStarted) / 1000,
});
