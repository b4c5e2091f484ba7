import type { Kysely } from 'kysely';

/**
 * Settings admins change at run time (a key and a JSON value), and one row per scheduled run:
 * the primary key on `period_key` is what makes the monthly generation start once per period,
 * however many processes fire at the same moment.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema
    .createTable('schedule_runs')
    .addColumn('period_key', 'text', (c) => c.primaryKey())
    .addColumn('job_id', 'text')
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text', (c) => c.notNull())
    .execute();
}
