/**
 * Copies an installation's store into another (SQLite → PostgreSQL when moving to distributed
 * mode): every table, in chunks, then compares the row counts. The target must be empty.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';

/** In an order where nothing refers to a row not copied yet. */
export const COPIED_TABLES: ReadonlyArray<keyof Database> = [
  'owners',
  'properties',
  'child_listings',
  'users',
  'statements',
  'import_batches',
  'ledger_entries',
  'statement_overrides',
  'deliveries',
  'jobs',
  'job_items',
  'job_notifications',
  'settings',
  'company_details',
  'owner_delivery_preferences',
  'schedule_runs',
  'api_tokens',
  'sessions',
  'audit_log',
];

/** The tables left out, and why: state that is worth nothing on another installation. */
export const NOT_COPIED_TABLES: Readonly<Partial<Record<keyof Database, string>>> = {
  rate_limits: 'rate limiter counters (sign-in attempts, password resets), which expire by themselves',
  hostify_rate_window: "the Hostify request window's slots, worth a second",
};

const CHUNK = 200;

async function count(db: Db, table: keyof Database): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

export interface CopyReport {
  table: string;
  source: number;
  target: number;
}

export async function copyStore(
  source: Db,
  target: Db,
  log: (line: string) => void = () => {},
): Promise<CopyReport[]> {
  for (const table of COPIED_TABLES) {
    if ((await count(target, table)) > 0) {
      throw new Error(`the target already has rows in ${table}; copy only into an empty database`);
    }
  }
  await target.transaction().execute(async (trx) => {
    for (const table of COPIED_TABLES) {
      let offset = 0;
      for (;;) {
        const rows = await sql<
          Record<string, unknown>
        >`select * from ${sql.table(table)} limit ${CHUNK} offset ${offset}`.execute(source);
        if (rows.rows.length === 0) break;
        await trx
          .insertInto(table)
          .values(rows.rows as never)
          .execute();
        offset += rows.rows.length;
      }
      log(`${table}: ${offset} rows`);
    }
  });
  const report: CopyReport[] = [];
  for (const table of COPIED_TABLES) {
    report.push({ table, source: await count(source, table), target: await count(target, table) });
  }
  return report;
}
