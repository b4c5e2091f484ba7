import type { Kysely } from 'kysely';

/** When and to whom a statement was e-mailed, and every delivery attempt. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('statements').addColumn('sent_at', 'text').execute();
  await db.schema.alterTable('statements').addColumn('sent_to', 'text').execute();
  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('statement_id', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('via', 'text')
    .addColumn('message_id', 'text')
    .addColumn('error', 'text')
    .addColumn('resend', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('deliveries_statement_idx')
    .on('deliveries')
    .columns(['statement_id', 'id'])
    .execute();
}
