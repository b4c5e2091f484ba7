/**
 * The spec's BackgroundJobService (createJob, startJob, updateProgress, completeJob, failJob,
 * getJob, runInBackground) — the programmatic API of jobs — plus what the spec lists as future
 * enhancements: history, stats, cancellation, retry of failed items, retention. A typed façade:
 * every change of a job goes through the lifecycle (lifecycle.ts), the engine schedules the work.
 */
import type { Logger } from 'pino';
import { type Actor, userIdOf } from '../auth/principal.js';
import type { Clock } from '../lib/clock.js';
import type { JobListFilter, JobRows, JobStats } from '../model/job-store.js';
import type { JobRecord, JobResult, JobType } from '../model/jobs.js';
import type { AuditNote, AuditService } from '../services/audit-service.js';
import { conflict, DomainError, notFound } from '../services/errors.js';
import type {
  BulkGenerationRequest,
  BulkStatementActionRequest,
  JobStarter,
  StatementDeliveryRequest,
} from '../services/job-starter.js';
import type { JobEngine } from './engines/job-engine.js';
import type { JobEventListener } from './event-bus.js';
import {
  type BulkActionJobParams,
  bulkActionDedupeKey,
  bulkActionJobParams,
} from './handlers/bulk-action-params.js';
import { type BulkJobParams, bulkDedupeKey, bulkJobParams } from './handlers/bulk-params.js';
import { type DeliveryJobParams, deliveryDedupeKey, deliveryJobParams } from './handlers/delivery-params.js';
import type { JobLifecycle } from './lifecycle.js';
import { errorMessage } from './transient.js';

/** What a bulk action's `job.created` row records: the action and the selection, without a list of ids. */
function bulkActionAuditDetails(params: BulkActionJobParams): Record<string, unknown> {
  return 'statementIds' in params
    ? { action: params.action, count: params.statementIds.length }
    : { action: params.action, filter: params.filter };
}

export interface JobServiceDeps {
  lifecycle: JobLifecycle;
  /** Writes the audit rows of the jobs people (and the schedule) start and cancel. */
  audit: AuditService;
  engine: JobEngine;
  clock: Clock;
  logger: Logger;
  retentionHours: number;
}

/** What runInBackground's function may do while it runs. */
export interface BackgroundContext {
  jobId: string;
  startJob(total: number): Promise<void>;
  updateProgress(progress: number): Promise<void>;
}

/** How long a runInBackground job's process vouches for it, and how often it renews. */
const LEASE_MS = 60_000;
const LEASE_RENEW_MS = 15_000;

