/**
 * What the scaling benchmark prints: throughput, CPU per item by component (items phase), the
 * planning phase's CPU, PostgreSQL's waits, the issue's goals (PASS/MISS) and the deployment
 * projection (projection.ts). Only figures the rows measured; nothing here measures.
 */
import { lockShare, type PgSample } from './pg-waits.js';
import { type Component, type PerItemCpuMs, project, saturation } from './projection.js';
import { fmt, table } from './stats.js';

/**
 * `embedded-postgres` is a control row, not a deployment the issue asks about: the embedded
 * engine (one process) on a PostgreSQL store, so the store's cost and the queue's can be told apart.
 */
export const ENGINES = ['embedded', 'embedded-postgres', 'bullmq-redis', 'bullmq-postgres'] as const;
export type Engine = (typeof ENGINES)[number];
export const isEmbedded = (engine: Engine) => engine === 'embedded' || engine === 'embedded-postgres';

/** CPU seconds of one phase, by component. */
export interface CpuSplit {
  /** The worker processes (the embedded engine's one ROLE=all process). */
  workers: number;
  /** The ROLE=web process (0 for the embedded engine: its one process is counted as the worker). */
  web: number;
  /** PostgreSQL: the backends of the row's database plus the server's shared processes. */
  pg: number;
  /** Of `pg`, the server's shared processes (walwriter, checkpointer, …). */
  pgBackground: number;
  /** The Redis server (BullMQ-Redis rows only). */
  redis: number;
  total: number;
  /** The rest of the machine's busy CPU: other users (noise), the benchmark and the simulator. */
  other: number;
  /** Busy share of the machine's cores over the phase (0..1). */
  machineBusy: number;
}

export interface Row {
  engine: Engine;
  workers: number;
  wallS: number;
  planS: number;
  itemsS: number;
  timesFrom: 'log' | 'status API';
  /** The POST → the job's first Hostify call reaching the simulator (the engine's pick-up). */
  toFirstCallMs: number;
  calls: number;
  rateLimited: number;
  lowerBoundS: number;
  cpuPlan: CpuSplit;
  cpuItems: CpuSplit;
  pgPlan: PgSample;
  pgItems: PgSample;
  rssWeb: number;
  rssWorkerMax: number;
  rssTotal: number;
  result: string;
  checksum: string;
  startupSyncFailures: number;
  warmup: { items: number; s: number };
  /** items/s of every run of this row (BENCH_REPEAT). */
  itemsPerSRuns: number[];
}

export interface ReportContext {
  size: number;
  latencyMs: number;
  maxConcurrency: number;
  maxRps: number;
  concurrency: number;
  batchSize: string;
  repeat: number;
  cores: number;
  projectionCores: number;
  warmup: string;
  elapsedS: number;
}

const GOAL_CPU_MS: Record<Engine, number | null> = {
  embedded: 1.5,
  'embedded-postgres': null,
  'bullmq-redis': 2.5,
  'bullmq-postgres': 2.5,
};
const GOAL_REDIS_VS_EMBEDDED = 0.8;
/** "More workers never slower": a row may be this much slower than one with fewer workers (noise). */
const NEVER_SLOWER_TOLERANCE = 0.95;
const LOCK_GOAL_WORKERS = 4;
const PROJECTION_MACHINES = [1, 2, 4, 8];
const PROJECTION_PG_CORES = [2, 4, 8];

const passMiss = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const pct = (x: number) => `${fmt(x * 100, 0)} %`;

