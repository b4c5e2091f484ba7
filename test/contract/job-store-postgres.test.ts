/**
 * The SQL job store on PostgreSQL through the job store contract: a fresh, migrated database on
 * TEST_PG_URL for this file (a pool of 5 connections, so concurrent calls really overlap),
 * dropped after. Skipped with a message when PostgreSQL does not answer, except under CI=true,
 * where that is a failure.
 */
import { describe } from 'vitest';
import { migrateToLatest } from '../../src/db/database.js';
import { SqlJobStore } from '../../src/db/repositories/sql-job-store.js';
import { requireService } from '../helpers/services.js';
import { createPostgresTestDatabase, TEST_PG_URL } from '../helpers/test-database.js';
import { describeJobStoreContract } from './job-store.contract.js';

const available = await requireService('PostgreSQL', TEST_PG_URL, 'the job store tests on PostgreSQL');

(available ? describe : describe.skip)('job store on PostgreSQL', () => {
  describeJobStoreContract('SQL adapter on PostgreSQL', async () => {
    const database = await createPostgresTestDatabase();
    try {
      await migrateToLatest(database.db);
    } catch (error) {
      await database.db.destroy();
      await database.drop();
      throw error;
    }
    return {
      store: new SqlJobStore(database.db),
      close: async () => {
        await database.db.destroy();
        await database.drop();
      },
    };
  });
});
