/**
 * `npm run bench`: bulk generation against the Hostify simulator with per-call latency and a
 * rate limit, for 100, 1,000 and 5,000 properties. The server runs as its own process (as users
 * run it), so its peak RSS is its own; the simulator and the pollers run here.
 *
 * Reports wall time, Hostify calls, the lower bound the limits allow and the ratio to it, the
 * ratio to the one-property-at-a-time baseline, time to 202, status latency under 50 pollers,
 * and peak RSS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  adminAuthHeader,
  PROCESS_ADMIN,
  type ServerProcess,
  startServerProcess,
} from '../test/helpers/server-process.js';
import { readSse } from '../test/helpers/sse.js';
import { pollUntil } from '../test/helpers/wait.js';
import { runBaseline } from './baseline.js';
import { type LeastCalls, leastCallsFor } from './least-calls.js';
import { benchPdf } from './pdf.js';
import { serverHostifyCalls, startSimProcess } from './sim-process.js';
import { fmt, hostifyLowerBoundS, peakRssMiB, percentile, table } from './stats.js';

const KEY = 'bench-key';
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const MAX_CONCURRENCY = 5;
const MAX_RPS = 10;
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const BASELINE_SIZES = new Set((process.env.BENCH_BASELINE_SIZES ?? '100').split(',').map(Number));
const POLLERS = 50;
/** New bulk requests sent while the measured job runs, to time the 202 answer under load. */
const EXTRA_202 = 100;
/** Each poller asks every 100 ms (a UI polls every few seconds; this is 500 requests/s in all). */
const POLL_INTERVAL_MS = 100;
const PERIOD = { startDate: '2025-10-01', endDate: '2025-10-31' };

interface Row {
  properties: number;
  wallS: number;
  calls: number;
  /** The least calls the API allows for the job (users + listings + reservation pages + child look-ups). */
  least: LeastCalls;
  lowerBoundS: number;
  baselineS: number | null;
  time202Ms: number;
  statusP50: number;
  statusP99: number;
  peakRss: number;
  summary: string;
  accepted202: number[];
}

const lowerBoundS = (calls: number) =>
  hostifyLowerBoundS(calls, { latencyMs: LATENCY_MS, maxConcurrency: MAX_CONCURRENCY, maxRps: MAX_RPS });

let auth: { authorization: string } = { authorization: '' };

async function post(
  url: string,
  body: unknown,
): Promise<{ status: number; ms: number; json: { jobId: string } }> {
  const t0 = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { jobId: string };
  return { status: res.status, ms: performance.now() - t0, json };
}

