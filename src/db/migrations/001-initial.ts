import type { Kysely } from 'kysely';

/** Owners, properties and their settings, statements, expenses and adjustments. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('owners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull())
    .addColumn('synced_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('properties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('nickname', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('is_listed', 'integer', (c) => c.notNull())
    .addColumn('commission_bp', 'integer', (c) => c.notNull().defaultTo(1500))
    .addColumn('commission_basis', 'text', (c) => c.notNull().defaultTo('net'))
    .addColumn('owner_remits_taxes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('synced_at', 'text', (c) => c.notNull())
    .addColumn('settings_updated_at', 'text')
    .execute();
  await db.schema.createIndex('properties_owner_idx').on('properties').column('owner_id').execute();

  await db.schema
    .createTable('child_listings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('property_id', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('property_id', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('calculation_type', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('net_payout', 'bigint', (c) => c.notNull())
    .addColumn('lines', 'text', (c) => c.notNull())
    .addColumn('expenses', 'text', (c) => c.notNull())
    .addColumn('adjustments', 'text', (c) => c.notNull())
    .addColumn('totals', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The guarantee "at most one statement per property and period" lives in the database, so no
  // race between two generators can break it.
  await db.schema
    .createIndex('statements_property_period_uq')
    .on('statements')
    .columns(['property_id', 'period_start', 'period_end'])
    .unique()
    .execute();
  await db.schema.createIndex('statements_owner_idx').on('statements').column('owner_id').execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('property_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_property_date_idx')
    .on('ledger_entries')
    .columns(['property_id', 'date'])
    .execute();
}
