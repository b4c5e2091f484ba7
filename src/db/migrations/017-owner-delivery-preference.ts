import type { Kysely } from 'kysely';

/**
 * How each owner wants a period's statements e-mailed: `combined` (one mail, one PDF for all
 * their properties) or `per_property` (one mail per statement). A table of ours, keyed by the
 * Hostify user id, not a column of `owners`: the catalog sync rewrites owner rows from Hostify,
 * and a preference must survive every sync. No row means the default, `combined`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('owner_delivery_preferences')
    .addColumn('owner_id', 'text', (c) => c.primaryKey())
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}
