/**
 * `npm run bench`: bulk generation against the Hostify simulator with per-call latency and a
 * rate limit, for 100, 1,000 and 5,000 properties. The server runs as its own process (as users
 * run it), so its peak RSS is its own; the simulator and the pollers run here.
 *
 * Each size has three measurements, one after the other in the same server (embedded engine):
 * 1. The first job (October): POST (202) → the `completed` event, with 50 status pollers (GET the
 *    job every 100 ms each) the whole time. Its planning also looks up, once, every child
 *    listing the reservations name that the catalog has not seen (DESIGN.md §4).
 * 2. A repeat job (September), the same way: the catalog now knows most child listings, so it
 *    makes few look-ups — what a monthly run costs once the catalog is known.
 *    For both: wall time, Hostify calls, the least time the limits allow for them (stats.ts) and
 *    the ratio, the status endpoint's p50/p99 (also split into planning and items), the POST's
 *    time to 202, and a timeline of where the wall time goes (below).
 * 3. Time to 202 under load: another job (November) runs with the 50 pollers while 100 more
 *    bulk POSTs (distinct periods, sent one after the other by 4 editors, so the per-user
 *    generation limit of 30 a minute never answers 429) are timed: p50/p99/max and statuses.
 *    These POSTs are not inside any measured wall time.
 *
 * The timeline lines up three clocks of the same machine: the benchmark's (POST, 202, the
 * completed event), the server's log lines ("job created", "catalog synced", "fetched catalog
 * and reservations", "job started" = plan stored, "job completed") and the simulator's request
 * log (arrival and answer of every Hostify call). wall − lower bound then splits exactly into:
 * before the first Hostify call, the Hostify phase's excess over its bound, the last answer →
 * plan stored, the items, and completed → the client. The Hostify phase is also split into
 * limiter wait / client idle (hostify-timeline.ts), a diagnostic of the gaps between pages.
 *
 * Sizing: BENCH_SIZES (default 100,1000,5000), BENCH_BASELINE_SIZES (default 100: the
 * one-property-at-a-time baseline, slow), BENCH_LATENCY_MS (simulated Hostify latency, 50),
 * BENCH_POLLERS (status pollers, 50; 0 for a control run without them).
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
import { analyzeHostifyPhase, type HostifyPhase } from './hostify-timeline.js';
import { type LeastCalls, leastCallsFor } from './least-calls.js';
import { benchPdf } from './pdf.js';
import { type LogLine, parseLogLines } from './process-log.js';
import { type SimProcess, serverHostifyCalls, startSimProcess } from './sim-process.js';
import { fmt, hostifyLowerBoundS, peakRssMiB, percentile, table } from './stats.js';

const KEY = 'bench-key';
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const MAX_CONCURRENCY = 5;
const MAX_RPS = 10;
const LIMITS = { latencyMs: LATENCY_MS, maxConcurrency: MAX_CONCURRENCY, maxRps: MAX_RPS };
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const BASELINE_SIZES = new Set((process.env.BENCH_BASELINE_SIZES ?? '100').split(',').map(Number));
const POLLERS = Number(process.env.BENCH_POLLERS ?? 50);
/** Bulk requests timed in measurement 3, while another job runs. */
const EXTRA_202 = 100;
/** They are spread over this many editors: the server allows 30 generation requests a minute per user. */
const EDITORS = 4;
/** Each poller asks every 100 ms (a UI polls every few seconds; 50 pollers are 500 requests/s). */
const POLL_INTERVAL_MS = 100;
const PERIOD = { startDate: '2025-10-01', endDate: '2025-10-31' };
const REPEAT_PERIOD = { startDate: '2025-09-01', endDate: '2025-09-30' };
/** Measurement 3's running job: another month of the simulator's data, so it is real work too. */
const LOAD_PERIOD = { startDate: '2025-11-01', endDate: '2025-11-30' };

for (const size of SIZES)
  if (!Number.isInteger(size) || size <= 0 || size % 10 !== 0)
    throw new Error(`BENCH_SIZES must be positive multiples of 10, got ${process.env.BENCH_SIZES}`);
if (!Number.isInteger(POLLERS) || POLLERS < 0) throw new Error('BENCH_POLLERS must be an integer ≥ 0');

type Auth = { authorization: string };
type Period = { startDate: string; endDate: string };

