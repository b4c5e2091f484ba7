/**
 * What a job type does, independent of the engine that schedules it: plan the items once, then
 * run each item (on any worker, possibly more than once — items must be idempotent).
 */
import type { Logger } from 'pino';
import type { ItemOutcome, JobItem, JobRecord, JobType, PlannedItem } from './types.js';

export interface HandlerContext {
  logger: Logger;
  /** Aborted when the job is cancelled or the engine stops. */
  signal: AbortSignal;
}

export interface JobHandler {
  readonly type: JobType;
  /**
   * Fetches what the job needs and returns its work items. Throw a `JobFailure` to fail the job
   * with a message for users; a transient error makes the engine plan again later.
   */
  plan(job: JobRecord, ctx: HandlerContext): Promise<PlannedItem[]>;
  /** Runs one item. Throwing a transient error retries it; other errors make the item an error. */
  runItem(job: JobRecord, item: JobItem, ctx: HandlerContext): Promise<ItemOutcome>;
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