export function printReport(rows: Row[], ctx: ReportContext): void {
  const { size } = ctx;
  const checksums = new Set(rows.map((r) => r.checksum));
  if (checksums.size > 1)
    throw new Error(
      `WRONG RESULT: the engines generated different statements:\n${rows.map((r) => `  ${r.engine} ×${r.workers}: ${r.checksum}`).join('\n')}`,
    );
  const itemsPerS = (r: Row) => size / r.itemsS;
  const perItem = (cpuS: number) => (cpuS * 1000) / size;
  const oneWorker = (engine: Engine) => rows.find((r) => r.engine === engine && r.workers === 1);

  console.log(
    `\nWorker scaling — ${size} properties, Hostify latency ${ctx.latencyMs} ms/call, limits ${ctx.maxConcurrency} concurrent / ${ctx.maxRps} rps per process, JOB_CONCURRENCY ${ctx.concurrency} items at once per worker process (4 in the embedded engine), JOB_BATCH_SIZE ${ctx.batchSize}, ${ctx.cores} CPU cores.`,
  );
  console.log(`Warm-up: ${ctx.warmup}.`);
  console.log(
    `Phases: planning = POST → the job's total stored (the only phase that calls Hostify); items = total stored → completed${rows.some((r) => r.timesFrom !== 'log') ? ' (rows marked * took their times from the status API, ±250 ms, not from the log)' : ' (times from the processes’ log lines)'}.\n`,
  );

  console.log(
    table(
      [
        'engine',
        'workers',
        'wall s',
        'plan s',
        'POST→1st Hostify call ms',
        'items s',
        'items/s',
        ...(ctx.repeat > 1 ? [`items/s of the ${ctx.repeat} runs`] : []),
        'speed-up (items)',
        'Hostify calls',
        'Hostify lower bound s',
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
          `${fmt(r.wallS, 2)}${r.timesFrom === 'log' ? '' : '*'}`,
          fmt(r.planS, 2),
          fmt(r.toFirstCallMs, 0),
          fmt(r.itemsS, 2),
          fmt(itemsPerS(r), 0),
          ...(ctx.repeat > 1 ? [r.itemsPerSRuns.map((x) => fmt(x, 0)).join(' / ')] : []),
          base ? `${fmt(base.itemsS / r.itemsS, 2)}×` : '—',
          r.rateLimited > 0 ? `${r.calls} (${r.rateLimited} × 429)` : r.calls,
          fmt(r.lowerBoundS, 2),
          fmt(r.rssWeb, 0),
          fmt(r.rssWorkerMax, 0),
          fmt(r.rssTotal, 0),
          r.result,
        ];
      }),
    ),
  );

  console.log(
    '\nCPU ms per item, items phase only (embedded: its one process is under "workers"; PostgreSQL = the backends of the row\'s database + the server\'s shared processes; Redis = the whole redis-server):\n',
  );
  console.log(
    table(
      [
        'engine',
        'workers',
        'workers ms',
        'web ms',
        'PostgreSQL ms (shared procs)',
        'Redis ms',
        'total ms',
        'machine busy',
        'other ms (noise)',
      ],
      rows.map((r) => {
        const c = r.cpuItems;
        return [
          r.engine,
          r.workers,
          fmt(perItem(c.workers), 2),
          isEmbedded(r.engine) ? '—' : fmt(perItem(c.web), 2),
          r.engine === 'embedded' ? '—' : `${fmt(perItem(c.pg), 2)} (${fmt(perItem(c.pgBackground), 2)})`,
          r.engine === 'bullmq-redis' ? fmt(perItem(c.redis), 2) : '—',
          fmt(perItem(c.total), 2),
          pct(c.machineBusy),
          fmt(perItem(c.other), 2),
        ];
      }),
    ),
  );

  console.log('\nPlanning phase (POST → total stored), CPU seconds:\n');
  console.log(
    table(
      [
        'engine',
        'workers',
        'plan s',
        'workers s',
        'web s',
        'PostgreSQL s',
        'Redis s',
        'total s',
        'machine busy',
      ],
      rows.map((r) => {
        const c = r.cpuPlan;
        return [
          r.engine,
          r.workers,
          fmt(r.planS, 2),
          fmt(c.workers, 2),
          isEmbedded(r.engine) ? '—' : fmt(c.web, 2),
          r.engine === 'embedded' ? '—' : fmt(c.pg, 2),
          r.engine === 'bullmq-redis' ? fmt(c.redis, 2) : '—',
          fmt(c.total, 2),
          pct(c.machineBusy),
        ];
      }),
    ),
  );

  const pgRows = rows.filter((r) => r.pgItems.samples > 0);
  if (pgRows.length > 0) {
    console.log(
      "\nPostgreSQL's busy connections during the items phase (sampled every 100 ms; waiting for a lock = wait_event_type 'Lock'):\n",
    );
    console.log(
      table(
        [
          'engine',
          'workers',
          'busy conns (avg)',
          'waiting for a lock',
          'for the client',
          'for I/O',
          'most often waiting for a lock',
        ],
        pgRows.map((r) => {
          const p = r.pgItems;
          const top = [...p.lockedStatements].sort((x, y) => y[1] - x[1])[0];
          return [
            r.engine,
            r.workers,
            fmt(p.busy / p.samples, 1),
            pct(lockShare(p)),
            pct(p.busy === 0 ? 0 : p.client / p.busy),
            pct(p.busy === 0 ? 0 : p.io / p.busy),
            top ? `${top[0]} (${top[1]})` : '—',
          ];
        }),
      ),
    );
  }

  printGoals(rows, ctx);
  printProjection(rows, ctx);
  printNotes(rows, ctx);
  console.log(
    `\nAll ${rows.length} runs completed with exactly one statement per generated property, the same on every row (checksum ${[...checksums][0]}); ${fmt(ctx.elapsedS, 0)} s in all.`,
  );
}

