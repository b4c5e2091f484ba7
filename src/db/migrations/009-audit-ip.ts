import type { Kysely } from 'kysely';

/** The client IP of each audited change (null for the system and for older entries). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('ip', 'text').execute();
}
