import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The shared Hostify rate window of JOB_ENGINE=bullmq-postgres installations
 * (src/hostify/postgres-rate-window.ts): `max` slots per window `key` (the installation's
 * namespace and a hash of the Hostify API key), each holding the time of the last request
 * started on it, in milliseconds of the database's clock. A slot is reused only once its start
 * has left the window, so no window ever holds more than `max` starts.
 *
 * UNLOGGED on PostgreSQL: a slot's time is worth a second, so it need not survive a crash, and
 * without WAL a commit does not wait for a disk flush — that wait (tens of ms on a busy disk)
 * would come between the stamp and the request and blur the window. Unused (but harmless) on
 * SQLite, which has one process.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  let table = db.schema
    .createTable('hostify_rate_window')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('hostify_rate_window_pk', ['key', 'slot']);
  if (db.getExecutor().adapter instanceof PostgresAdapter) table = table.modifyFront(sql`unlogged`);
  await table.execute();
}
