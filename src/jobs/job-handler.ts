/**
 * What a job type does, independent of the engine that schedules it: plan the items once, then
 * run them in batches (on any worker, possibly more than once — batches must be idempotent).
 */
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import type { ItemOutcome, JobItem, JobRecord, JobType, PlannedItem } from '../model/jobs.js';
import type { RetryPolicy } from './retry-policy.js';

export interface HandlerContext {
  logger: Logger;
  /** Aborted when the job is cancelled or the engine stops. */
  signal: AbortSignal;
  /** How transient failures are retried (for handlers that retry single items themselves). */
  retry: RetryPolicy;
  /** Counts a failed attempt of an item in the store, so a restart does not reset its budget. */
  recordAttempt(propertyId: string): Promise<void>;
}

/**
 * A batch whose reads and computing are done. `commit` runs inside the batch's transaction,
 * together with the recording of the items' outcomes: it writes what the batch produced for the
 * `claimed` items only (the ones still pending, locked for this transaction — another run of the
 * batch may have recorded the others meanwhile, and its writes must stand) and returns each
 * item's outcome by property id. An item it leaves out stays pending (it runs again).
 */
export interface BatchWork {
  commit(tx: Db, claimed: ReadonlySet<string>): Promise<Map<string, ItemOutcome>>;
}

export interface JobHandler {
  readonly type: JobType;
  /** Items per batch for this job type; the engine's batch size when absent. */
  readonly batchSize?: number;
  /**
   * Running a batch again gives the same result (it computes; it sends nothing), so its commit
   * need not wait for the disk (TransactionOptions.replayable). Not for batches that e-mail:
   * a lost record of a sent mail would turn it into "already sent" on the re-run.
   */
  readonly replayableBatches?: boolean;
  /**
   * Fetches what the job needs and returns its work items. Throw a `JobFailure` to fail the job
   * with a message for users; a transient error makes the engine plan again later.
   */
  plan(job: JobRecord, ctx: HandlerContext): Promise<PlannedItem[]>;
  /**
   * Runs a batch of pending items up to its commit. Throwing a transient error retries the whole
   * batch with backoff; any other error runs each item of the batch alone, so one property's
   * problem is that property's error only.
   */
  runBatch(job: JobRecord, items: readonly JobItem[], ctx: HandlerContext): Promise<BatchWork>;
}

/** A job-level failure whose message is shown to users as the job's `error`. */
export class JobFailure extends Error {
  constructor(
    message: string,
    readonly transient = false,
  ) {
    super(message);
    this.name = 'JobFailure';
  }
}

/** A batch whose outcomes are all decided (nothing to write in the transaction). */
export const decided = (outcomes: Map<string, ItemOutcome>): BatchWork => ({
  commit: async () => outcomes,
});
