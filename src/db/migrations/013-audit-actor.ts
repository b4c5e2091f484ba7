import type { Kysely } from 'kysely';

/**
 * Who made each audited change when it was not a user: `schedule` (the monthly Generate All) or
 * `system`; `user` for a person. Older entries have none (read as `user` with a user id, else
 * `system`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('actor', 'text').execute();
}
