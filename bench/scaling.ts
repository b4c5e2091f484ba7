/**
 * `npm run bench:scaling` (also the last part of `npm run bench`): the bulk job with 1, 2 and 4
 * worker processes on BullMQ-Redis and on BullMQ-PostgreSQL, and the embedded engine in the same
 * run (issue #6 item 6).
 *
 * Every row starts from nothing: a new PostgreSQL database (created here, dropped after) or, for
 * the embedded engine, a new SQLite data directory; a queue prefix of its own; the real processes
 * as users run them — one `ROLE=web` process plus N `ROLE=worker` processes (`npm run worker`),
 * or one `ROLE=all` process for the embedded engine (one row, N = 1). The Hostify simulator runs
 * in its own process with per-call latency and a rate limit, and counts every process's calls.
 *
 * Per row: wall time from the POST (202) to `completed` (polled), split into planning (until the
 * job's total is stored) and items; items/s; speed-up against the same engine's 1-worker row;
 * Hostify calls of the job and the least time the Hostify limits allow for them; CPU during the
 * job (this row's processes, the PostgreSQL and Redis servers, and everything else on the
 * machine — noise); what the database's busy connections wait for (sampled); peak RSS of the
 * processes. Each run must end `completed` with every owned property accounted for once and
 * exactly one statement per generated property, and the same outcome (checksum of every
 * statement's net payout and of the skipped and errored properties) on every row; anything else
 * stops the benchmark with an error.
 *
 * Where scaling stops. In this design only planning calls Hostify: a few paged calls for the
 * catalog and all the period's reservations, made by one process under its own limits. Items run
 * from the stored plan without Hostify, so the items phase can only be limited by the processes'
 * CPU, the store's writes (PostgreSQL / SQLite) and the queue's round trips — not by Hostify.
 * The Hostify limit bounds the planning phase only, so `wall ≥ plan` whatever the number of
 * workers. The output prints what the figures show: speed-up, planning share, CPU per item and
 * how busy the machine was, and what PostgreSQL's connections wait for. Measured on the 2-core
 * development machine (2,000 properties): items stop scaling at one worker on both BullMQ
 * backends — 2 workers are as fast as one, 4 are slower — with the CPU only about half busy;
 * the connections wait for the row lock of the job's counters (`update jobs set progress =
 * progress + 1 …`, one per item, in the item's transaction): 8 % of them with one worker, about
 * 70 % with four. The queue also costs CPU: about 6–8 ms per item against 1.5 ms for the
 * embedded engine on SQLite and 4 ms on PostgreSQL.
 *
 * Sizing: BENCH_SCALING_SIZE (properties, a multiple of 10, default 2000), BENCH_WORKERS
 * (default 1,2,4), BENCH_ENGINES (default embedded,embedded-postgres,bullmq-redis,bullmq-postgres),
 * BENCH_CONCURRENCY (items per worker process, JOB_CONCURRENCY, default 4), BENCH_LATENCY_MS
 * (simulated Hostify latency, default 50), BENCH_REPEAT (runs per row, the least disturbed one
 * is shown; default 1), BENCH_PG_URL, BENCH_REDIS_URL.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { configSchema } from '../src/config.js';
import { generateSimData } from '../src/hostify-sim/index.js';
import {
  adminAuthHeader,
  PROCESS_ADMIN,
  type ServerProcess,
  startServerProcess,
} from '../test/helpers/server-process.js';
import { pollUntil } from '../test/helpers/wait.js';
import { type SimProcess, type SimStatsSnapshot, startSimProcess } from './sim-process.js';
import { fmt, hostifyLowerBoundS, peakRssMiB, table } from './stats.js';

/**
 * `embedded-postgres` is a control row, not a deployment the issue asks about: the embedded
 * engine (one process) on a PostgreSQL store, so the store's cost and the queue's can be told apart.
 */