export class JobService implements JobStarter {
  private retentionTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: JobServiceDeps) {}

  private get jobs(): JobRows {
    return this.deps.lifecycle.store.jobs;
  }

  // ---- the spec's operations -------------------------------------------------------------

  /** Creates a queued job (or returns the identical unfinished one when `dedupeKey` matches). */
  async createJob(
    type: JobType,
    params: Record<string, unknown>,
    options: {
      dedupeKey?: string | null;
      retryOf?: string | null;
      createdBy?: string | null;
      runner?: 'engine' | 'inprocess';
      leaseUntil?: Date;
    } = {},
  ): Promise<{ job: JobRecord; created: boolean }> {
    return this.deps.lifecycle.create({
      ...(options.leaseUntil ? { leaseUntil: options.leaseUntil.toISOString() } : {}),
      type,
      params,
      dedupeKey: options.dedupeKey ?? null,
      retryOf: options.retryOf ?? null,
      createdBy: options.createdBy ?? null,
      runner: options.runner ?? 'engine',
    });
  }

  async startJob(jobId: string, total: number): Promise<void> {
    if (!(await this.deps.lifecycle.startManual(jobId, total))) throw this.notActive(jobId);
  }

  async updateProgress(jobId: string, progress: number): Promise<void> {
    await this.deps.lifecycle.setProgress(jobId, progress);
  }

  async completeJob(jobId: string, result: JobResult): Promise<void> {
    if (!(await this.deps.lifecycle.completeWith(jobId, result))) throw this.notActive(jobId);
  }

  async failJob(jobId: string, error: string): Promise<void> {
    if (!(await this.deps.lifecycle.fail(jobId, error))) throw this.notActive(jobId);
  }

  async getJob(jobId: string): Promise<JobRecord> {
    const job = await this.jobs.get(jobId);
    if (!job) throw notFound('job', jobId);
    return job;
  }

  /**
   * Runs a function in this process in the background, tracked by a job record. For short,
   * in-process work: unlike engine jobs it is not resumed after a restart. While it runs, this
   * process renews the job's lease; a job whose lease ran out (its process stopped) is marked
   * failed by the next process that starts — never one another live process is running. Bulk
   * generation uses the durable engine (`startBulkGeneration`) instead.
   */
  async runInBackground<T extends JobResult>(
    type: JobType,
    jobFunction: (ctx: BackgroundContext) => Promise<T>,
    params: Record<string, unknown>,
  ): Promise<JobRecord> {
    const leaseEnd = () => new Date(this.deps.clock.now().getTime() + LEASE_MS);
    // Created with its lease: no other process may take it for abandoned, even for a moment.
    const { job } = await this.createJob(type, params, { runner: 'inprocess', leaseUntil: leaseEnd() });
    const renew = () =>
      this.deps.lifecycle
        .renewLease(job.id, leaseEnd())
        .catch((error: unknown) =>
          this.deps.logger.warn({ jobId: job.id, err: error }, 'could not renew the job lease'),
        );
    const lease = setInterval(renew, LEASE_RENEW_MS);
    lease.unref();
    const ctx: BackgroundContext = {
      jobId: job.id,
      startJob: (total) => this.startJob(job.id, total),
      updateProgress: (progress) => this.updateProgress(job.id, progress),
    };
    setImmediate(() => {
      jobFunction(ctx)
        .then((result) => this.completeJob(job.id, result))
        .catch((error: unknown) => this.failJob(job.id, errorMessage(error)).catch(() => undefined))
        .finally(() => clearInterval(lease));
    });
    return job;
  }

  // ---- bulk generation and the enhancements ----------------------------------------------

  /**
   * Queues "Generate All" for a period; an identical unfinished job is returned instead. A new
   * job is created with its `job.created` audit row (by `actor`: a user, or the schedule).
   */
  startBulkGeneration(request: BulkGenerationRequest, actor: Actor) {
    const params = bulkJobParams(request);
    return this.enqueue('bulk_statement_generation', params, bulkDedupeKey(params), actor, null, (job) => ({
      action: 'job.created',
      target: { type: 'job', id: job.id },
      details: job.params,
    }));
  }

  /** Queues "send all final statements" of a period; an identical unfinished job is returned instead. */
  startStatementDelivery(request: StatementDeliveryRequest, actor: Actor) {
    const params = deliveryJobParams(request);
    return this.enqueue('statement_delivery', params, deliveryDedupeKey(params), actor, null, (job) => ({
      action: 'job.created',
      target: { type: 'job', id: job.id },
      details: job.params,
    }));
  }

  /**
   * Queues a bulk action on statements; an identical unfinished one is returned instead. Its
   * `job.created` row names the action and the selection's size, not every id: each statement's
   * change has an audit row of its own.
   */
  startBulkStatementAction(request: BulkStatementActionRequest, actor: Actor) {
    const params = bulkActionJobParams(request);
    return this.enqueue('bulk_statement_action', params, bulkActionDedupeKey(params), actor, null, (job) => ({
      action: 'job.created',
      target: { type: 'job', id: job.id },
      details: bulkActionAuditDetails(params),
    }));
  }

  private async enqueue(
    type: JobType,
    params: BulkJobParams | DeliveryJobParams | BulkActionJobParams,
    dedupeKey: string,
    actor: Actor,
    retryOf: string | null,
    note: (job: JobRecord) => AuditNote,
  ): Promise<{ job: JobRecord; created: boolean }> {
    const result = await this.deps.lifecycle.create(
      { type, params: { ...params }, dedupeKey, retryOf, createdBy: userIdOf(actor), runner: 'engine' },
      (job, tx) => this.deps.audit.recordOn(tx, actor, note(job)),
    );
    if (result.created) await this.deps.engine.enqueue(result.job.id);
    return result;
  }

  /** Stops a queued or processing job: no new batch starts; finished statements stay. */
  async cancel(jobId: string, actor: Actor): Promise<JobRecord> {
    const job = await this.getJob(jobId);
    if (job.status !== 'queued' && job.status !== 'processing') {
      throw conflict(
        `job ${jobId} is already ${job.status}; only queued or processing jobs can be cancelled`,
        'job_finished',
      );
    }
    const cancelled = await this.deps.lifecycle.cancel(jobId, (j, tx) =>
      this.deps.audit.recordOn(tx, actor, { action: 'job.cancelled', target: { type: 'job', id: j.id } }),
    );
    if (!cancelled) {
      const now = await this.getJob(jobId);
      throw conflict(`job ${jobId} is already ${now.status}`, 'job_finished');
    }
    await this.deps.engine.cancel(jobId);
    return this.getJob(jobId);
  }

  /**
   * A new job (of the same type) for only the properties that errored in a finished job,
   * recorded as `job.retried` of the finished one.
   */
  async retryFailed(jobId: string, actor: Actor) {
    const job = await this.getJob(jobId);
    if (job.status === 'queued' || job.status === 'processing') {
      throw conflict(`job ${jobId} is still ${job.status}; retry it when it has finished`, 'job_running');
    }
    const propertyIds = await this.deps.lifecycle.store.items.failedPropertyIds(jobId);
    if (propertyIds.length === 0) {
      throw new DomainError('conflict', 'nothing_to_retry', `job ${jobId} has no failed properties to retry`);
    }
    const note = (created: JobRecord): AuditNote => ({
      action: 'job.retried',
      target: { type: 'job', id: jobId },
      details: { newJobId: created.id, propertyIds },
    });
    if (job.type === 'bulk_statement_action') {
      const { action } = job.params as BulkActionJobParams;
      // The items are statements: the failed ones are named by id, whatever the selection was.
      const params: BulkActionJobParams = { action, statementIds: propertyIds };
      return this.enqueue('bulk_statement_action', params, bulkActionDedupeKey(params), actor, jobId, note);
    }
    if (job.type === 'statement_delivery') {
      const p = job.params as DeliveryJobParams;
      const params: DeliveryJobParams = {
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        ...(p.ownerId !== undefined ? { ownerId: p.ownerId } : {}),
        propertyIds,
      };
      return this.enqueue('statement_delivery', params, deliveryDedupeKey(params), actor, jobId, note);
    }
    const p = job.params as BulkJobParams;
    const params: BulkJobParams = {
      startDate: p.startDate,
      endDate: p.endDate,
      calculationType: p.calculationType,
      propertyIds,
    };
    return this.enqueue('bulk_statement_generation', params, bulkDedupeKey(params), actor, jobId, note);
  }

  list(filter: JobListFilter) {
    return this.jobs.list(filter);
  }

  stats(): Promise<JobStats> {
    return this.jobs.stats();
  }

  subscribe(listener: JobEventListener): () => void {
    return this.deps.engine.events.subscribe(listener);
  }

  /** Deletes finished jobs older than the retention; statements are never touched. */
  async purgeExpired(): Promise<number> {
    const cutoff = new Date(
      this.deps.clock.now().getTime() - this.deps.retentionHours * 3_600_000,
    ).toISOString();
    const deleted = await this.jobs.deleteFinishedBefore(cutoff);
    if (deleted > 0)
      this.deps.logger.info({ deleted, retentionHours: this.deps.retentionHours }, 'expired jobs deleted');
    return deleted;
  }

  /**
   * Purges now and then periodically (at most every 10 minutes, more often for short retention),
   * and fails the in-process jobs whose process stopped.
   */
  startRetention(): void {
    const everyMs = Math.min(10 * 60_000, Math.max(1000, (this.deps.retentionHours * 3_600_000) / 4));
    const tick = () => {
      void this.purgeExpired().catch((error: unknown) =>
        this.deps.logger.error({ err: error }, 'job retention failed'),
      );
      // runInBackground jobs of a process that stopped while this one runs.
      void this.deps.lifecycle
        .failAbandoned()
        .catch((error: unknown) => this.deps.logger.error({ err: error }, 'could not check in-process jobs'));
    };
    tick();
    this.retentionTimer = setInterval(tick, everyMs);
    this.retentionTimer.unref();
  }

  stopRetention(): void {
    clearInterval(this.retentionTimer);
  }

  private notActive(jobId: string): DomainError {
    return conflict(`job ${jobId} is not queued or processing`, 'job_finished');
  }
}
