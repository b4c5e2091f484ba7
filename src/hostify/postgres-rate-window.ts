/**
 * The shared Hostify rate window in PostgreSQL (for JOB_ENGINE=bullmq-postgres), on the
 * application's own Kysely connection (no second pool) and the `hostify_rate_window` table of
 * migration 011: `max` slots per key, each holding the time of the last start made on it. One
 * statement takes the slot whose start left the window longest ago (skipping slots another
 * process is taking at that instant) and stamps it with the database's clock, so any window
 * holds at most `max` starts, whatever the number of processes and however their clocks differ.
 *
 * A migration-managed table rather than rate-limiter-flexible's RateLimiterPostgres: that one
 * creates its own table outside the migrations and counts a fixed window, which lets 2 × max
 * through around a window's end (see redis-rate-window.ts).
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { RateWindowAnswer, RateWindowLimit, SharedRateWindow } from './rate-window.js';

export interface PostgresRateWindowOptions {
  /** The application's database (PostgreSQL), migrated. Not closed by close(). */
  db: Db;
  /** From rateWindowKey(). */
  key: string;
}

interface AcquireRow {
  slot: number | null;
  now: string | number;
  oldest: string | number | null;
  slots: string | number;
}

export function createPostgresRateWindow(options: PostgresRateWindowOptions): SharedRateWindow {
  const { db, key } = options;
  // The slot rows are made once per (key, max); a process configured with a larger max adds
  // slots, and each process uses only the first `max` of them.
  let slotsFor = 0;

  async function ensureSlots(max: number): Promise<void> {
    if (slotsFor >= max) return;
    await sql`insert into hostify_rate_window (key, slot, started_at)
      select ${key}, s, 0 from generate_series(0, ${max - 1}::int) as s
      on conflict (key, slot) do nothing`.execute(db);
    slotsFor = max;
  }

  return {
    label: 'PostgreSQL',
    async tryAcquire({ max, windowMs }: RateWindowLimit): Promise<RateWindowAnswer> {
      await ensureSlots(max);
      const window = Math.ceil(windowMs);
      // `clock` is evaluated once (a volatile CTE is materialised). The final sub-select reads
      // the rows as they were before this statement's update, which is what the wait needs.
      const result = await sql<AcquireRow>`
        with clock as materialized (
          select floor(extract(epoch from clock_timestamp()) * 1000)::bigint as now
        ),
        free as (
          select w.slot from hostify_rate_window w, clock
          where w.key = ${key} and w.slot < ${max} and w.started_at <= clock.now - ${window}
          order by w.started_at
          limit 1
          for update of w skip locked
        ),
        taken as (
          update hostify_rate_window w set started_at = clock.now
          from clock, free
          where w.key = ${key} and w.slot = free.slot
          returning w.slot
        )
        select
          (select slot from taken) as slot,
          (select now from clock) as now,
          (select min(started_at) from hostify_rate_window where key = ${key} and slot < ${max}) as oldest,
          (select count(*) from hostify_rate_window where key = ${key} and slot < ${max}) as slots
      `.execute(db);
      const row = result.rows[0];
      if (!row) throw new Error('the Hostify rate window query returned no row');
      if (row.slot !== null) return { acquired: true };
      if (Number(row.slots) < max) {
        // The rows are gone (the table is UNLOGGED: a database crash or a failover empties it):
        // make them again on the next try, which then finds free slots.
        slotsFor = 0;
        return { acquired: false, retryInMs: 1 };
      }
      // Slots still held by a statement of another process at this instant show their old time:
      // then the wait is ~0, and the next try sees the new one.
      const frees = Number(row.oldest ?? 0) + window - Number(row.now);
      return { acquired: false, retryInMs: Math.max(1, Math.min(window, frees)) };
    },
    // The database belongs to the application, which closes it.
    close: async () => {},
  };
}