const ENGINES = ['embedded', 'embedded-postgres', 'bullmq-redis', 'bullmq-postgres'] as const;
type Engine = (typeof ENGINES)[number];
const isEmbedded = (engine: Engine) => engine === 'embedded' || engine === 'embedded-postgres';

const KEY = 'bench-key';
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const MAX_CONCURRENCY = 5;
const MAX_RPS = 10;
const LIMITS = { latencyMs: LATENCY_MS, maxConcurrency: MAX_CONCURRENCY, maxRps: MAX_RPS };
const SIZE = Number(process.env.BENCH_SCALING_SIZE ?? 2000);
const WORKERS = (process.env.BENCH_WORKERS ?? '1,2,4').split(',').map(Number);
const SELECTED = (process.env.BENCH_ENGINES ?? ENGINES.join(',')).split(',').map((e) => e.trim());
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PERIOD = { startDate: '2025-10-01', endDate: '2025-10-31' };
const RUN_ID = randomBytes(4).toString('hex');
const REPEAT = Number(process.env.BENCH_REPEAT ?? 1);
const POLL_MS = 50;
const JOB_TIMEOUT_MS = 10 * 60_000;

if (!Number.isInteger(SIZE) || SIZE <= 0 || SIZE % 10 !== 0)
  throw new Error(`BENCH_SCALING_SIZE must be a positive multiple of 10, got ${SIZE}`);
if (!Number.isInteger(REPEAT) || REPEAT < 1) throw new Error(`BENCH_REPEAT must be a positive integer`);
if (WORKERS.some((n) => !Number.isInteger(n) || n < 1))
  throw new Error(`BENCH_WORKERS must be positive integers, got ${process.env.BENCH_WORKERS}`);
for (const e of SELECTED)
  if (!(ENGINES as readonly string[]).includes(e))
    throw new Error(`BENCH_ENGINES: unknown engine ${JSON.stringify(e)} (known: ${ENGINES.join(', ')})`);

/** What this checkout's configuration understands (JOB_ENGINE & co. arrive with the PostgreSQL backend). */
const configured = new Set(Object.keys(configSchema.shape));
const HAS_JOB_ENGINE = configured.has('JOB_ENGINE');
const HAS_PREFIX = configured.has('JOB_QUEUE_PREFIX');
const HAS_CONCURRENCY = configured.has('JOB_CONCURRENCY');

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

interface Row {
  engine: Engine;
  workers: number;
  wallS: number;
  planS: number;
  itemsS: number;
  calls: number;
  rateLimited: number;
  lowerBoundS: number;
  cpuBusy: number;
  appCpuS: number;
  /** PostgreSQL and Redis server processes (all of the machine's). */
  storeCpuS: number;
  /** Everything else on the machine (other users' tests: noise). */
  otherCpuS: number;
  rssWeb: number;
  rssWorkerMax: number;
  rssTotal: number;
  result: string;
  checksum: string;
  startupSyncFailures: number;
  pgSample: PgSample;
  /** items/s of every run of this row (BENCH_REPEAT). */
  itemsPerSRuns: number[];
}

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
// Measuring helpers

/** Busy and total jiffies of the whole machine (/proc/stat). */
function machineCpu(): { busy: number; total: number } {
  const fields = (/^cpu\s+(.*)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1] ?? '')
    .split(/\s+/)
    .map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

/** CPU seconds (user + system) a process has used so far. */
function processCpuS(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(after[11]) + Number(after[12])) / 100; // utime, stime (USER_HZ = 100)
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU seconds used so far by each PostgreSQL and Redis server process on the machine (those of
 * other users of the machine too), by pid.
 */
function storeServersCpu(): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'postgres' || comm === 'redis-server') cpu.set(Number(entry), processCpuS(Number(entry)));
    } catch {
      // gone meanwhile
    }
  }
  return cpu;
}

/** CPU seconds the store servers used between two snapshots (processes new since count whole). */
function storeServersCpuS(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, s] of after) if (Number.isFinite(s)) sum += s - (before.get(pid) ?? 0);
  return sum;
}

