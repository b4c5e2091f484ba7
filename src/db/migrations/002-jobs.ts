import { type Kysely, sql } from 'kysely';

/**
 * Durable background jobs and their work items. The job row is what users see (status, counts,
 * result); items are the units of work (one property each), re-run after a crash until finished.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text')
    // 'engine': durable, run by the job engine; 'inprocess': runInBackground, not resumable.
    .addColumn('runner', 'text', (c) => c.notNull().defaultTo('engine'))
    .addColumn('total', 'integer')
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('succeeded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('planned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retry_of', 'text')
    .addColumn('created_by', 'text')
    .addColumn('error', 'text')
    .addColumn('result', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('completed_at', 'text')
    .execute();
  // At most one unfinished job per identical request: a second identical request meets this
  // index and answers with the first job instead of starting another.
  await sql`create unique index jobs_active_dedupe_uq on jobs (dedupe_key) where status in ('queued', 'processing')`.execute(
    db,
  );
  await db.schema.createIndex('jobs_status_idx').on('jobs').columns(['status', 'id']).execute();
  await db.schema.createIndex('jobs_completed_idx').on('jobs').column('completed_at').execute();

  await db.schema
    .createTable('job_items')
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('property_id', 'text', (c) => c.notNull())
    .addColumn('property_name', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer')
    .addColumn('reason', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error', 'text')
    .addColumn('statement_id', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addPrimaryKeyConstraint('job_items_pk', ['job_id', 'property_id'])
    .execute();
  await db.schema.createIndex('job_items_status_idx').on('job_items').columns(['job_id', 'status']).execute();
  await db.schema.createIndex('job_items_seq_idx').on('job_items').columns(['job_id', 'seq']).execute();
}