async function benchSize(properties: number): Promise<Row> {
  const owners = properties / 10;
  const sim = await startSimProcess({
    SIM_API_KEY: KEY,
    SIM_OWNERS: String(owners),
    SIM_PROPERTIES_PER_OWNER: '10',
    SIM_RESERVATIONS_PER_PROPERTY: '12',
    SIM_LATENCY_MS: String(LATENCY_MS),
    SIM_RATE_LIMIT_RPS: String(MAX_RPS * 2),
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'owner-statements-bench-'));
  let server: ServerProcess | undefined;
  try {
    server = await startServerProcess(
      {
        HOSTIFY_API_URL: sim.url,
        HOSTIFY_API_KEY: KEY,
        HOSTIFY_MAX_CONCURRENCY: String(MAX_CONCURRENCY),
        HOSTIFY_MAX_RPS: String(MAX_RPS),
        DATA_DIR: dataDir,
        ...PROCESS_ADMIN,
      },
      120_000,
    );
    const base = server.url;
    auth = await adminAuthHeader(base);
    // Let the start-up catalog sync finish so it is not counted against the job.
    await pollUntil(
      async () => {
        const res = await fetch(`${base}/api/properties`, { headers: auth });
        const body = (await res.json()) as { properties: unknown[] };
        return body.properties.length >= properties ? true : undefined;
      },
      'the start-up catalog sync',
      300_000,
      200,
    );
    // The start-up sync used this second's request budget; let the limiter's one-second window
    // empty so the job starts with the budget the lower bound assumes.
    await new Promise((r) => setTimeout(r, 1100));
    const callsBefore = await serverHostifyCalls(base);

    const started = performance.now();
    const accepted = await post(`${base}/api/statements/generate`, {
      ownerId: 'all',
      ...PERIOD,
      calculationType: 'checkout',
    });
    if (accepted.status !== 202) throw new Error(`expected 202, got ${accepted.status}`);
    const jobId = accepted.json.jobId;

    let running = true;
    const latencies: number[] = [];
    const poller = async (index: number) => {
      await new Promise((r) => setTimeout(r, (index * POLL_INTERVAL_MS) / POLLERS));
      while (running) {
        const t0 = performance.now();
        const res = await fetch(`${base}/api/statements/jobs/${jobId}`, { headers: auth });
        await res.arrayBuffer();
        const ms = performance.now() - t0;
        latencies.push(ms);
        await new Promise((r) => setTimeout(r, Math.max(0, POLL_INTERVAL_MS - ms)));
      }
    };
    const pollers = Array.from({ length: POLLERS }, (_, i) => poller(i));

    // Time to 202 while the big job runs: new, distinct periods (each a new job, cancelled after).
    const accepted202: number[] = [];
    const extraJobs: string[] = [];
    for (let i = 1; i <= EXTRA_202; i++) {
      const day = String(i % 28 || 28).padStart(2, '0');
      const month = String(1 + Math.floor(i / 28)).padStart(2, '0');
      const r = await post(`${base}/api/statements/generate`, {
        ownerId: 'all',
        startDate: `2024-${month}-${day}`,
        endDate: '2024-12-31',
      });
      accepted202.push(r.ms);
      extraJobs.push(r.json.jobId);
    }

    const stream = await readSse(`${base}/api/statements/jobs/${jobId}/events`, {
      timeoutMs: 600_000,
      headers: auth,
    });
    const wallS = (performance.now() - started) / 1000;
    running = false;
    await Promise.all(pollers);
    const calls = (await serverHostifyCalls(base)) - callsBefore;
    const final = stream.events.at(-1);
    for (const id of extraJobs) {
      await fetch(`${base}/api/statements/jobs/${id}/cancel`, { method: 'POST', headers: auth });
    }
    const peakRss = peakRssMiB(server.child.pid ?? 0);
    const s = final?.data?.summary ?? {};

    let baselineS: number | null = null;
    if (BASELINE_SIZES.has(properties)) {
      const b = await runBaseline({
        hostifyUrl: sim.url,
        apiKey: KEY,
        maxConcurrency: MAX_CONCURRENCY,
        maxRps: MAX_RPS,
        period: { start: PERIOD.startDate, end: PERIOD.endDate },
      });
      baselineS = b.ms / 1000;
      if (b.generated !== s.generated)
        throw new Error(`baseline generated ${b.generated}, the job ${s.generated}`);
    }

    latencies.sort((a, b) => a - b);
    accepted202.sort((a, b) => a - b);
    return {
      properties,
      wallS,
      calls,
      least: leastCallsFor(
        { owners, propertiesPerOwner: 10, reservationsPerProperty: 12 },
        { start: PERIOD.startDate, end: PERIOD.endDate },
      ),
      lowerBoundS: lowerBoundS(calls),
      baselineS,
      time202Ms: accepted.ms,
      statusP50: percentile(latencies, 50),
      statusP99: percentile(latencies, 99),
      peakRss,
      summary: `${final?.event}: ${s.generated}/${s.skipped}/${s.errors} (${latencies.length} polls)`,
      accepted202,
    };
  } finally {
    await server?.kill('SIGTERM');
    await sim.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const pdf = await benchPdf();
console.log(
  `PDF of a 200-line statement: p50 ${fmt(pdf.p50, 1)} ms, max ${fmt(pdf.max, 1)} ms (${Math.round(pdf.bytes / 1024)} KiB)`,
);

const rows: Row[] = [];
for (const size of SIZES) {
  process.stdout.write(`bench: ${size} properties…\n`);
  rows.push(await benchSize(size));
}

console.log(
  `\nBulk generation — Hostify latency ${LATENCY_MS} ms/call, limits ${MAX_CONCURRENCY} concurrent / ${MAX_RPS} rps, ${POLLERS} status pollers every ${POLL_INTERVAL_MS} ms\n`,
);
console.log(
  table(
    [
      'properties',
      'wall s',
      'Hostify calls',
      'least calls (users+listings+reservations+children)',
      '× least calls',
      'lower bound s',
      '× lower bound',
      'baseline s',
      'speed-up vs baseline',
      '202 ms',
      `202 p99 ms (${EXTRA_202} more)`,
      'status p50 ms',
      'status p99 ms',
      'peak RSS MiB',
      'result gen/skip/err',
    ],
    rows.map((r) => [
      r.properties,
      fmt(r.wallS, 2),
      r.calls,
      `${r.least.total} (${r.least.usersPages}+${r.least.listingsPages}+${r.least.reservationPages}+${r.least.childLookups})`,
      fmt(r.calls / r.least.total, 2),
      fmt(r.lowerBoundS, 2),
      fmt(r.wallS / r.lowerBoundS, 2),
      r.baselineS === null ? '—' : fmt(r.baselineS, 1),
      r.baselineS === null ? '—' : `${fmt(r.baselineS / r.wallS, 1)}×`,
      fmt(r.time202Ms, 1),
      fmt(percentile(r.accepted202, 99), 1),
      fmt(r.statusP50, 1),
      fmt(r.statusP99, 1),
      fmt(r.peakRss, 0),
      r.summary,
    ]),
  ),
);
const r1000 = rows.find((r) => r.properties === 1000);
const r5000 = rows.find((r) => r.properties === 5000);
if (r1000 && r5000)
  console.log(`\nPeak RSS 5,000 ÷ 1,000 properties: ${fmt(r5000.peakRss / r1000.peakRss, 2)}×`);