/**
 * Samples what the database's busy connections do, every 100 ms while the job runs: running, or
 * waiting — for a lock (rows other transactions hold, e.g. the job's counters), for the client
 * (a transaction open while the process does other work), or for I/O.
 */
function samplePostgres(database: string | undefined): { stop(): Promise<PgSample> } {
  const sample: PgSample = { samples: 0, busy: 0, lock: 0, client: 0, io: 0, lockedStatements: new Map() };
  if (!database) return { stop: async () => sample };
  const client = new pg.Client({ connectionString: PG_URL });
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      // A diagnostic only: a failed sample is left out, it never fails the benchmark.
      await sampleOnce().catch(() => undefined);
      await sleep(100);
    }
    await client.end();
  })().catch(() => undefined);
  async function sampleOnce(): Promise<void> {
    const { rows } = await client.query<{ wait: string | null; n: string }>(
      `select wait_event_type as wait, count(*) as n from pg_stat_activity
        where datname = $1 and state not in ('idle') and pid <> pg_backend_pid() group by 1`,
      [database],
    );
    sample.samples++;
    for (const { wait, n } of rows) {
      const count = Number(n);
      sample.busy += count;
      if (wait === 'Lock') sample.lock += count;
      else if (wait === 'Client') sample.client += count;
      else if (wait === 'IO') sample.io += count;
    }
    const locked = await client.query<{ statement: string; n: string }>(
      `select left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as statement, count(*) as n
         from pg_stat_activity where datname = $1 and wait_event_type = 'Lock' group by 1`,
      [database],
    );
    for (const { statement, n } of locked.rows)
      sample.lockedStatements.set(statement, (sample.lockedStatements.get(statement) ?? 0) + Number(n));
  }
  return {
    stop: async () => {
      running = false;
      await loop;
      return sample;
    },
  };
}

