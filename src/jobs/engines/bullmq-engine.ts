/**
 * The distributed engine: BullMQ (on Redis or on PostgreSQL, see bullmq-transport.ts) carries the
 * work, the store stays the source of truth.
 *
 * - "plan" queue: one BullMQ job per job (BullMQ id = job id, so enqueueing twice is a no-op). Its
 *   worker plans the job (`lifecycle.plan`, which puts the items in batches) and adds one "items"
 *   job per batch that still has pending items, with the id `<jobId>__b<batch>`, so planning again
 *   after a crash adds only what is missing.
 * - "items" queue: any worker takes any batch; it runs only while the job is `processing` in the
 *   store, as one transaction. A worker killed mid-batch leaves a stalled BullMQ job that another
 *   worker picks up; the store records an item once however often its batch runs.
 * - Cancel: the store is marked first (job service); a broadcast message then aborts the job's work in
 *   every process, and the process whose last in-flight batch of that job ends stores the result.
 * - Resume: `start()` enqueues the plan of every unfinished job again.
 * - Hostify: only planning calls it. One plan runs at a time in the whole installation (the plan
 *   queue's global concurrency), so the per-process Hostify limiter is the installation's limit
 *   for bulk work; a 429 that outlasts the client's retries rate-limits the whole plan queue.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DelayedError, type Job, type Queue, type Worker } from 'bullmq';
import type { Logger } from 'pino';
import { BUDGETS, PLAN_RATE_LIMIT_PAUSE_MS } from '../../lib/retry-budgets.js';
import type { BroadcastJobEventBus } from '../broadcast-event-bus.js';
import type { JobLifecycle } from '../lifecycle.js';
import { InFlightJobs } from './bullmq-in-flight.js';
import type { BullMqBackend, BullMqTransport } from './bullmq-transport.js';
import type { JobEngine } from './job-engine.js';

export interface BullMqEngineOptions {
  kind: 'bullmq';
  /** Where the queues live: Redis, or BullMQ's PostgreSQL backend. */
  backend: BullMqBackend;
  /** False in a web-only process: it enqueues and listens to events, workers elsewhere run items. */
  runWorkers: boolean;
  /** Batches this process runs at once (default 4). */
  concurrency?: number;
  /** Namespace of the queues and channels (default `owner-statements`). */
  prefix?: string;
  /** How long a worker holds a batch before another may take it over (default 30 s). */
  lockMs?: number;
  /** How long the plan queue pauses, on every worker, when Hostify keeps answering 429 (default PLAN_RATE_LIMIT_PAUSE_MS, 15 s). */
  rateLimitBackoffMs?: number;
  /** How often a worker process re-checks unfinished jobs against the queues (default 15 s, or the lock time if shorter). */
  resumeIntervalMs?: number;
  /** How often the progress of the jobs this process works on is logged (default 2 s). */
  progressLogMs?: number;
}

export const DEFAULT_BULLMQ_PREFIX = 'owner-statements';
export const PLAN_QUEUE = 'job-plan';
export const ITEMS_QUEUE = 'job-items';

/** The name this process's workers stamp on the queue jobs they take: host and process id. */
export const workerName = (pid = process.pid) => `${hostname()}:${pid}`;

/** The channel of a prefix's job events (used by the BroadcastJobEventBus). */
export const eventsChannel = (prefix: string) => `${prefix}:job-events`;
const cancelChannel = (prefix: string) => `${prefix}:job-cancel`;

/** A batch's BullMQ id (BullMQ refuses ':' in custom ids: it is its key separator). */
export const batchJobId = (jobId: string, batch: number) => `${jobId}__b${batch}`;

interface PlanData {
  jobId: string;
}
interface BatchData {
  jobId: string;
  batch: number;
}
interface CancelMessage {
  origin: string;
  jobId: string;
}

const PLAN_BATCH = 500;
const DEFAULT_LOCK_MS = 30_000;
const DEFAULT_RESUME_INTERVAL_MS = 15_000;

