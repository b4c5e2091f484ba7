/**
 * What the row's database connections do while a job runs, sampled every 100 ms from
 * pg_stat_activity and kept per phase (planning, items): how many are busy (in a query or a
 * transaction), and of those how many wait — for a lock (wait_event_type 'Lock': a row or table
 * another transaction holds, e.g. a shared counter row), for the client (a transaction left open
 * while the process does other work), or for I/O — and which statements wait for locks.
 */
import pg from 'pg';

export interface PgSample {
  samples: number;
  /** Sums over the samples of busy connections, and of those waiting. */
  busy: number;
  lock: number;
  client: number;
  io: number;
  /** The statements found waiting for a lock, with how often. */
  lockedStatements: Map<string, number>;
}

export const emptyPgSample = (): PgSample => ({
  samples: 0,
  busy: 0,
  lock: 0,
  client: 0,
  io: 0,
  lockedStatements: new Map(),
});

/** Share of the busy connections that waited for a lock (0 when none was busy). */
export const lockShare = (s: PgSample) => (s.busy === 0 ? 0 : s.lock / s.busy);

export type Phase = 'plan' | 'items';

export interface PgWaitSampler {
  /** From now on, samples count for `phase`. */
  setPhase(phase: Phase): void;
  stop(): Promise<Record<Phase, PgSample>>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function samplePgWaits(adminUrl: string, database: string | undefined): PgWaitSampler {
  const samples: Record<Phase, PgSample> = { plan: emptyPgSample(), items: emptyPgSample() };
  let phase: Phase = 'plan';
  if (!database) return { setPhase: () => undefined, stop: async () => samples };
  const client = new pg.Client({ connectionString: adminUrl });
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      // A diagnostic only: a failed sample is left out, it never fails the benchmark.
      await sampleOnce(samples[phase]).catch(() => undefined);
      await sleep(100);
    }
    await client.end();
  })().catch(() => undefined);

  async function sampleOnce(into: PgSample): Promise<void> {
    const { rows } = await client.query<{ wait: string | null; statement: string }>(
      `select wait_event_type as wait, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as statement
         from pg_stat_activity
        where datname = $1 and state not in ('idle') and pid <> pg_backend_pid()`,
      [database],
    );
    into.samples++;
    for (const { wait, statement } of rows) {
      into.busy++;
      if (wait === 'Lock') {
        into.lock++;
        into.lockedStatements.set(statement, (into.lockedStatements.get(statement) ?? 0) + 1);
      } else if (wait === 'Client') into.client++;
      else if (wait === 'IO') into.io++;
    }
  }

  return {
    setPhase: (next) => {
      phase = next;
    },
    stop: async () => {
      running = false;
      await loop;
      return samples;
    },
  };
}
