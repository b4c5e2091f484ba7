import type { Kysely } from 'kysely';

/**
 * One row per job whose end was notified by e-mail: the primary key makes "notify once" hold
 * even when several processes see the same `finished` event.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_notifications')
    .addColumn('job_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
