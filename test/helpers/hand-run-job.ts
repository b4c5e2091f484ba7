/**
 * A bulk job that no engine runs: the test plans it, records its batches one by one (every item
 * skipped, `no_activity`) and completes it, straight through the job store — for event stream
 * tests that decide themselves which events are published, lost or late.
 */
import { expect } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { buildJobResult } from '../../src/jobs/job-result.js';
import type { FinishedBatch, JobStore } from '../../src/model/job-store.js';
import type { JobRecord } from '../../src/model/jobs.js';
import { PERIOD } from './known-dataset.js';

export interface HandRunJob {
  job: JobRecord;
  /** Records the next batch; null when none is left. */
  recordNext(): Promise<FinishedBatch | null>;
  /** Completes the job in the store with its result; the completed job. */
  complete(): Promise<JobRecord>;
}

export async function handRunJob(
  store: JobStore<Db>,
  options: { count: number; batchSize: number; name?: (i: number) => string },
): Promise<HandRunJob> {
  const { jobs, items } = store;
  const now = new Date().toISOString();
  const { job } = await jobs.create(
    {
      type: 'bulk_statement_generation',
      params: { ...PERIOD },
      dedupeKey: null,
      retryOf: null,
      createdBy: null,
    },
    now,
  );
  const planned = Array.from({ length: options.count }, (_, i) => ({
    propertyId: String(100_000 + i),
    propertyName: options.name?.(i) ?? `Property ${i}`,
    ownerId: null,
    payload: null,
  }));
  expect(await items.savePlan(job.id, planned, options.batchSize, now)).toBe(true);
  let nextBatch = 0;
  return {
    job,
    recordNext: async () => {
      const pending = await items.pendingInBatch(job.id, nextBatch++);
      if (pending.length === 0) return null;
      const outcome = { status: 'skipped', reason: 'no_activity' } as const;
      return items.finishBatch(
        job.id,
        pending.map((item) => ({ item, outcome })),
        now,
      );
    },
    complete: async () => {
      const result = buildJobResult(job.type, await items.resultRows(job.id), []);
      expect(await jobs.finish(job.id, 'completed', { result }, now)).toBe(true);
      const finished = await jobs.get(job.id);
      if (!finished) throw new Error('the job is gone');
      return finished;
    },
  };
}
