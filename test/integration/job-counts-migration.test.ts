/**
 * Migration 012 renames the jobs table's counters to the spec's words (succeeded → generated,
 * failed → errors). A job stored before it keeps its counts, and a job that was running when the
 * installation was upgraded goes on counting from them. SQLite here; PostgreSQL in the server-pg
 * project (TEST_DB=postgres), as every integration suite.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../src/db/migrations/index.js';
import { SqlJobStore } from '../../src/db/repositories/sql-job-store.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const now = '2025-11-01T00:00:00.000Z';

/** A jobs row as migration 011 left the table: counters named succeeded / skipped / failed. */
const oldJob = (
  id: string,
  status: string,
  counts: { succeeded: number; skipped: number; failed: number },
) => ({
  id,
  type: 'bulk_statement_generation',
  status,
  params: '{"startDate":"2025-10-01","endDate":"2025-10-31"}',
  dedupe_key: null,
  runner: 'engine',
  total: counts.succeeded + counts.skipped + counts.failed + (status === 'processing' ? 1 : 0),
  progress: counts.succeeded + counts.skipped + counts.failed,
  ...counts,
  planned: 1,
  retry_of: null,
  created_by: null,
  error: null,
  result: null,
  unattributed: null,
  created_at: now,
  started_at: now,
  completed_at: status === 'processing' ? null : now,
  lease_until: null,
});

describe('migration 012 (job counters under the spec names)', () => {
  let dir: string;
  let test: TestDatabase;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'os-mig012-'));
    test = await createTestDatabase(dir);
  });

  afterEach(async () => {
    await test.db.destroy();
    await test.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every stored job’s counts, under the new names, and a running job goes on counting', async () => {
    const migrator = new Migrator({ db: test.db, provider: migrationProvider });
    const to011 = await migrator.migrateTo('011-hostify-rate-window');
    expect(to011.error).toBeUndefined();
    const done = oldJob('job_done', 'completed', { succeeded: 7, skipped: 2, failed: 3 });
    const running = oldJob('job_running', 'processing', { succeeded: 4, skipped: 0, failed: 1 });
    // biome-ignore lint/suspicious/noExplicitAny: the table as it was before 012
    const before = test.db as any;
    await before.insertInto('jobs').values([done, running]).execute();
    await before
      .insertInto('job_items')
      .values({
        job_id: running.id,
        property_id: 'p_last',
        property_name: 'Last',
        owner_id: null,
        status: 'pending',
        seq: null,
        reason: null,
        error_code: null,
        error: null,
        statement_id: null,
        attempts: 0,
        payload: '{}',
        finished_at: null,
        batch: 0,
      })
      .execute();

    const latest = await migrator.migrateToLatest();
    expect(latest.error).toBeUndefined();
    expect(latest.results?.map((r) => [r.migrationName, r.status])).toContainEqual([
      '012-job-counts-spec-names',
      'Success',
    ]);

    // The rows as they were, with the two counters renamed and nothing else changed.
    const rows = await test.db.selectFrom('jobs').selectAll().orderBy('id').execute();
    const renamed = ({ succeeded, failed, ...rest }: ReturnType<typeof oldJob>) => ({
      ...rest,
      generated: succeeded,
      errors: failed,
    });
    expect(rows).toEqual([renamed(done), renamed(running)]);

    const store = new SqlJobStore(test.db);
    expect((await store.jobs.get(done.id))?.counts).toEqual({ generated: 7, skipped: 2, errors: 3 });
    const [item] = await store.items.pendingInBatch(running.id, 0);
    if (!item) throw new Error('the running job’s pending item');
    const finished = await store.items.finishBatch(
      running.id,
      [{ item, outcome: { status: 'succeeded', statementId: null } }],
      now,
    );
    expect(finished).toMatchObject({
      progress: 6,
      total: 6,
      counts: { generated: 5, skipped: 0, errors: 1 },
    });
    expect(finished?.items.map((i) => i.seq)).toEqual([6]);
    expect((await store.jobs.get(running.id))?.counts).toEqual({ generated: 5, skipped: 0, errors: 1 });
  });
});
