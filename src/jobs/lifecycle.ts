/**
 * The one owner of a job's lifecycle: the only code that creates, plans, records batches,
 * completes, fails, cancels and resumes jobs, and the only publisher of job events and of the
 * "job finished" log line. Engines decide only where and when its steps run (so the embedded
 * and the distributed engines behave the same); the job service is a typed façade over it.
 */
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { HostifyError } from '../hostify/errors.js';
import { type Clock, isoNow } from '../lib/clock.js';
import { retry } from '../lib/retry.js';
import type { FinishedBatch, JobStore, NewJob } from '../model/job-store.js';
import type { ItemOutcome, JobItem, JobRecord, JobResult, JobType, PlannedItem } from '../model/jobs.js';
import type { JobEventBus } from './event-bus.js';
import { type HandlerContext, JobFailure, type JobHandler } from './job-handler.js';
import { buildJobResult, resultCount } from './job-result.js';
import { backoffOf, codeOf, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import { errorMessage, isTransient } from './transient.js';

/** Writes that belong with a change of a job (its audit row), in the change's transaction. */
export type Alongside = (job: JobRecord, tx: Db) => Promise<void>;

/** Items per batch by default: one unit of queue work and one transaction. */
export const DEFAULT_BATCH_SIZE = 25;

export interface JobLifecycleDeps {
  store: JobStore<Db>;
  handlers: ReadonlyMap<JobType, JobHandler>;
  events: JobEventBus;
  clock: Clock;
  logger: Logger;
  retry?: Partial<RetryPolicy>;
  /** Items per batch (JOB_BATCH_SIZE), unless a job type sets its own. */
  batchSize?: number;
}

/** How a batch run ended: recorded (or nothing was pending), or stopped by the signal first. */
export type BatchRun = 'done' | 'aborted';

export class JobLifecycle {
  readonly retry: RetryPolicy;
  readonly batchSize: number;

  constructor(private readonly deps: JobLifecycleDeps) {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...deps.retry };
    this.batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1)
      throw new RangeError(`the batch size must be an integer ≥ 1, got ${this.batchSize}`);
  }

  get store(): JobStore<Db> {
    return this.deps.store;
  }

  logFor(jobId: string): Logger {
    return this.deps.logger.child({ jobId });
  }

  private handlerFor(type: JobType): JobHandler {
    const handler = this.deps.handlers.get(type);
    if (!handler) throw new Error(`no handler for job type ${type}`);
    return handler;
  }

  private now(): string {
    return isoNow(this.deps.clock);
  }

  // ---- creating -------------------------------------------------------------------------

  /**
   * A queued job, or the identical unfinished one (`created: false`). `alongside` writes what
   * belongs with a new job (its audit row) in the transaction that creates it.
   */
  async create(job: NewJob, alongside?: Alongside): Promise<{ job: JobRecord; created: boolean }> {
    const result = alongside
      ? await this.createWith(job, alongside)
      : await this.deps.store.jobs.create(job, this.now());
    const log = this.logFor(result.job.id);
    if (result.created) log.info({ type: job.type, params: job.params }, 'job created');
    else log.info({ type: job.type }, 'identical job already running; reusing it');
    return result;
  }

  private async createWith(job: NewJob, alongside: Alongside): Promise<{ job: JobRecord; created: boolean }> {
    // An identical job created by someone else between the look-up and the insert ends the
    // transaction with a unique violation; the next round finds that job.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.deps.store.transaction(async (tx) => {
          const result = await tx.jobs.create(job, this.now());
          if (result.created) await alongside(result.job, tx.db);
          return result;
        });
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 2) throw error;
      }
    }
  }

  /** Unfinished engine jobs, oldest first: what an engine resumes after a restart. */
  resumable(): Promise<JobRecord[]> {
    return this.deps.store.jobs.listActive();
  }

  // ---- planning -------------------------------------------------------------------------

  /**
   * Plans the job if it has no items yet. Returns false when the job ended instead (failed
   * planning, cancelled meanwhile).
   */
  async plan(job: JobRecord, signal: AbortSignal): Promise<boolean>;
  /**
   * With `deferOnRateLimit`, a Hostify 429 that outlasted the client's retries is handed back
   * (`'rate-limited'`) instead of waited out here, so a queue engine can pause the whole queue.
   */
  async plan(
    job: JobRecord,
    signal: AbortSignal,
    options: { deferOnRateLimit: true },
  ): Promise<boolean | 'rate-limited'>;
  async plan(
    job: JobRecord,
    signal: AbortSignal,
    options: { deferOnRateLimit?: boolean } = {},
  ): Promise<boolean | 'rate-limited'> {
    if (job.planned) return true;
    const log = this.logFor(job.id);
    const handler = this.handlerFor(job.type);
    // Handed back to the engine, not retried here (see the overload above).
    const deferred = (error: unknown) =>
      options.deferOnRateLimit === true && error instanceof HostifyError && error.status === 429;
    try {
      return await retry(
        async () => {
          const items = await handler.plan(job, this.context(job, signal));
          // Stopped or cancelled while planning: what the handler returned may be partial.
          if (signal.aborted) return false;
          return await this.savePlan(job, items, handler.batchSize ?? this.batchSize);
        },
        {
          attempts: this.retry.planAttempts,
          backoff: backoffOf(this.retry),
          signal,
          isRetryable: (error) => isTransient(error) && !deferred(error) && !signal.aborted,
          onRetry: ({ error, attempt }) =>
            log.warn({ err: errorMessage(error), attempt }, 'planning failed; retrying'),
        },
      );
    } catch (error) {
      if (signal.aborted) return false;
      if (deferred(error)) return 'rate-limited';
      await this.fail(job.id, error instanceof JobFailure ? error.message : describeFailure(error));
      return false;
    }
  }

  private async savePlan(job: JobRecord, items: PlannedItem[], batchSize: number): Promise<boolean> {
    const saved = await this.deps.store.items.savePlan(job.id, items, batchSize, this.now());
    if (!saved) return false;
    this.logFor(job.id).info(
      { total: items.length, batches: Math.ceil(items.length / batchSize), params: job.params },
      'job started',
    );
    if (items.length === 0) await this.finishIfDone(job.id);
    return true;
  }

  /** The batches of a job that still have pending items. */
  pendingBatches(jobId: string): Promise<number[]> {
    return this.deps.store.items.pendingBatches(jobId);
  }

  // ---- running batches ------------------------------------------------------------------

  /**
   * Runs one batch's pending items and records their outcomes, with the handler's writes, in one
   * transaction; completes the job when that was its last work. Safe to run twice (a duplicate
   * finds nothing pending, or records only what is still pending).
   */
  async runBatch(job: JobRecord, batch: number, signal: AbortSignal): Promise<BatchRun> {
    if (signal.aborted) return 'aborted';
    const items = await this.deps.store.items.pendingInBatch(job.id, batch);
    if (items.length === 0) {
      await this.finishIfDone(job.id);
      return 'done';
    }
    return this.runItems(job, items, signal);
  }

  private async runItems(job: JobRecord, items: readonly JobItem[], signal: AbortSignal): Promise<BatchRun> {
    const handler = this.handlerFor(job.type);
    const log = this.logFor(job.id);
    const ids = items.map((i) => i.propertyId);
    const byId = new Map(items.map((i) => [i.propertyId, i]));
    const ctx = this.context(job, signal);
    // Attempts spent on these items so far (the store's count, kept across restarts).
    let spent = Math.max(0, ...items.map((i) => i.attempts));
    let finished: FinishedBatch | null;
    try {
      finished = await retry(
        async () => {
          const work = await handler.runBatch(job, items, ctx);
          return this.deps.store.transaction(
            async (tx) => {
              // Claimed first: a duplicate run of this batch waits here, then finds nothing to write,
              // so it cannot overwrite what the run that recorded the items wrote (maybe newer).
              const claimed = await tx.items.claimPending(job.id, ids);
              if (claimed.size === 0) return null;
              const outcomes = await work.commit(tx.db, claimed);
              const recorded: Array<{ item: JobItem; outcome: ItemOutcome }> = [];
              for (const [propertyId, outcome] of outcomes) {
                const item = byId.get(propertyId);
                if (item && claimed.has(propertyId)) recorded.push({ item, outcome });
              }
              return tx.items.finishBatch(job.id, recorded, this.now());
            },
            { replayable: handler.replayableBatches === true },
          );
        },
        {
          attempts: this.retry.itemAttempts,
          backoff: backoffOf(this.retry),
          spent,
          signal,
          // A run the signal stopped is not a failure of its items: not counted, not retried.
          isRetryable: (error) => isTransient(error) && !signal.aborted,
          onFailure: async (_error, attempt) => {
            if (signal.aborted) return;
            spent = attempt;
            await this.deps.store.items
              .recordAttempts(job.id, ids)
              .catch((e: unknown) =>
                log.warn({ err: errorMessage(e) }, 'could not count the failed attempt'),
              );
          },
          onRetry: ({ error, attempt }) =>
            log.warn(
              { properties: ids.length, first: ids[0], err: errorMessage(error), attempt },
              'batch failed; retrying',
            ),
        },
      );
    } catch (error) {
      if (signal.aborted) return 'aborted';
      if (items.length > 1 && !isTransient(error)) {
        // One property's bad data must not make the others errors: each runs alone, with what is
        // left of its budget (the batch's attempts were its attempts too).
        log.warn(
          { properties: ids.length, err: errorMessage(error) },
          'batch failed; running its items one by one',
        );
        for (const item of items) {
          const alone = { ...item, attempts: Math.max(item.attempts, spent) };
          if ((await this.runItems(job, [alone], signal)) === 'aborted') return 'aborted';
        }
        return 'done';
      }
      const outcome: ItemOutcome = { status: 'failed', code: codeOf(error), error: errorMessage(error) };
      finished = await this.deps.store.items.finishBatch(
        job.id,
        items.map((item) => ({ item, outcome })),
        this.now(),
      );
    }
    // Outside the retries: the batch is committed; what follows must not run it again.
    if (finished) await this.recorded(job, finished);
    // Nothing recorded here: another run did, and it may have been the job's last work.
    else await this.finishIfDone(job.id);
    return 'done';
  }

  /** After a batch was recorded: log its errors, tell listeners, complete the job at its end. */
  private async recorded(job: JobRecord, finished: FinishedBatch): Promise<void> {
    const log = this.logFor(job.id);
    for (const item of finished.items) {
      if (item.status === 'failed') {
        log.error(
          { propertyId: item.propertyId, propertyName: item.propertyName, code: item.code, err: item.error },
          'item failed',
        );
      }
    }
    this.deps.events.publish({
      type: 'items',
      jobId: job.id,
      items: finished.items,
      progress: finished.progress,
      total: finished.total,
      counts: finished.counts,
    });
    // A batch in flight at a cancel, recorded after it: the cancelled job's result must count it.
    // (The process that settles the cancel announces it; this only keeps the result whole.)
    if (finished.status === 'cancelled') await this.saveCancelledResult(job.id);
    // Progress reaches the total exactly once: the batch that recorded the last item completes.
    else if (finished.progress >= finished.total) await this.complete(job.id);
  }

  /**
   * Logs a running job's progress (the engines call it every few seconds). Reads the job without
   * its result; a store hiccup costs one progress line, nothing else.
   */
  async logProgress(jobId: string): Promise<void> {
    const job = (await this.deps.store.jobs.getWithSummary(jobId).catch(() => undefined))?.job;
    if (job?.status !== 'processing') return;
    this.logFor(jobId).info({ progress: job.progress, total: job.total, counts: job.counts }, 'job progress');
  }

  // ---- ending ---------------------------------------------------------------------------

  /** Completes the job when nothing is pending. Safe to call from several workers at once. */
  async finishIfDone(jobId: string): Promise<boolean> {
    if ((await this.deps.store.items.countPending(jobId)) > 0) return false;
    return this.complete(jobId);
  }

  private async complete(jobId: string, result?: JobResult): Promise<boolean> {
    const { jobs } = this.deps.store;
    const final = result ?? (await this.buildResult(jobId));
    if (!final || !(await jobs.finish(jobId, 'completed', { result: final }, this.now()))) return false;
    await this.announce(jobId);
    return true;
  }

  /** Fails the job with a message for users, keeping the result of the items that finished. */
  async fail(jobId: string, message: string): Promise<boolean> {
    const result = await this.buildResult(jobId);
    const kept = result && resultCount(result) > 0 ? result : null;
    if (!(await this.deps.store.jobs.finish(jobId, 'failed', { error: message, result: kept }, this.now())))
      return false;
    await this.announce(jobId);
    return true;
  }

  /** Marks the job cancelled in the store (no new batch starts anywhere); false if it had ended. */
  async cancel(jobId: string, alongside?: Alongside): Promise<boolean> {
    const cancelled = await this.deps.store.transaction(async (tx) => {
      const done = await tx.jobs.finish(jobId, 'cancelled', {}, this.now());
      const job = done && alongside ? await tx.jobs.get(jobId) : undefined;
      if (job && alongside) await alongside(job, tx.db);
      return done;
    });
    if (cancelled) this.logFor(jobId).info('job cancel requested');
    return cancelled;
  }

  /**
   * Stores a cancelled job's partial result and tells listeners, after the batches in flight.
   * Two processes may settle at once, one with an older view: a result that does not account for
   * every finished item is built again.
   */
  async settleCancelled(jobId: string): Promise<void> {
    await this.saveCancelledResult(jobId);
    await this.announce(jobId);
  }

  private async saveCancelledResult(jobId: string): Promise<void> {
    const { jobs } = this.deps.store;
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = await this.buildResult(jobId);
      if (!result) return;
      await jobs.saveResult(jobId, result);
      const job = await jobs.get(jobId);
      if (!job || resultCount(job.result) === job.progress) return;
    }
  }

  private async buildResult(jobId: string): Promise<JobResult | null> {
    const { jobs, items } = this.deps.store;
    const job = await jobs.get(jobId);
    if (!job) return null;
    const [rows, unattributed] = await Promise.all([
      // A delivery job's entries name the owner and statements each e-mail covered (its payload).
      items.resultRows(jobId, { payload: job.type === 'statement_delivery' }),
      jobs.getUnattributed(jobId),
    ]);
    return buildJobResult(job.type, rows, unattributed);
  }

  private async announce(jobId: string): Promise<void> {
    const job = await this.deps.store.jobs.get(jobId);
    if (!job || (job.status !== 'completed' && job.status !== 'failed' && job.status !== 'cancelled')) return;
    const durationMs =
      job.startedAt && job.completedAt ? Date.parse(job.completedAt) - Date.parse(job.startedAt) : null;
    this.logFor(jobId).info(
      {
        status: job.status,
        total: job.total,
        summary: job.result?.summary ?? null,
        error: job.error,
        durationMs,
      },
      `job ${job.status}`,
    );
    this.deps.events.publish({ type: 'finished', jobId, status: job.status, job });
  }

  // ---- jobs run by a function in this process (the spec's runInBackground) ---------------

  /** The spec's startJob: processing with `total` items of work. */
  async startManual(jobId: string, total: number): Promise<boolean> {
    const started = await this.deps.store.jobs.start(jobId, total, this.now());
    if (started) this.logFor(jobId).info({ total }, 'job started');
    return started;
  }

  /** The spec's updateProgress, for jobs without items. */
  async setProgress(jobId: string, progress: number): Promise<boolean> {
    const { jobs } = this.deps.store;
    if (!(await jobs.setProgress(jobId, progress))) return false;
    const job = await jobs.get(jobId);
    if (job) {
      this.deps.events.publish({
        type: 'progress',
        jobId,
        progress: job.progress,
        total: job.total ?? 0,
        counts: job.counts,
      });
    }
    return true;
  }

  /** The spec's completeJob, with the result the job's function produced. */
  completeWith(jobId: string, result: JobResult): Promise<boolean> {
    return this.complete(jobId, result);
  }

  /** runInBackground: this process vouches for the job until `until`. */
  renewLease(jobId: string, until: Date): Promise<void> {
    return this.deps.store.jobs.renewLease(jobId, until.toISOString());
  }

  /** Fails runInBackground jobs whose process stopped (their lease ran out). */
  async failAbandoned(): Promise<number> {
    const failed = await this.deps.store.jobs.failExpiredLeases(this.now());
    for (const jobId of failed) await this.announce(jobId);
    return failed.length;
  }

  private context(job: JobRecord, signal: AbortSignal): HandlerContext {
    return {
      logger: this.logFor(job.id),
      signal,
      retry: this.retry,
      recordAttempt: (propertyId) => this.deps.store.items.recordAttempts(job.id, [propertyId]),
    };
  }
}

/** A message a user understands for a job that could not run at all. */
function describeFailure(error: unknown): string {
  const code = codeOf(error);
  if (code === 'hostify_auth') {
    return `Hostify refused our API key, so no statement was generated. Check HOSTIFY_API_KEY. (${errorMessage(error)})`;
  }
  if (code === 'hostify_unavailable') {
    return `Hostify could not be reached after several retries, so no statement was generated. Try again later. (${errorMessage(error)})`;
  }
  return `The job could not start: ${errorMessage(error)}`;
}
