import type { Kysely } from 'kysely';

/**
 * Expense imports: each uploaded file that was imported is one batch, so its entries can be
 * found, listed and undone together. A batch row stays after an undo (marked undone, with who
 * and when), while its entries are deleted. Ledger entries gain an optional category and vendor
 * (what expense files carry besides the description) and the batch they came from (null for an
 * entry added by hand). Totals are JSON text: per type and currency, never summed across
 * currencies.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('import_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    /** SHA-256 of the file's bytes (hex): the preview says when the same file was imported before. */
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('entry_count', 'integer', (c) => c.notNull())
    /** JSON: [{ type, currency, count, amount }] */
    .addColumn('totals', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'text')
    .execute();
  await db.schema.createIndex('import_batches_sha_idx').on('import_batches').column('file_sha256').execute();

  await db.schema.alterTable('ledger_entries').addColumn('category', 'text').execute();
  await db.schema.alterTable('ledger_entries').addColumn('vendor', 'text').execute();
  await db.schema.alterTable('ledger_entries').addColumn('import_batch_id', 'text').execute();
  await db.schema
    .createIndex('ledger_import_batch_idx')
    .on('ledger_entries')
    .column('import_batch_id')
    .execute();
}
