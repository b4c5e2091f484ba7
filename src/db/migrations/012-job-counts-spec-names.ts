import type { Kysely } from 'kysely';

/**
 * The job's counters under the spec's names (`generated / skipped / errors`, issue 14 §4), so the
 * record, the events and the HTTP contract say the same thing and nothing translates between
 * them. A rename keeps every row's values; `RENAME COLUMN` works on SQLite (3.25+) and PostgreSQL.
 * Item statuses (`job_items.status`: succeeded | skipped | failed) are a different thing and stay.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').renameColumn('succeeded', 'generated').execute();
  await db.schema.alterTable('jobs').renameColumn('failed', 'errors').execute();
}