export interface BullMqEngineDeps {
  lifecycle: JobLifecycle;
  events: BroadcastJobEventBus;
  transport: BullMqTransport;
  logger: Logger;
}

export class BullMqJobEngine implements JobEngine {
  private readonly prefix: string;
  private readonly concurrency: number;
  private readonly progressLogMs: number;
  private readonly origin = randomUUID();
  private readonly planQueue: Queue<PlanData>;
  private readonly itemsQueue: Queue<BatchData>;
  private planWorker: Worker<PlanData> | undefined;
  private workers: Worker[] = [];
  private progressTimer: NodeJS.Timeout | undefined;
  private resumeTimer: NodeJS.Timeout | undefined;
  /** Each unfinished job's progress at the last periodic look. */
  private lastSeenProgress = new Map<string, number>();
  private readonly inFlight: InFlightJobs;
  private readonly planning = new Map<string, AbortController>();
  private readonly stopController = new AbortController();
  private started = false;
  private stopped = false;

  constructor(
    private readonly deps: BullMqEngineDeps,
    private readonly options: BullMqEngineOptions,
  ) {
    this.prefix = options.prefix ?? DEFAULT_BULLMQ_PREFIX;
    this.concurrency = options.concurrency ?? 4;
    this.progressLogMs = options.progressLogMs ?? 2000;
    this.inFlight = new InFlightJobs(deps);
    const retried = {
      // Interrupted work (a store outage, a stopping worker) is tried again (the budget is in
      // src/lib/retry-budgets.ts); removed once done, so a later resume can enqueue it again.
      attempts: BUDGETS.queueRedelivery.attempts,
      backoff: { type: 'exponential', delay: BUDGETS.queueRedelivery.baseMs },
      removeOnComplete: true,
      removeOnFail: true,
    };
    this.planQueue = deps.transport.queue<PlanData>(PLAN_QUEUE, retried);
    this.itemsQueue = deps.transport.queue<BatchData>(ITEMS_QUEUE, retried);
    this.planQueue.on('error', (error) => this.logQueueError(error, PLAN_QUEUE));
    this.itemsQueue.on('error', (error) => this.logQueueError(error, ITEMS_QUEUE));
  }

  get events(): BroadcastJobEventBus {
    return this.deps.events;
  }

  /** `Redis` or `PostgreSQL`: where the queues live. */
  get label(): string {
    return this.deps.transport.label;
  }

  /** The queue server answers (for readiness checks). */
  ping(): Promise<void> {
    return this.deps.transport.ping();
  }

  async start(): Promise<void> {
    if (this.started || this.stopped) return;
    this.started = true;
    const { logger } = this.deps;
    if (this.options.runWorkers) {
      await this.deps.transport.broadcast.subscribe(cancelChannel(this.prefix), (message) =>
        this.onCancelMessage(message),
      );
      // One plan at a time in the installation: planning is what calls Hostify.
      await this.planQueue.setGlobalConcurrency(1);
      const lockMs = this.options.lockMs ?? DEFAULT_LOCK_MS;
      const settings = {
        // Stamped on every queue job this process takes (`processedBy`): who holds which batch.
        name: workerName(),
        lockDuration: lockMs,
        stalledInterval: Math.max(500, Math.round(lockMs / 2)),
        maxStalledCount: 3,
      };
      const { transport } = this.deps;
      this.planWorker = transport.worker<PlanData>(PLAN_QUEUE, (job, token) => this.processPlan(job, token), {
        ...settings,
        concurrency: 1,
        // Not a real limit (plans are few): a worker with a limiter checks the queue's rate
        // limit, which a Hostify 429 sets (see processPlan), before it fetches a plan.
        limiter: { max: 1000, duration: 1000 },
      });
      this.workers = [
        this.planWorker as Worker,
        transport.worker<BatchData>(ITEMS_QUEUE, (job) => this.processBatch(job), {
          ...settings,
          concurrency: this.concurrency,
        }) as Worker,
      ];
      for (const worker of this.workers) {
        worker.on('error', (error) => this.logQueueError(error, worker.name));
        worker.on('failed', (job, error) => {
          const retried = job !== undefined && job.attemptsMade < (job.opts.attempts ?? 1);
          logger.error(
            { jobId: job?.data.jobId, queue: worker.name, attempts: job?.attemptsMade, err: error },
            retried
              ? 'queued work failed; BullMQ retries it'
              : 'queued work failed for good; the job resumes at the next start',
          );
        });
      }
      this.progressTimer = setInterval(() => this.logProgress(), this.progressLogMs);
      this.progressTimer.unref();
    }
    await this.resumeUnfinished(true);
    if (this.options.runWorkers) {
      this.resumeTimer = setInterval(
        () => {
          this.resumeUnfinished(false).catch((error: unknown) =>
            logger.warn({ err: error }, 'could not check unfinished jobs against the queues; trying again'),
          );
        },
        this.options.resumeIntervalMs ??
          Math.min(DEFAULT_RESUME_INTERVAL_MS, this.options.lockMs ?? DEFAULT_LOCK_MS),
      );
      this.resumeTimer.unref();
    }
  }

