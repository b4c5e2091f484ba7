/**
 * The SQL job store on SQLite through the job store contract: a migrated database file in a
 * temporary directory (WAL, as a server opens it), removed after.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openSqlite } from '../../src/db/database.js';
import { SqlJobStore } from '../../src/db/repositories/sql-job-store.js';
import { describeJobStoreContract } from './job-store.contract.js';

describeJobStoreContract('SQL adapter on SQLite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'job-store-'));
  const db = openSqlite({ filename: join(dir, 'owner-statements.sqlite') });
  await migrateToLatest(db);
  return {
    store: new SqlJobStore(db),
    close: async () => {
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