function printGoals(rows: Row[], ctx: ReportContext): void {
  const { size } = ctx;
  const itemsPerS = (r: Row) => size / r.itemsS;
  const cpuMs = (r: Row) => (r.cpuItems.total * 1000) / size;
  console.log('\nGoals (items phase):');
  const embedded = rows.find((r) => r.engine === 'embedded');
  for (const engine of ENGINES) {
    const engineRows = rows.filter((r) => r.engine === engine).sort((a, b) => a.workers - b.workers);
    if (engineRows.length === 0) continue;
    const parts: string[] = [];
    const goal = GOAL_CPU_MS[engine];
    if (goal === null) parts.push('control row, no goal');
    else {
      const ok = engineRows.every((r) => cpuMs(r) <= goal);
      parts.push(
        `CPU/item ≤ ${goal} ms ${passMiss(ok)} (${engineRows.map((r) => `${r.workers}w ${fmt(cpuMs(r), 2)}`).join(', ')} ms)`,
      );
    }
    if (engine === 'bullmq-redis') {
      const one = engineRows.find((r) => r.workers === 1);
      if (one && embedded) {
        const ratio = itemsPerS(one) / itemsPerS(embedded);
        parts.push(
          `1 worker ÷ embedded ≥ ${GOAL_REDIS_VS_EMBEDDED}× ${passMiss(ratio >= GOAL_REDIS_VS_EMBEDDED)} (${fmt(ratio, 2)}×: ${fmt(itemsPerS(one), 0)} vs ${fmt(itemsPerS(embedded), 0)} items/s)`,
        );
      } else parts.push('1 worker ÷ embedded: not measured (needs the embedded row and a 1-worker row)');
    }
    if (!isEmbedded(engine)) {
      if (engineRows.length > 1) {
        // Every row against every row with fewer workers.
        const slower: string[] = [];
        for (const r of engineRows)
          for (const fewer of engineRows.filter((x) => x.workers < r.workers))
            if (itemsPerS(r) < itemsPerS(fewer) * NEVER_SLOWER_TOLERANCE)
              slower.push(`${r.workers}w ${fmt(itemsPerS(r) / itemsPerS(fewer), 2)}× of ${fewer.workers}w`);
        parts.push(
          `more workers never slower (5 % allowance) ${passMiss(slower.length === 0)} (${engineRows.map((r) => `${r.workers}w ${fmt(itemsPerS(r), 0)}`).join(', ')} items/s${slower.length > 0 ? `; ${slower.join(', ')}` : ''})`,
        );
      } else parts.push('more workers never slower: only one worker count measured');
    }
    if (engine !== 'embedded') {
      const at =
        engineRows.find((r) => r.workers === LOCK_GOAL_WORKERS) ??
        engineRows.reduce((a, b) => (b.workers > a.workers ? b : a));
      const share = lockShare(at.pgItems);
      const where =
        at.workers === LOCK_GOAL_WORKERS
          ? `at ${LOCK_GOAL_WORKERS} workers`
          : `at ${at.workers} worker(s) — ${LOCK_GOAL_WORKERS} not measured`;
      parts.push(`lock waits 0 % ${where} ${passMiss(at.pgItems.lock === 0)} (${pct(share)})`);
    }
    console.log(`- ${engine}: ${parts.join('; ')}.`);
  }
}

