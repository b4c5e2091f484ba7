/**
 * The JobStore port (src/jobs/job-store.ts) on the application's database, SQLite or PostgreSQL.
 */

import type { JobStore, JobStoreTransaction } from '../../jobs/job-store.js';
import type { Db } from '../database.js';
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
    // A full commit (no `synchronous_commit = off`): the batch's event goes out after the commit,
    // and a batch lost to a PostgreSQL crash after its event would give its numbers to other
    // items, which an event stream resumed past them would never see.
    return this.db.transaction().execute((trx) => work({ items: new JobItemsRepository(trx), db: trx }));
  }
}