/** Where a job's wall time went (epoch-ms marks from the three clocks). */
interface Timeline {
  wallMs: number;
  postTo202Ms: number;
  /** The POST → the first Hostify request reaches the simulator. */
  toFirstHostifyMs: number;
  hostify: HostifyPhase | null;
  /** The last Hostify answer → the plan stored ("job started"). */
  afterHostifyMs: number;
  /** Plan stored → "job completed" in the server's log. */
  itemsMs: number;
  /** "job completed" → the completed event at the client. */
  toClientMs: number;
  /** Server log lines between the POST and the end, with their offset from the POST. */
  marks: Array<{ ms: number; msg: string; detail: string }>;
}

/** One measured job. */
interface JobMeasure {
  label: string;
  wallS: number;
  calls: number;
  lowerBoundS: number;
  time202Ms: number;
  statusP50: number;
  statusP99: number;
  /** p99 of the polls sent while the job planned (POST → plan stored), and while its items ran. */
  statusP99Plan: number;
  statusP99Items: number;
  polls: number;
  items: number;
  summary: string;
  generated: number;
  timeline: Timeline;
}

interface Row {
  properties: number;
  first: JobMeasure;
  repeat: JobMeasure;
  /** The least calls the API allows for the first job (users + listings + reservation pages + child look-ups). */
  least: LeastCalls;
  baselineS: number | null;
  extra202: { p50: number; p99: number; max: number; statuses: string; duringJob: number };
  peakRss: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function post(
  url: string,
  body: unknown,
  auth: Auth,
): Promise<{ status: number; ms: number; json: { jobId?: string } }> {
  const t0 = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { jobId?: string };
  return { status: res.status, ms: performance.now() - t0, json };
}

/** One status request: when it was sent (epoch ms) and how long it took. */
interface Poll {
  at: number;
  ms: number;
}

/** POLLERS pollers GETting a job every 100 ms each, until stopped; their requests, in no order. */
function startPollers(base: string, jobId: string, auth: Auth): { stop(): Promise<Poll[]> } {
  let running = true;
  const polls: Poll[] = [];
  const poller = async (index: number) => {
    await sleep((index * POLL_INTERVAL_MS) / POLLERS);
    while (running) {
      const at = Date.now();
      const t0 = performance.now();
      const res = await fetch(`${base}/api/statements/jobs/${jobId}`, { headers: auth });
      await res.arrayBuffer();
      const ms = performance.now() - t0;
      polls.push({ at, ms });
      await sleep(Math.max(0, POLL_INTERVAL_MS - ms));
    }
  };
  const all = Array.from({ length: POLLERS }, (_, i) => poller(i));
  return {
    stop: async () => {
      running = false;
      await Promise.all(all);
      return polls;
    },
  };
}

/** Editors for measurement 3, each signed in (Bearer token). */
async function makeEditors(base: string, admin: Auth): Promise<Auth[]> {
  const editors: Auth[] = [];
  for (let i = 0; i < EDITORS; i++) {
    const email = `bench-editor-${i}@bench.local`;
    const created = await fetch(`${base}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...admin },
      body: JSON.stringify({ email, role: 'editor' }),
    });
    if (created.status !== 201)
      throw new Error(`creating ${email}: ${created.status} ${await created.text()}`);
    const { password } = (await created.json()) as { password: string };
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (login.status !== 200) throw new Error(`signing in ${email}: ${login.status}`);
    const { token } = (await login.json()) as { token: string };
    editors.push({ authorization: `Bearer ${token}` });
  }
  return editors;
}

/** The first server log line at or after `from` whose message matches (and of the job, when it names one). */
function mark(lines: readonly LogLine[], msg: RegExp, from: number, jobId?: string): LogLine | undefined {
  return lines.find(
    (l) =>
      l.time >= from &&
      msg.test(l.msg) &&
      (jobId === undefined || l.jobId === undefined || l.jobId === jobId),
  );
}

const MARKS =
  /^(job created|catalog synced from Hostify|fetched catalog and reservations from Hostify|looked up listings the catalog did not know|job started|job (completed|failed|cancelled))$/;
const MARK_FIELDS = ['ms', 'total', 'properties', 'reservations', 'lookedUp', 'hostifyCalls', 'durationMs'];

function buildTimeline(
  lines: readonly LogLine[],
  hostify: HostifyPhase | null,
  jobId: string,
  t: { post: number; accepted: number; clientCompleted: number },
): Timeline {
  const planStored = mark(lines, /^job started$/, t.post, jobId)?.time ?? Number.NaN;
  const completed = mark(lines, /^job (completed|failed|cancelled)$/, t.post, jobId)?.time ?? Number.NaN;
  const marks = lines
    .filter((l) => l.time >= t.post && l.time <= t.clientCompleted + 1000 && MARKS.test(l.msg))
    .filter((l) => l.jobId === undefined || l.jobId === jobId)
    .map((l) => ({
      ms: l.time - t.post,
      msg: l.msg,
      detail: MARK_FIELDS.filter((k) => l[k] !== undefined)
        .map((k) => `${k} ${String(l[k])}`)
        .join(', '),
    }));
  return {
    wallMs: t.clientCompleted - t.post,
    postTo202Ms: t.accepted - t.post,
    toFirstHostifyMs: (hostify?.firstAt ?? Number.NaN) - t.post,
    hostify,
    afterHostifyMs: planStored - (hostify?.lastAnsweredAt ?? Number.NaN),
    itemsMs: completed - planStored,
    toClientMs: t.clientCompleted - completed,
    marks,
  };
}

/** Runs one bulk job to its end with the pollers, and times it (measurements 1 and 2). */
async function measureJob(
  label: string,
  ctx: { base: string; auth: Auth; sim: SimProcess; server: ServerProcess },
  period: Period,
): Promise<JobMeasure> {
  const { base, auth, sim, server } = ctx;
  // The previous calls used this second's request budget; let the limiter's one-second window
  // empty so the job starts with the budget the lower bound assumes.
  await sleep(1100);
  const callsBefore = await serverHostifyCalls(base);
  const postAt = Date.now();
  const started = performance.now();
  const accepted = await post(
    `${base}/api/statements/generate`,
    { ownerId: 'all', ...period, calculationType: 'checkout' },
    auth,
  );
  const acceptedAt = Date.now();
  if (accepted.status !== 202 || !accepted.json.jobId)
    throw new Error(`expected 202, got ${accepted.status}`);
  const jobId = accepted.json.jobId;
  const pollers = startPollers(base, jobId, auth);
  let completedAt = Number.NaN;
  const stream = await readSse(`${base}/api/statements/jobs/${jobId}/events`, {
    timeoutMs: 900_000,
    headers: auth,
    onEvent: (e) => {
      if (e.event === 'completed' || e.event === 'failed' || e.event === 'cancelled')
        completedAt = Date.now();
    },
  });
  const wallS = (performance.now() - started) / 1000;
  const polls = await pollers.stop();
  const calls = (await serverHostifyCalls(base)) - callsBefore;
  const final = stream.events.at(-1);
  const s = final?.data?.summary ?? {};
  const lines = parseLogLines(server.output());
  const planStoredAt = mark(lines, /^job started$/, postAt, jobId)?.time ?? Date.now();
  const simLog = (await sim.log()).filter((e) => e.at >= postAt && e.at <= planStoredAt);
  const sortedMs = (ps: Poll[]) => ps.map((p) => p.ms).sort((a, b) => a - b);
  const latencies = sortedMs(polls);
  return {
    label,
    wallS,
    calls,
    lowerBoundS: hostifyLowerBoundS(calls, LIMITS),
    time202Ms: accepted.ms,
    statusP50: percentile(latencies, 50),
    statusP99: percentile(latencies, 99),
    statusP99Plan: percentile(sortedMs(polls.filter((p) => p.at < planStoredAt)), 99),
    statusP99Items: percentile(sortedMs(polls.filter((p) => p.at >= planStoredAt)), 99),
    polls: latencies.length,
    items: (s.generated ?? 0) + (s.skipped ?? 0) + (s.errors ?? 0),
    summary: `${final?.event}: ${s.generated}/${s.skipped}/${s.errors}`,
    generated: s.generated ?? 0,
    timeline: buildTimeline(lines, analyzeHostifyPhase(simLog, LIMITS), jobId, {
      post: postAt,
      accepted: acceptedAt,
      clientCompleted: Number.isFinite(completedAt) ? completedAt : Date.now(),
    }),
  };
}

/** Measurement 3: EXTRA_202 bulk POSTs timed one after the other while another job runs. */
async function measure202(base: string, auth: Auth, editors: Auth[]): Promise<Row['extra202']> {
  await sleep(1100);
  const load = await post(`${base}/api/statements/generate`, { ownerId: 'all', ...LOAD_PERIOD }, auth);
  if (load.status !== 202 || !load.json.jobId)
    throw new Error(`expected 202 for the load job, got ${load.status}`);
  const loadJobId = load.json.jobId;
  const loadPollers = startPollers(base, loadJobId, auth);
  const extra: Array<{ status: number; ms: number; duringJob: boolean }> = [];
  const extraJobs: string[] = [];
  for (let i = 1; i <= EXTRA_202; i++) {
    const day = String(i % 28 || 28).padStart(2, '0');
    const month = String(1 + Math.floor(i / 28)).padStart(2, '0');
    const r = await post(
      `${base}/api/statements/generate`,
      { ownerId: 'all', startDate: `2024-${month}-${day}`, endDate: '2024-12-31' },
      editors[i % EDITORS] as Auth,
    );
    if (r.json.jobId) extraJobs.push(r.json.jobId);
    extra.push({ status: r.status, ms: r.ms, duringJob: false });
    // Whether the load job was still running (a cheap read, every 10th POST).
    if (i % 10 === 0 || i === EXTRA_202) {
      const res = await fetch(`${base}/api/statements/jobs/${loadJobId}`, { headers: auth });
      const { status } = (await res.json()) as { status: string };
      const running = status === 'queued' || status === 'processing';
      for (const e of extra.slice(-10)) e.duringJob = running;
    }
  }
  await loadPollers.stop();
  for (const id of [loadJobId, ...extraJobs])
    await fetch(`${base}/api/statements/jobs/${id}/cancel`, { method: 'POST', headers: auth });
  const ms = extra.map((e) => e.ms).sort((a, b) => a - b);
  const byStatus = new Map<number, number>();
  for (const e of extra) byStatus.set(e.status, (byStatus.get(e.status) ?? 0) + 1);
  return {
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    max: ms.at(-1) ?? Number.NaN,
    statuses: [...byStatus].map(([st, n]) => `${n}×${st}`).join(' '),
    duringJob: extra.filter((e) => e.duringJob).length,
  };
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
    const auth = await adminAuthHeader(base);
    const editors = await makeEditors(base, auth);
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
    const ctx = { base, auth, sim, server };
    const first = await measureJob('first', ctx, PERIOD);
    const repeat = await measureJob('repeat', ctx, REPEAT_PERIOD);
    const extra202 = await measure202(base, auth, editors);
    const peakRss = peakRssMiB(server.child.pid ?? 0);

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
      if (b.generated !== first.generated)
        throw new Error(`baseline generated ${b.generated}, the job ${first.generated}`);
    }
    return {
      properties,
      first,
      repeat,
      least: leastCallsFor(
        { owners, propertiesPerOwner: 10, reservationsPerProperty: 12 },
        { start: PERIOD.startDate, end: PERIOD.endDate },
      ),
      baselineS,
      extra202,
      peakRss,
    };
  } finally {
    await server?.kill('SIGTERM');
    await sim.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The run and the report

const pdf = await benchPdf();
console.log(
  `PDF of a 200-line statement: p50 ${fmt(pdf.p50, 1)} ms, max ${fmt(pdf.max, 1)} ms (${Math.round(pdf.bytes / 1024)} KiB)`,
);

const rows: Row[] = [];
for (const size of SIZES) {
  process.stdout.write(`bench: ${size} properties…\n`);
  rows.push(await benchSize(size));
}
const jobs = rows.flatMap((r) => [
  { r, m: r.first },
  { r, m: r.repeat },
]);
const jobName = (m: JobMeasure) =>
  m.label === 'first'
    ? `first (${PERIOD.startDate.slice(0, 7)})`
    : `repeat (${REPEAT_PERIOD.startDate.slice(0, 7)})`;

console.log(
  `\nBulk generation — Hostify latency ${LATENCY_MS} ms/call, limits ${MAX_CONCURRENCY} concurrent / ${MAX_RPS} rps, ${POLLERS} status pollers every ${POLL_INTERVAL_MS} ms during each job. "first": the first job after start (it looks up the child listings its reservations name, once); "repeat": the next month's job (the catalog knows most of them).\n`,
);
console.log(
  table(
    [
      'properties',
      'job',
      'wall s',
      'Hostify calls',
      'least calls (users+listings+reservations+children)',
      'lower bound s',
      '× lower bound',
      'baseline s',
      'speed-up vs baseline',
      '202 ms',
      'status p50 ms',
      'status p99 ms',
      'status p99 ms: planning / items',
      'peak RSS MiB',
      'result gen/skip/err',
    ],
    jobs.map(({ r, m }) => {
      const first = m.label === 'first';
      return [
        r.properties,
        jobName(m),
        fmt(m.wallS, 2),
        m.calls,
        first
          ? `${r.least.total} (${r.least.usersPages}+${r.least.listingsPages}+${r.least.reservationPages}+${r.least.childLookups})`
          : '—',
        fmt(m.lowerBoundS, 2),
        fmt(m.wallS / m.lowerBoundS, 2),
        first && r.baselineS !== null ? fmt(r.baselineS, 1) : '—',
        first && r.baselineS !== null ? `${fmt(r.baselineS / m.wallS, 1)}×` : '—',
        fmt(m.time202Ms, 1),
        fmt(m.statusP50, 1),
        `${fmt(m.statusP99, 1)} (${m.polls} polls)`,
        `${fmt(m.statusP99Plan, 1)} / ${fmt(m.statusP99Items, 1)}`,
        first ? fmt(r.peakRss, 0) : '',
        m.summary,
      ];
    }),
  ),
);

console.log(
  `\nTime to 202 — ${EXTRA_202} bulk POSTs one after the other (${EDITORS} editors, distinct periods) while another job (${LOAD_PERIOD.startDate.slice(0, 7)}) runs with the ${POLLERS} pollers; not part of any wall time above\n`,
);
console.log(
  table(
    ['properties', '202 p50 ms', '202 p99 ms', '202 max ms', 'statuses', 'sent while the job ran'],
    rows.map((r) => [
      r.properties,
      fmt(r.extra202.p50, 1),
      fmt(r.extra202.p99, 1),
      fmt(r.extra202.max, 1),
      r.extra202.statuses,
      `${r.extra202.duringJob} of ${EXTRA_202}`,
    ]),
  ),
);

const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x)}` : 'n/a');
console.log(
  '\nWhere the wall time goes, ms (the benchmark, the server log and the simulator on one clock). wall − lower bound = before the 1st call + Hostify phase over its bound + last answer→plan stored + items + completed→client:\n',
);
console.log(
  table(
    [
      'properties',
      'job',
      'wall',
      'lower bound',
      'wall − bound',
      'POST→1st Hostify call (→202)',
      'Hostify phase (calls)',
      'Hostify over its bound',
      'last answer→plan stored',
      'items (items/s)',
      'completed→client',
      'Hostify: limiter wait / client idle / last latency',
    ],
    jobs.map(({ r, m }) => {
      const t = m.timeline;
      const h = t.hostify;
      const boundMs = m.lowerBoundS * 1000;
      return [
        r.properties,
        jobName(m),
        ms(t.wallMs),
        ms(boundMs),
        ms(t.wallMs - boundMs),
        `${ms(t.toFirstHostifyMs)} (${ms(t.postTo202Ms)})`,
        h ? `${ms(h.spanMs)} (${h.calls})` : '—',
        h ? ms(h.spanMs - boundMs) : '—',
        ms(t.afterHostifyMs),
        `${ms(t.itemsMs)} (${fmt((m.items / t.itemsMs) * 1000, 0)})`,
        ms(t.toClientMs),
        h ? `${ms(h.limiterWaitMs)} / ${ms(h.clientIdleMs)} / ${ms(h.tailMs)}` : '—',
      ];
    }),
  ),
);
for (const { r, m } of jobs) {
  const h = m.timeline.hostify;
  console.log(`\n${r.properties} properties, ${jobName(m)} job:`);
  if (h) {
    const kinds = [...h.byKind]
      .map(
        ([kind, k]) =>
          `${kind} ${k.calls} (+${Math.round(k.firstAt - h.firstAt)} to +${Math.round(k.lastAnsweredAt - h.firstAt)} ms)`,
      )
      .join('; ');
    console.log(`- Hostify calls by kind, from the first call: ${kinds}.`);
    const idle = [...h.idleBefore]
      .sort((a, b) => b[1] - a[1])
      .map(([kind, v]) => `before ${kind} ${Math.round(v)} ms`)
      .join(', ');
    console.log(`- Client idle (the limits allowed a call, none was ready): ${idle || 'none'}.`);
    if (h.longestGaps.length > 0)
      console.log(
        `- Longest idle gaps: ${h.longestGaps.map((g) => `${Math.round(g.ms)} ms at +${Math.round(g.from - h.firstAt)} ms (after ${g.after}, before ${g.next})`).join('; ')}.`,
      );
  }
  console.log(
    `- Server log, from the POST: ${m.timeline.marks.map((x) => `+${x.ms} ms ${x.msg}${x.detail ? ` (${x.detail})` : ''}`).join('; ')}.`,
  );
}
const r1000 = rows.find((r) => r.properties === 1000);
const r5000 = rows.find((r) => r.properties === 5000);
if (r1000 && r5000)
  console.log(`\nPeak RSS 5,000 ÷ 1,000 properties: ${fmt(r5000.peakRss / r1000.peakRss, 2)}×`);