interface PgSample {
  samples: number;
  /** Sums over the samples of connections in a transaction or query, and of those waiting. */
  busy: number;
  lock: number;
  client: number;
  io: number;
  /** The statements found waiting for a lock, with how often. */
  lockedStatements: Map<string, number>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

interface JobDto {
  id: string;
  status: string;
  progress: number;
  total: number | null;
  error: string | null;
  result: {
    summary: { generated: number; skipped: number; errors: number };
    results: {
      generated: Array<{ propertyId: string; statementId: string | null }>;
      skipped: Array<{ propertyId: string; reason: string }>;
      errors: Array<{ propertyId: string; code: string | null }>;
    };
  } | null;
}

interface StatementSummary {
  id: string;
  propertyId: string;
  periodStart: string;
  periodEnd: string;
  calculationType: string;
  lineCount: number;
  totals: { netPayout: number };
}

/**
 * What the simulator's data guarantees (the same seeded generator the simulator process runs):
 * the owned properties; one of them has a reservation in another currency (the only error), one
 * has no activity at all (skipped). Others may have no stay in the period by chance and are
 * skipped too, so the complete split is compared across rows (the checksum) instead.
 */
function simFacts(): { owned: Set<string>; noActivity: Set<string>; mixedCurrency: string } {
  const { facts } = generateSimData({
    seed: 1,
    owners: SIZE / 10,
    propertiesPerOwner: 10,
    reservationsPerProperty: 12,
  });
  if (facts.focusStart !== PERIOD.startDate)
    throw new Error(`the simulator's focus month is ${facts.focusMonth}`);
  return {
    owned: new Set(facts.ownedPropertyIds),
    noActivity: new Set(facts.noActivityPropertyIds),
    mixedCurrency: facts.mixedCurrencyPropertyId,
  };
}
const FACTS = simFacts();

/**
 * Fails loudly unless the job completed with every owned property accounted for exactly once
 * (generated, skipped for no activity, or the mixed-currency error), and the store holds exactly
 * one statement for each generated property — the one the job reports — and no other statement
 * of the period. Returns a checksum of the outcome: which properties were generated, skipped and
 * errored, and every statement's net payout and line count (the same on every row, or wrong).
 */
async function verify(
  base: string,
  auth: Record<string, string>,
  job: JobDto,
  label: string,
): Promise<string> {
  const { owned, noActivity, mixedCurrency } = FACTS;
  const problems: string[] = [];
  if (job.status !== 'completed') problems.push(`status ${job.status} (${job.error ?? 'no error'})`);
  if (job.total !== owned.size) problems.push(`total ${job.total}, expected ${owned.size}`);
  if (job.progress !== owned.size) problems.push(`progress ${job.progress}, expected ${owned.size}`);
  const r = job.result;
  if (!r) throw new Error(`WRONG RESULT (${label}): no result\n  ${problems.join('\n  ')}`);
  const generated = r.results.generated.map((g) => g.propertyId);
  const skipped = r.results.skipped.map((g) => g.propertyId);
  const errored = r.results.errors.map((g) => g.propertyId);
  const s = r.summary;
  if (s.generated !== generated.length || s.skipped !== skipped.length || s.errors !== errored.length)
    problems.push(`summary ${JSON.stringify(s)} does not match its lists`);
  const all = [...generated, ...skipped, ...errored];
  if (all.length !== owned.size || new Set(all).size !== owned.size || !all.every((id) => owned.has(id)))
    problems.push('the results do not account for every owned property exactly once');
  if (errored.length !== 1 || errored[0] !== mixedCurrency || r.results.errors[0]?.code !== 'mixed_currency')
    problems.push(
      `errors ${JSON.stringify(r.results.errors)}, expected only ${mixedCurrency} (mixed_currency)`,
    );
  if (![...noActivity].every((id) => skipped.includes(id)))
    problems.push('a property without activity was not skipped');
  if (!r.results.skipped.every((x) => x.reason === 'no_activity'))
    problems.push('a property was skipped for another reason than no_activity');
  const reportedStatement = new Map(r.results.generated.map((g) => [g.propertyId, g.statementId]));

  const seen = new Map<string, number>();
  const lines: string[] = [];
  let wrongId = 0;
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ periodStart: PERIOD.startDate, limit: '500' });
    if (cursor) query.set('cursor', cursor);
    const res = await fetch(`${base}/api/statements?${query}`, { headers: auth });
    if (res.status !== 200)
      throw new Error(`${label}: GET /api/statements → ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { statements: StatementSummary[]; nextCursor: string | null };
    for (const st of page.statements) {
      seen.set(st.propertyId, (seen.get(st.propertyId) ?? 0) + 1);
      if (st.periodEnd !== PERIOD.endDate || st.calculationType !== 'checkout')
        problems.push(
          `statement of ${st.propertyId} for ${st.periodStart}…${st.periodEnd} ${st.calculationType}`,
        );
      if (reportedStatement.get(st.propertyId) !== st.id) wrongId++;
      lines.push(`statement ${st.propertyId}:${st.totals.netPayout}:${st.lineCount}`);
    }
    cursor = page.nextCursor;
  } while (cursor);
  const duplicated = [...seen].filter(([, n]) => n > 1).length;
  const missing = generated.filter((id) => !seen.has(id)).length;
  const extra = [...seen.keys()].filter((id) => !reportedStatement.has(id)).length;
  if (duplicated > 0) problems.push(`${duplicated} properties with more than one statement`);
  if (missing > 0) problems.push(`${missing} generated properties without a statement`);
  if (extra > 0) problems.push(`${extra} statements of properties the job did not generate`);
  if (wrongId > 0) problems.push(`${wrongId} statements that are not the one the job reports`);
  if (problems.length > 0) throw new Error(`WRONG RESULT (${label}):\n  ${problems.join('\n  ')}`);
  for (const id of skipped) lines.push(`skipped ${id}`);
  for (const id of errored) lines.push(`error ${id}`);
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex').slice(0, 12);
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
// One row

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
    // The start-up syncs used this second's request budget: let the one-second window empty.
    await sleep(1100);

    const before = await sim.stats();
    const cpuBefore = machineCpu();
    const pids = processes.map((p) => p.child.pid ?? 0);
    const appCpuBefore = pids.map(processCpuS);
    const storeCpuBefore = storeServersCpu();
    const sampler = samplePostgres(store.database);
    const started = performance.now();
    const res = await fetch(`${base}/api/statements/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ ownerId: 'all', ...PERIOD, calculationType: 'checkout' }),
    });
    const accepted = (await res.json()) as { jobId: string };
    if (res.status !== 202)
      throw new Error(`${label}: expected 202, got ${res.status} ${JSON.stringify(accepted)}`);

    let plannedAt: number | undefined;
    let job: JobDto;
    for (;;) {
      const r = await fetch(`${base}/api/statements/jobs/${accepted.jobId}`, { headers: auth });
      job = (await r.json()) as JobDto;
      if (plannedAt === undefined && job.total !== null) plannedAt = performance.now();
      assertRunning(processes, label);
      if (job.status !== 'queued' && job.status !== 'processing') break;
      if (performance.now() - started > JOB_TIMEOUT_MS)
        throw new Error(`${label}: the job did not end in time`);
      await sleep(POLL_MS);
    }
    const ended = performance.now();
    const cpuAfter = machineCpu();
    const storeCpuS = storeServersCpuS(storeCpuBefore, storeServersCpu());
    const appCpuS = pids.map(processCpuS).reduce((sum, after, i) => sum + after - (appCpuBefore[i] ?? 0), 0);
    const pgSample = await sampler.stop();
    const after = await sim.stats();
    const rss = processes.map((p) => peakRssMiB(p.child.pid ?? 0));

    const checksum = await verify(base, auth, job, label);
    const calls = after.requests - before.requests;
    const planAt = plannedAt ?? ended;
    const s = job.result?.summary;
    ok = true;
    return {
      engine,
      workers: isEmbedded(engine) ? 1 : workers,
      wallS: (ended - started) / 1000,
      planS: (planAt - started) / 1000,
      itemsS: (ended - planAt) / 1000,
      calls,
      rateLimited: after.rateLimited - before.rateLimited,
      lowerBoundS: hostifyLowerBoundS(calls, LIMITS),
      cpuBusy: (cpuAfter.busy - cpuBefore.busy) / Math.max(1, cpuAfter.total - cpuBefore.total),
      appCpuS,
      storeCpuS,
      otherCpuS: Math.max(0, (cpuAfter.busy - cpuBefore.busy) / 100 - appCpuS - storeCpuS),
      rssWeb: rss[0] ?? Number.NaN,
      rssWorkerMax: isEmbedded(engine) ? Number.NaN : Math.max(...rss.slice(1)),
      rssTotal: rss.reduce((a, b) => a + b, 0),
      result: `${job.status}: ${s?.generated}/${s?.skipped}/${s?.errors}`,
      checksum,
      startupSyncFailures,
      pgSample,
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
      process.stdout.write(`${fmt(run.wallS, 2)} s (items ${fmt(SIZE / run.itemsS, 0)}/s)\n`);
    }
    const best = runs.reduce((a, b) => (b.itemsS < a.itemsS ? b : a));
    rows.push({ ...best, itemsPerSRuns: runs.map((r) => SIZE / r.itemsS) });
  }
} finally {
  await sim.stop();
}

