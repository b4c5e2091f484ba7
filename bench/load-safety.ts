/**
 * `npm run bench:load-safety` (also the last part of `npm run bench`): can event streams and
 * heavy exports freeze the server? (issue 11). A real server process on SQLite and the Hostify
 * simulator (its own process) with a finished 3,000-item job; then, at once, 200 event streams
 * of that job (20 users × 10, the per-user limit; a finished job's stream replays every item,
 * then ends) and 5 ZIPs of 200 statement PDFs (5 users). The load runs in a third process
 * (bench/load-safety-load.ts), so the probes here measure the server, not a busy client:
 * `/healthz` and one statement read (`GET /api/statements/:id`) in a loop, before (idle) and
 * during the load. Reports their p50/p99/max, the load's statuses, bytes the server sent and how
 * long it took, and the server's peak RSS during the load (sampled from /proc).
 *
 * Sizing: BENCH_LOAD_ITEMS (properties of the job, a multiple of 10; default 3000),
 * BENCH_LOAD_STREAMS (200), BENCH_LOAD_ZIPS (5), BENCH_LOAD_ZIP_SIZE (200). Bounded in time: the
 * load gives up after 5 minutes. Sized for a 2-core machine (server, its two PDF threads, the
 * load and the probes share the cores: the figures include that contention).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  adminAuthHeader,
  PROCESS_ADMIN,
  type ServerProcess,
  startServerProcess,
} from '../test/helpers/server-process.js';
import { pollUntil } from '../test/helpers/wait.js';
import { startSimProcess } from './sim-process.js';
import { fmt, percentile, table } from './stats.js';

const KEY = 'bench-key';
const ITEMS = Number(process.env.BENCH_LOAD_ITEMS ?? 3000);
const STREAMS = Number(process.env.BENCH_LOAD_STREAMS ?? 200);
const ZIPS = Number(process.env.BENCH_LOAD_ZIPS ?? 5);
const ZIP_SIZE = Number(process.env.BENCH_LOAD_ZIP_SIZE ?? 200);
/** The server's default per-user stream limit; the streams are spread over enough users. */
const STREAMS_PER_USER = 10;
const PROBE_INTERVAL_MS = 20;
const IDLE_PROBE_MS = 3000;
const PERIOD = { startDate: '2025-10-01', endDate: '2025-10-31' };

interface Outcome {
  status: number;
  bytes: number;
  ms: number;
  complete: boolean;
}

const rssMiB = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m?.[1] ? Number(m[1]) / 1024 : Number.NaN;
};

async function json<T>(url: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Probes `path` back to back (one at a time, every PROBE_INTERVAL_MS) until stopped. */
function probe(url: string, headers: Record<string, string>) {
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      try {
        const res = await fetch(url, { headers, signal: AbortSignal.timeout(60_000) });
        await res.arrayBuffer();
        if (res.status !== 200) failures++;
      } catch {
        failures++;
      }
      const ms = performance.now() - t0;
      latencies.push(ms);
      await new Promise((r) => setTimeout(r, Math.max(0, PROBE_INTERVAL_MS - ms)));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      latencies.sort((a, b) => a - b);
      return { latencies, failures };
    },
  };
}

function runLoad(env: Record<string, string>): Promise<{ streams: Outcome[]; zips: Outcome[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/load-safety-load.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += String(d);
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1) ?? ''));
      } catch {
        reject(new Error(`the load process exited (${code}) without a result: ${out.slice(0, 500)}`));
      }
    });
  });
}

const summarize = (name: string, xs: Outcome[]) => {
  const byStatus = new Map<number, number>();
  for (const x of xs) byStatus.set(x.status, (byStatus.get(x.status) ?? 0) + 1);
  const ms = xs.map((x) => x.ms).sort((a, b) => a - b);
  return {
    name,
    statuses: [...byStatus].map(([s, n]) => `${n}×${s}`).join(' '),
    complete: xs.filter((x) => x.complete).length,
    bytes: xs.reduce((sum, x) => sum + x.bytes, 0),
    p50: percentile(ms, 50),
    max: ms.at(-1) ?? Number.NaN,
  };
};

