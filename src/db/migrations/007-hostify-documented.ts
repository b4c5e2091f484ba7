import type { Kysely } from 'kysely';

/**
 * Hostify as documented (issue 12): listing tags on properties; the excluded reservations and
 * reconciliation warnings of a statement; the reservations a job could not attribute to any
 * property. Columns only, each with a default or null, so no row is lost or rewritten:
 * statements stored before keep exactly what they had (no excluded list, no warnings).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('properties')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('statements').addColumn('excluded', 'text').execute();
  await db.schema.alterTable('statements').addColumn('warnings', 'text').execute();
  await db.schema
    .alterTable('statements')
    .addColumn('warning_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('jobs').addColumn('unattributed', 'text').execute();
}