const checksums = new Set(rows.map((r) => r.checksum));
if (checksums.size > 1)
  throw new Error(
    `WRONG RESULT: the engines generated different statements:\n${rows.map((r) => `  ${r.engine} ×${r.workers}: ${r.checksum}`).join('\n')}`,
  );

const cores = readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? 1;
/** CPU of this row's processes and of the store servers per property (the job's whole run). */
const ownCpuMsPerItem = (r: Row) => ((r.appCpuS + r.storeCpuS) * 1000) / SIZE;
const oneWorker = (engine: Engine) => rows.find((r) => r.engine === engine && r.workers === 1);
console.log(
  `\nWorker scaling — ${SIZE} properties, Hostify latency ${LATENCY_MS} ms/call, limits ${MAX_CONCURRENCY} concurrent / ${MAX_RPS} rps per process, ${HAS_CONCURRENCY ? CONCURRENCY : 4} items at once per worker process (4 in the embedded engine), ${cores} CPU cores\n`,
);
console.log(
  table(
    [
      'engine',
      'workers',
      'wall s',
      'plan s',
      'items s',
      'items/s',
      ...(REPEAT > 1 ? [`items/s of the ${REPEAT} runs`] : []),
      'speed-up (items)',
      'speed-up (wall)',
      'Hostify calls',
      'Hostify lower bound s',
      'CPU busy',
      'app CPU s',
      'PG+Redis CPU s',
      'other CPU s',
      'own CPU ms/item',
      'PG busy conns (lock / client wait)',
      'peak RSS web MiB',
      'peak RSS worker MiB (max)',
      'peak RSS total MiB',
      'result gen/skip/err',
    ],
    rows.map((r) => {
      const base = oneWorker(r.engine);
      return [
        r.engine,
        r.workers,
        fmt(r.wallS, 2),
        fmt(r.planS, 2),
        fmt(r.itemsS, 2),
        fmt(SIZE / r.itemsS, 0),
        ...(REPEAT > 1 ? [r.itemsPerSRuns.map((x) => fmt(x, 0)).join(' / ')] : []),
        base ? `${fmt(base.itemsS / r.itemsS, 2)}×` : '—',
        base ? `${fmt(base.wallS / r.wallS, 2)}×` : '—',
        r.rateLimited > 0 ? `${r.calls} (${r.rateLimited} × 429)` : r.calls,
        fmt(r.lowerBoundS, 2),
        `${fmt(r.cpuBusy * 100, 0)} %`,
        fmt(r.appCpuS, 1),
        fmt(r.storeCpuS, 1),
        fmt(r.otherCpuS, 1),
        fmt(ownCpuMsPerItem(r), 1),
        r.pgSample.samples === 0
          ? '—'
          : `${fmt(r.pgSample.busy / r.pgSample.samples, 1)} (${fmt(r.pgSample.lock / r.pgSample.samples, 1)} / ${fmt(r.pgSample.client / r.pgSample.samples, 1)})`,
        fmt(r.rssWeb, 0),
        fmt(r.rssWorkerMax, 0),
        fmt(r.rssTotal, 0),
        r.result,
      ];
    }),
  ),
);