const sim = await startSimProcess({
  SIM_API_KEY: KEY,
  SIM_OWNERS: String(ITEMS / 10),
  SIM_PROPERTIES_PER_OWNER: '10',
  SIM_RESERVATIONS_PER_PROPERTY: '6',
  SIM_LATENCY_MS: '0',
});
const dataDir = mkdtempSync(join(tmpdir(), 'owner-statements-bench-load-'));
let server: ServerProcess | undefined;
try {
  server = await startServerProcess(
    {
      HOSTIFY_API_URL: sim.url,
      HOSTIFY_API_KEY: KEY,
      HOSTIFY_MAX_CONCURRENCY: '10',
      HOSTIFY_MAX_RPS: '1000',
      DATA_DIR: dataDir,
      ...PROCESS_ADMIN,
    },
    120_000,
  );
  const base = server.url;
  const pid = server.child.pid ?? 0;
  const admin = await adminAuthHeader(base);
  const headers = { ...admin, 'content-type': 'application/json' };

  process.stdout.write(`bench load-safety: a finished ${ITEMS}-item job…\n`);
  await pollUntil(
    async () => {
      const { body } = await json<{ properties: unknown[] }>(`${base}/api/properties`, { headers: admin });
      return body.properties.length >= ITEMS ? true : undefined;
    },
    'the start-up catalog sync',
    300_000,
    200,
  );
  const accepted = await json<{ jobId: string }>(`${base}/api/statements/generate`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ ownerId: 'all', ...PERIOD }),
  });
  if (accepted.status !== 202) throw new Error(`expected 202, got ${accepted.status}`);
  const jobId = accepted.body.jobId;
  const job = await pollUntil(
    async () => {
      const { body } = await json<{ status: string; progress: number }>(
        `${base}/api/statements/jobs/${jobId}`,
        {
          headers: admin,
        },
      );
      return body.status === 'completed' ? body : undefined;
    },
    'the job to complete',
    600_000,
    500,
  );
  const listed = await json<{ statements: Array<{ id: string }> }>(
    `${base}/api/statements?limit=${Math.max(ZIP_SIZE, 1)}`,
    { headers: admin },
  );
  const zipIds = listed.body.statements.map((s) => s.id).slice(0, ZIP_SIZE);
  if (zipIds.length < ZIP_SIZE) throw new Error(`only ${zipIds.length} statements to zip`);

  // Users for the load: the streams spread over enough of them for the per-user limit.
  const userCount = Math.max(Math.ceil(STREAMS / STREAMS_PER_USER), ZIPS);
  const tokens: string[] = [];
  for (let i = 0; i < userCount; i++) {
    const email = `bench-load-${i}@bench.local`;
    const created = await json<{ password: string }>(`${base}/api/users`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email, role: 'viewer' }),
    });
    if (created.status !== 201) throw new Error(`creating ${email}: ${created.status}`);
    const login = await json<{ token: string }>(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: created.body.password }),
    });
    if (login.status !== 200) throw new Error(`signing in ${email}: ${login.status}`);
    tokens.push(login.body.token);
  }
  const streamTokens = Array.from({ length: STREAMS }, (_, i) => tokens[i % userCount] ?? '');
  const zipTokens = Array.from({ length: ZIPS }, (_, i) => tokens[i] ?? '');
  const readPath = `${base}/api/statements/${zipIds[0]}`;

  // Idle figures first, for comparison.
  let healthz = probe(`${base}/healthz`, {});
  let read = probe(readPath, admin);
  await new Promise((r) => setTimeout(r, IDLE_PROBE_MS));
  const idle = { healthz: await healthz.stop(), read: await read.stop() };

  process.stdout.write(
    `bench load-safety: ${STREAMS} streams of job ${jobId} (${job.progress} items) and ${ZIPS} ZIPs of ${ZIP_SIZE}…\n`,
  );
  const rssBefore = rssMiB(pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssMiB(pid));
  }, 50);
  healthz = probe(`${base}/healthz`, {});
  read = probe(readPath, admin);
  const t0 = performance.now();
  const load = await runLoad({
    LOAD_URL: base,
    LOAD_JOB: jobId,
    LOAD_STREAM_TOKENS: JSON.stringify(streamTokens),
    LOAD_ZIP_TOKENS: JSON.stringify(zipTokens),
    LOAD_ZIP_IDS: JSON.stringify(zipIds),
  });
  const loadS = (performance.now() - t0) / 1000;
  const busy = { healthz: await healthz.stop(), read: await read.stop() };
  clearInterval(sampler);

  const streams = summarize('event streams', load.streams);
  const zips = summarize('ZIPs', load.zips);
  console.log(
    `\nLoad safety — ${STREAMS} event streams of a finished ${job.progress}-item job (${userCount} users) and ${ZIPS} ZIPs of ${ZIP_SIZE} statement PDFs, at once; load done in ${fmt(loadS, 1)} s\n`,
  );
  console.log(
    table(
      ['probe', 'phase', 'requests', 'failed', 'p50 ms', 'p99 ms', 'max ms'],
      (['healthz', 'read'] as const).flatMap((name) =>
        (
          [
            ['idle', idle],
            ['under load', busy],
          ] as const
        ).map(([phase, figures]) => {
          const { latencies, failures } = figures[name];
          return [
            name === 'healthz' ? 'GET /healthz' : 'GET /api/statements/:id',
            phase,
            latencies.length,
            failures,
            fmt(percentile(latencies, 50), 1),
            fmt(percentile(latencies, 99), 1),
            fmt(latencies.at(-1) ?? Number.NaN, 1),
          ];
        }),
      ),
    ),
  );
  console.log('');
  console.log(
    table(
      ['load', 'answers', 'complete', 'MiB sent', 'p50 s', 'max s'],
      [streams, zips].map((s) => [
        s.name,
        s.statuses,
        s.complete,
        fmt(s.bytes / 1024 / 1024, 1),
        fmt(s.p50 / 1000, 2),
        fmt(s.max / 1000, 2),
      ]),
    ),
  );
  console.log(
    `\nServer RSS: ${fmt(rssBefore, 0)} MiB before the load, peak ${fmt(rssPeak, 0)} MiB during it.`,
  );
} finally {
  await server?.kill('SIGTERM');
  await sim.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
