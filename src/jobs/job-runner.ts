/**
 * The engine-agnostic steps of running a job: plan it, run one item (with automatic retries of
 * transient failures), and finish it when no item is pending. Engines decide only *where* and
 * *when* these steps run; so the embedded and the distributed engine behave the same.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { JobRepository } from '../db/repositories/job-repository.js';
import { toFinishedView } from '../db/repositories/job-repository.js';
import { HostifyError } from '../hostify/errors.js';
import { type Clock, isoNow } from '../lib/clock.js';
import type { JobEventBus } from './event-bus.js';
import { type HandlerContext, JobFailure, type JobHandler } from './job-handler.js';
import { backoffMs, errorMessage, isTransient } from './transient.js';
import type { ItemOutcome, JobItem, JobRecord, JobType } from './types.js';

export interface RetryPolicy {
  /** Attempts per item before it is recorded as an error. */
  itemAttempts: number;
  /** Attempts at planning before a transient failure fails the job. */
  planAttempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  itemAttempts: 4,
  planAttempts: 3,
  baseMs: 500,
  maxMs: 15_000,
};

export interface JobRunnerDeps {
  jobs: JobRepository;
  handlers: ReadonlyMap<JobType, JobHandler>;
  events: JobEventBus;
  clock: Clock;
  logger: Logger;
  retry?: Partial<RetryPolicy>;
}

export class JobRunner {
  readonly retry: RetryPolicy;

  constructor(private readonly deps: JobRunnerDeps) {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...deps.retry };
  }

  handlerFor(type: JobType): JobHandler {
    const handler = this.deps.handlers.get(type);
    if (!handler) throw new Error(`no handler for job type ${type}`);
    return handler;
  }

  logFor(jobId: string): Logger {
    return this.deps.logger.child({ jobId });
  }

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
    const { jobs, clock } = this.deps;
    const log = this.logFor(job.id);
    const ctx: HandlerContext = { logger: log, signal };
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) return false;
      try {
        const items = await this.handlerFor(job.type).plan(job, ctx);
        const saved = await jobs.savePlan(job.id, items, isoNow(clock));
        if (saved) log.info({ total: items.length, params: job.params }, 'job started');
        if (saved && items.length === 0) await this.finishIfDone(job.id);
        return saved;
      } catch (error) {
        if (signal.aborted) return false;
        if (options.deferOnRateLimit && error instanceof HostifyError && error.status === 429) {
          return 'rate-limited';
        }
        const last = attempt + 1 >= this.retry.planAttempts;
        if (isTransient(error) && !last) {
          const wait = backoffMs(attempt + 1, this.retry.baseMs, this.retry.maxMs);
          log.warn(
            { err: errorMessage(error), attempt: attempt + 1, waitMs: wait },
            'planning failed; retrying',
          );
          await sleep(wait, undefined, { signal }).catch(() => undefined);
          continue;
        }
        const message = error instanceof JobFailure ? error.message : describeFailure(error);
        await this.fail(job.id, message);
        return false;
      }
    }
  }

  /**
   * Runs one item to its outcome and records it. Transient failures are retried with backoff
   * and jitter; after the last attempt (or a permanent failure) the item is an error and the
   * job goes on.
   */
  async runItem(job: JobRecord, item: JobItem, signal: AbortSignal): Promise<void> {
    const log = this.logFor(job.id);
    const handler = this.handlerFor(job.type);
    let outcome: ItemOutcome | undefined;
    for (let attempt = item.attempts; outcome === undefined; attempt++) {
      if (signal.aborted) return;
      try {
        outcome = await handler.runItem(job, item, { logger: log, signal });
      } catch (error) {
        const message = errorMessage(error);
        // Failed attempts are counted in the store, so a restart does not reset the retry budget.
        await this.deps.jobs.recordAttempt(job.id, item.propertyId);
        if (isTransient(error) && attempt + 1 < this.retry.itemAttempts) {
          const wait = backoffMs(attempt + 1, this.retry.baseMs, this.retry.maxMs);
          log.warn(
            { propertyId: item.propertyId, err: message, attempt: attempt + 1, waitMs: wait },
            'item failed; retrying',
          );
          const aborted = await sleep(wait, undefined, { signal }).then(
            () => false,
            () => true,
          );
          if (aborted) return;
          continue;
        }
        outcome = { status: 'failed', code: codeOf(error), error: message };
      }
    }
    await this.record(job.id, item, outcome);
  }

  private async record(jobId: string, item: JobItem, outcome: ItemOutcome): Promise<void> {
    const { jobs, events, clock } = this.deps;
    const finished = await jobs.finishItem(jobId, item.propertyId, outcome, isoNow(clock));
    if (!finished) return; // a duplicate run, or the job ended meanwhile
    if (outcome.status === 'failed') {
      this.logFor(jobId).error(
        {
          propertyId: item.propertyId,
          propertyName: item.propertyName,
          code: outcome.code,
          err: outcome.error,
        },
        'item failed',
      );
    }
    const view = toFinishedView({
      ...item,
      status: outcome.status,
      seq: finished.seq,
      reason: outcome.status === 'skipped' ? outcome.reason : null,
      errorCode: outcome.status === 'failed' ? outcome.code : null,
      error: outcome.status === 'failed' ? outcome.error : null,
      statementId: outcome.status === 'succeeded' ? outcome.statementId : null,
    });
    events.publish({ type: 'item', jobId, seq: finished.seq, item: view });
    events.publish({
      type: 'progress',
      jobId,
      seq: finished.seq,
      progress: finished.progress,
      total: finished.total,
      counts: finished.counts,
    });
  }

  /** Completes the job when nothing is pending. Safe to call from several workers at once. */
  async finishIfDone(jobId: string): Promise<boolean> {
    const { jobs, clock } = this.deps;
    if ((await jobs.countPending(jobId)) > 0) return false;
    const result = await jobs.buildResult(jobId);
    if (!(await jobs.finish(jobId, 'completed', { result }, isoNow(clock)))) return false;
    await this.announce(jobId);
    return true;
  }

  async fail(jobId: string, message: string): Promise<boolean> {
    const { jobs, clock } = this.deps;
    const result = await jobs.buildResult(jobId);
    const hasItems = result.summary.generated + result.summary.skipped + result.summary.errors > 0;
    if (
      !(await jobs.finish(
        jobId,
        'failed',
        { error: message, result: hasItems ? result : null },
        isoNow(clock),
      ))
    ) {
      return false;
    }
    await this.announce(jobId);
    return true;
  }

  /** Stores a cancelled job's partial result and tells listeners (after the items in flight). */
  async settleCancelled(jobId: string): Promise<void> {
    const { jobs } = this.deps;
    await jobs.saveResult(jobId, await jobs.buildResult(jobId));
    await this.announce(jobId);
  }

  private async announce(jobId: string): Promise<void> {
    const job = await this.deps.jobs.get(jobId);
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
}

function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
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
