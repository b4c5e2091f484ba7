import type { Kysely } from 'kysely';

/**
 * Line review (issue §4): a person's overrides of a property's statement for one period —
 * exclusions and inclusions of reservations, and manual lines — kept per property and period,
 * not per statement row, so they survive every regeneration (and a deleted draft's successor).
 * A statement keeps the overrides it applied and its manual lines as JSON, as it keeps its
 * settings; both null on statements stored before, which read as none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('statement_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('property_id', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    /** exclude | include | manual */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** exclude/include: the Hostify reservation id; manual: null. */
    .addColumn('reservation_id', 'text')
    /** exclude/include: why. */
    .addColumn('reason', 'text')
    /** manual: what the line is. */
    .addColumn('description', 'text')
    /** manual: signed cents. */
    .addColumn('amount', 'bigint')
    /** manual: 1 when the commission percent applies to it. */
    .addColumn('counts_toward_commission', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  // One exclusion and one inclusion at most per reservation of a property and period. Manual
  // lines have no reservation (null), and nulls never collide in a unique index.
  await db.schema
    .createIndex('statement_overrides_reservation_uq')
    .on('statement_overrides')
    .columns(['property_id', 'period_start', 'period_end', 'kind', 'reservation_id'])
    .unique()
    .execute();
  await db.schema.alterTable('statements').addColumn('overrides', 'text').execute();
  await db.schema.alterTable('statements').addColumn('manual_lines', 'text').execute();
}
