/**
 * The JobStore port (src/jobs/job-store.ts) on the application's database, SQLite or PostgreSQL.
 */

import { sql } from 'kysely';
import type { JobStore, JobStoreTransaction } from '../../jobs/job-store.js';
import { type Db, isPostgres } from '../database.js';
import { JobItemsRepository } from './job-items-repository.js';
import { JobsRepository } from './jobs-repository.js';

export class SqlJobStore implements JobStore {
  readonly jobs: JobsRepository;
  readonly items: JobItemsRepository;

  constructor(private readonly db: Db) {
    this.jobs = new JobsRepository(db);
    this.items = new JobItemsRepository(db);
  }

  transaction<T>(work: (tx: JobStoreTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      // A batch's transaction is replayable: if PostgreSQL crashes before its commit reaches the
      // disk, its statements and its items' outcomes are lost together and the batch runs again.
      // Not waiting for that flush keeps the job's row locked for less time.
      if (isPostgres(trx)) await sql`set local synchronous_commit = off`.execute(trx);
      return work({ items: new JobItemsRepository(trx), db: trx });
    });
  }
}