function printProjection(rows: Row[], ctx: ReportContext): void {
  const { size, projectionCores: C } = ctx;
  const perItem = (cpuS: number) => (cpuS * 1000) / size;
  const engines = (['bullmq-redis', 'bullmq-postgres'] as const).filter((e) =>
    rows.some((r) => r.engine === e && r.workers === 1),
  );
  if (engines.length === 0) return;
  console.log(
    `\nProjection for a real deployment — from each engine's 1-worker row (items phase, the least disturbed by this machine's ${ctx.cores} cores): N worker machines of C = ${C} cores (one worker process per core), one PostgreSQL server of K cores, one Redis (single-threaded, 1 core), one web process (every item's events reach every web process):`,
  );
  console.log('  items/s ≈ min(N·C·1000/w, K·1000/p, 1000/r, 1000/x)');
  console.log(
    '  with w, p, r, x the CPU ms per item of the workers, PostgreSQL, Redis and the web process. CPU only: lock waits, network round trips and planning (Hostify-bound, once per job) are not in it.',
  );
  const letter: Record<Component, string> = { workers: 'W', PostgreSQL: 'P', Redis: 'R', 'web process': 'x' };
  for (const engine of engines) {
    const one = rows.find((r) => r.engine === engine && r.workers === 1) as Row;
    const c = one.cpuItems;
    const cpu: PerItemCpuMs = {
      workers: perItem(c.workers),
      web: perItem(c.web),
      pg: perItem(c.pg),
      redis: engine === 'bullmq-redis' ? perItem(c.redis) : 0,
    };
    console.log(
      `\n${engine}: w = ${fmt(cpu.workers, 2)} ms, p = ${fmt(cpu.pg, 2)} ms, r = ${engine === 'bullmq-redis' ? `${fmt(cpu.redis, 2)} ms` : '— (no Redis)'}, x = ${fmt(cpu.web, 2)} ms per item. items/s (the bound: W workers, P PostgreSQL, R Redis, x web process):\n`,
    );
    console.log(
      table(
        ['N worker machines', ...PROJECTION_PG_CORES.map((k) => `K = ${k} PG cores`)],
        PROJECTION_MACHINES.map((n) => [
          n,
          ...PROJECTION_PG_CORES.map((k) => {
            const p = project(cpu, { machines: n, coresPerMachine: C, pgCores: k });
            return `${fmt(p.itemsPerS, 0)} ${letter[p.limitedBy]}`;
          }),
        ]),
      ),
    );
    const sat = PROJECTION_PG_CORES.map((k) => {
      const s = saturation(cpu, C, k);
      return s
        ? `K = ${k}: ${s.component} at ${fmt(s.itemsPerS, 0)} items/s, reached with ${s.machines} machine(s)`
        : `K = ${k}: nothing but the workers bounds it`;
    });
    console.log(`Saturates first — ${sat.join('; ')}.`);
    const most = rows.filter((r) => r.engine === engine).reduce((a, b) => (b.workers > a.workers ? b : a));
    if (most.pgItems.lock > 0)
      console.log(
        `Upper bound: at ${most.workers} worker(s) ${pct(lockShare(most.pgItems))} of PostgreSQL's busy connections waited for a lock; rows every item updates serialize the items whatever the cores, which this formula does not see.`,
      );
  }
}

function printNotes(rows: Row[], ctx: ReportContext): void {
  const { size } = ctx;
  const itemsPerS = (r: Row) => size / r.itemsS;
  const perItem = (cpuS: number) => (cpuS * 1000) / size;
  console.log('\nWhere scaling stops:');
  const callCounts = new Set(rows.map((r) => r.calls));
  console.log(
    `- Hostify: ${callCounts.size === 1 ? `${[...callCounts][0]} calls for every row, whatever the workers` : `${[...callCounts].join(' / ')} calls`} — only planning calls it. Planning took ${rows.map((r) => fmt(r.planS, 1)).join(' / ')} s against a Hostify lower bound of ${fmt(rows[0]?.lowerBoundS ?? Number.NaN, 2)} s: one process plans, and workers cannot lower it.`,
  );
  for (const engine of ENGINES) {
    const engineRows = rows.filter((r) => r.engine === engine);
    const base = engineRows.find((r) => r.workers === 1);
    if (!base || engineRows.length < 2) continue;
    const most = engineRows.reduce((a, b) => (b.workers > a.workers ? b : a));
    const best = engineRows.reduce((a, b) => (b.itemsS < a.itemsS ? b : a));
    const reasons: string[] = [];
    const share = lockShare(most.pgItems);
    if (share > 0)
      reasons.push(
        `${pct(share)} of PostgreSQL's busy connections wait for a lock with ${most.workers} workers (${pct(lockShare(base.pgItems))} with one)`,
      );
    reasons.push(
      most.cpuItems.machineBusy > 0.85
        ? `the machine's ${ctx.cores} cores are ${pct(most.cpuItems.machineBusy)} busy in the items phase (every process and the servers share them)`
        : `the machine is ${pct(most.cpuItems.machineBusy)} busy in the items phase`,
    );
    const grow = perItem(most.cpuItems.total) / perItem(base.cpuItems.total);
    if (grow > 1.15)
      reasons.push(
        `CPU per item grows from ${fmt(perItem(base.cpuItems.total), 2)} to ${fmt(perItem(most.cpuItems.total), 2)} ms with ${most.workers} workers`,
      );
    console.log(
      `- ${engine}: ${engineRows.map((r) => `${r.workers}w ${fmt(itemsPerS(r), 0)} items/s`).join(', ')}; fastest with ${best.workers} worker(s) (${fmt(base.itemsS / best.itemsS, 2)}× one). ${reasons.join('; ')}.`,
    );
  }
  const failures = rows.filter((r) => r.startupSyncFailures > 0);
  if (failures.length > 0)
    console.log(
      `- Start-up catalog syncs that failed (not fatal; planning syncs again): ${failures.map((r) => `${r.engine} ×${r.workers}: ${r.startupSyncFailures}`).join(', ')}.`,
    );
  console.log(
    '- "other ms" is the CPU the rest of the machine used meanwhile (other users, this benchmark, the simulator): noise in every figure when large.',
  );
}
