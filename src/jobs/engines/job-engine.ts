/**
 * The port between the job service and whatever schedules work. The embedded engine runs the
 * batches of items in this process from the SQLite store; a distributed engine (BullMQ) fans them
 * out to workers.
 * Both pass the same contract suite (test/contract/job-engine.contract.ts).
 */
import type { JobEventBus } from '../event-bus.js';

export interface JobEngine {
  /** Begins processing, resuming every job left unfinished (after a restart or a crash). */
  start(): Promise<void>;
  /** Stops taking batches and waits for the ones in flight; unfinished jobs resume at next start. */
  stop(): Promise<void>;
  /** A queued job exists in the store: schedule it. */
  enqueue(jobId: string): Promise<void>;
  /** The job was marked cancelled in the store: stop its items everywhere, then settle it. */
  cancel(jobId: string): Promise<void>;
  /** Events of every job, from whichever worker does the work. */
  readonly events: JobEventBus;
}