  /**
   * Enqueues the plan of unfinished jobs again. Ids make this a no-op for plans still queued;
   * a finished plan runs again and only re-adds the items the store still lists as pending. Run
   * at start for every unfinished job, and then periodically for those that have not moved since
   * the last look (a moving job has its items), it brings back work the queue server lost (a
   * Redis restart without persistence, items that failed for good during a store outage).
   */
  private async resumeUnfinished(atStart: boolean): Promise<void> {
    const unfinished = await this.deps.lifecycle.resumable();
    const seen = new Map(unfinished.map((j) => [j.id, j.progress]));
    const stalled = atStart
      ? unfinished
      : unfinished.filter((j) => j.status === 'queued' || this.lastSeenProgress.get(j.id) === j.progress);
    this.lastSeenProgress = seen;
    if (stalled.length === 0) return;
    if (atStart) this.deps.logger.info({ jobs: stalled.map((j) => j.id) }, 'resuming unfinished jobs');
    await this.planQueue.addBulk(
      stalled.map((j) => ({ name: 'plan', data: { jobId: j.id }, opts: { jobId: j.id } })),
    );
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    // Plans in flight stop and batches in flight stop at their next step (BullMQ retries both);
    // a batch that was committing finishes.
    this.stopController.abort();
    clearInterval(this.progressTimer);
    clearInterval(this.resumeTimer);
    await Promise.all(this.workers.map((w) => w.close()));
    await this.inFlight.settled();
    await Promise.all([this.planQueue.close(), this.itemsQueue.close()]);
    this.deps.events.close();
    await this.deps.transport.close();
  }

  async enqueue(jobId: string): Promise<void> {
    await this.planQueue.add('plan', { jobId }, { jobId });
  }

  async cancel(jobId: string): Promise<void> {
    this.abortLocally(jobId);
    const message: CancelMessage = { origin: this.origin, jobId };
    await this.deps.transport.broadcast
      .publish(cancelChannel(this.prefix), JSON.stringify(message))
      .catch((error) => {
        // Other workers still see the status in the store before their next batch.
        this.deps.logger.warn({ jobId, err: error }, 'could not broadcast the cancellation');
      });
    await this.inFlight.settleAfterCancel(jobId);
  }

  private onCancelMessage(raw: string): void {
    try {
      const message = JSON.parse(raw) as CancelMessage;
      if (message.origin !== this.origin && typeof message.jobId === 'string')
        this.abortLocally(message.jobId);
    } catch {
      this.deps.logger.warn('ignored a malformed cancel message');
    }
  }

  private abortLocally(jobId: string): void {
    this.inFlight.markCancelled(jobId);
    this.planning.get(jobId)?.abort();
  }

