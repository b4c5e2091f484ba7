import type { Kysely } from 'kysely';

/**
 * Work items run in batches: each item belongs to the batch planning put it in (a batch is one
 * unit of queue work and one transaction), and a `runInBackground` job holds a lease its process
 * renews, so a start elsewhere fails only the jobs whose process really stopped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('job_items')
    .addColumn('batch', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('job_items_batch_idx')
    .on('job_items')
    .columns(['job_id', 'batch', 'status'])
    .execute();
  await db.schema.alterTable('jobs').addColumn('lease_until', 'text').execute();
}