// What the figures show, from the figures.
console.log('\nWhere scaling stops:');
const callCounts = new Set(rows.map((r) => r.calls));
console.log(
  `- Hostify: ${callCounts.size === 1 ? `${[...callCounts][0]} calls for every row, whatever the workers` : `${[...callCounts].join(' / ')} calls`} — only planning calls it. Planning took ${rows.map((r) => fmt(r.planS, 1)).join(' / ')} s against a Hostify lower bound of ${fmt(rows[0]?.lowerBoundS ?? Number.NaN, 2)} s: the Hostify limit is the floor of every run (wall ≥ plan), reached by one process; workers cannot lower it.`,
);
for (const engine of ENGINES) {
  const engineRows = rows.filter((r) => r.engine === engine);
  const base = oneWorker(engine);
  if (!base || engineRows.length === 0) continue;
  const perRow = engineRows
    .map(
      (r) =>
        `${r.workers}w ${fmt(SIZE / r.itemsS, 0)} items/s (${fmt(base.itemsS / r.itemsS, 2)}×), own CPU ${fmt(ownCpuMsPerItem(r), 1)} ms/item, machine ${fmt(r.cpuBusy * 100, 0)} % busy`,
    )
    .join('; ');
  let verdict = `At most ${fmt(base.wallS / base.planS, 1)}× for the whole run even with unlimited workers (planning is ${fmt((base.planS / base.wallS) * 100, 0)} % of the 1-worker run)`;
  if (engineRows.length > 1) {
    const best = engineRows.reduce((a, b) => (b.itemsS < a.itemsS ? b : a));
    const most = engineRows.reduce((a, b) => (b.workers > a.workers ? b : a));
    const lockShare = most.pgSample.lock / Math.max(1, most.pgSample.busy);
    const gain = base.itemsS / best.itemsS;
    verdict +=
      gain < 1.1
        ? `; no worker count runs the items more than 10 % faster than one worker`
        : `; items run fastest with ${best.workers} workers (${fmt(gain, 2)}×)`;
    const reasons: string[] = [];
    if (lockShare >= 0.4)
      reasons.push(
        `${fmt(lockShare * 100, 0)} % of PostgreSQL's busy connections wait for a row lock with ${most.workers} workers (${fmt((base.pgSample.lock / Math.max(1, base.pgSample.busy)) * 100, 0)} % with one): the items serialize on a shared row (below)`,
      );
    if (most.cpuBusy > 0.85)
      reasons.push(
        `the machine's ${cores} cores are saturated (${engine === 'bullmq-redis' ? 'the processes, PostgreSQL and Redis' : 'the processes and PostgreSQL'} share them)`,
      );
    else reasons.push(`the CPU is not the limit (the machine ${fmt(most.cpuBusy * 100, 0)} % busy)`);
    if (ownCpuMsPerItem(most) > ownCpuMsPerItem(base) * 1.15)
      reasons.push(
        `the CPU per item grows from ${fmt(ownCpuMsPerItem(base), 1)} to ${fmt(ownCpuMsPerItem(most), 1)} ms with more workers`,
      );
    verdict += `: ${reasons.join('; ')}`;
  }
  console.log(`- ${engine}: ${perRow}. ${verdict}.`);
}
const lockWaits = rows.filter((r) => r.pgSample.lock > 0);
if (lockWaits.length > 0) {
  const worst = lockWaits.reduce((a, b) =>
    b.pgSample.lock / b.pgSample.busy > a.pgSample.lock / a.pgSample.busy ? b : a,
  );
  const top = [...worst.pgSample.lockedStatements].sort((a, b) => b[1] - a[1])[0];
  console.log(
    `- PostgreSQL lock waits: ${rows
      .filter((r) => r.pgSample.samples > 0)
      .map(
        (r) =>
          `${r.engine} ${r.workers}w ${fmt((r.pgSample.lock / Math.max(1, r.pgSample.busy)) * 100, 0)} %`,
      )
      .join(
        ', ',
      )} of the busy connections${top ? `; most often waiting (${worst.engine} ${worst.workers}w): "${top[0]}"` : ''}.`,
  );
}
const reference = oneWorker('bullmq-redis') ?? oneWorker('bullmq-postgres') ?? rows[0];
if (reference)
  console.log(
    `- ${reference.engine} spends ${fmt(ownCpuMsPerItem(reference), 1)} ms of CPU (its processes and the store servers) per property with 1 worker: on ${cores} idle cores that alone caps the items phase near ${fmt((cores * 1000) / ownCpuMsPerItem(reference), 0)} items/s, whatever the number of workers. "other CPU s" is what the machine's other users took during the job (noise in every figure).`,
  );
const failures = rows.filter((r) => r.startupSyncFailures > 0);
if (failures.length > 0)
  console.log(
    `- Start-up catalog syncs that failed (not fatal; planning syncs again): ${failures.map((r) => `${r.engine} ×${r.workers}: ${r.startupSyncFailures}`).join(', ')}.`,
  );
console.log(
  `\nAll ${rows.length} runs completed with exactly one statement per generated property, the same on every row (checksum ${[...checksums][0]}); ${fmt((performance.now() - runStarted) / 1000, 0)} s in all.`,
);