  private async processPlan(bullJob: Job<PlanData>, token?: string): Promise<void> {
    const { lifecycle } = this.deps;
    const { jobs } = lifecycle.store;
    const { jobId } = bullJob.data;
    const job = await jobs.get(jobId);
    if (!job || (job.status !== 'queued' && job.status !== 'processing')) return;
    const abort = new AbortController();
    const onStop = () => abort.abort();
    this.stopController.signal.addEventListener('abort', onStop);
    if (this.inFlight.wasCancelled(jobId)) abort.abort();
    this.planning.set(jobId, abort);
    try {
      const planned = await lifecycle.plan(job, abort.signal, { deferOnRateLimit: true });
      if (planned === 'rate-limited') {
        // The whole plan queue waits, on every worker, and this plan is taken up again afterwards
        // (a delayed job is not a failed attempt).
        const waitMs = this.options.rateLimitBackoffMs ?? PLAN_RATE_LIMIT_PAUSE_MS;
        lifecycle.logFor(jobId).warn({ waitMs }, 'Hostify rate limit: planning backs off');
        await this.planQueue.rateLimit(waitMs);
        await bullJob.moveToDelayed(Date.now() + waitMs, token);
        throw new DelayedError();
      }
      if (!planned) {
        if (this.stopController.signal.aborted && (await jobs.getStatus(jobId)) === 'queued') {
          throw new Error('the worker stopped while planning; the plan runs again');
        }
        return;
      }
      await this.schedulePendingItems(jobId);
    } finally {
      this.planning.delete(jobId);
      this.stopController.signal.removeEventListener('abort', onStop);
    }
  }

  /** Adds a queue job per batch with pending items (ids make re-adding a no-op); completes a job with none. */
  private async schedulePendingItems(jobId: string): Promise<void> {
    const { lifecycle } = this.deps;
    const batches = await lifecycle.pendingBatches(jobId);
    for (let i = 0; i < batches.length; i += PLAN_BATCH) {
      await this.itemsQueue.addBulk(
        batches.slice(i, i + PLAN_BATCH).map((batch) => ({
          name: 'batch',
          data: { jobId, batch },
          opts: { jobId: batchJobId(jobId, batch) },
        })),
      );
    }
    // Nothing pending: every item ended before a crash, but the job was not completed.
    if (batches.length === 0) await lifecycle.finishIfDone(jobId);
  }

  private async processBatch(bullJob: Job<BatchData>): Promise<void> {
    const { lifecycle } = this.deps;
    const { jobId, batch } = bullJob.data;
    // Counted in flight before the status check, so a cancel here cannot settle the job while
    // this batch is about to run.
    const group = this.inFlight.enter(jobId);
    try {
      // Without the result: a finished job's lists are large, and a batch needs none of it.
      const job = (await lifecycle.store.jobs.getWithSummary(jobId))?.job;
      if (job?.status !== 'processing') return;
      group.ran = true;
      // A cancel aborts the batch; so does this worker's stop (a retry's backoff must not outlast
      // the shutdown), and then the queue runs the batch again, here after a restart or elsewhere.
      const signal = AbortSignal.any([group.abort.signal, this.stopController.signal]);
      const run = await lifecycle.runBatch(job, batch, signal);
      if (run === 'aborted' && !this.inFlight.wasCancelled(jobId)) {
        throw new Error('the batch stopped before it was recorded; it runs again');
      }
    } finally {
      await this.inFlight.leave(jobId, group);
    }
  }

  private logProgress(): void {
    for (const jobId of this.inFlight.jobIds()) void this.deps.lifecycle.logProgress(jobId);
  }

  private lastQueueErrorLog = 0;
  private logQueueError(error: unknown, queue: string): void {
    if (Date.now() - this.lastQueueErrorLog < 10_000) return;
    this.lastQueueErrorLog = Date.now();
    this.deps.logger.warn({ err: error, queue }, 'job queue error');
  }
}
