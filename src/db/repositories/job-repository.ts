/**
 * Jobs and their work items. Every state change is a conditional update (`where status = …`),
 * so a cancelled job cannot be completed by a late worker, and an item finished twice (after a
 * crash or a stalled lock) is counted once.
 */
import { type Selectable, sql } from 'kysely';
import type {
  FinishedItemView,
  ItemOutcome,
  JobItem,
  JobRecord,
  JobResult,
  JobStatus,
  JobType,
  PlannedItem,
  UnattributedEntry,
} from '../../jobs/types.js';
import { newId } from '../../lib/ids.js';
import { chunks, yieldToEventLoop } from '../../lib/yield.js';
import { type Db, isPostgres } from '../database.js';
import { isUniqueViolation } from '../errors.js';
import { toPage } from '../page.js';
import type { JobItemsTable, JobsTable } from '../schema.js';

const ACTIVE: JobStatus[] = ['queued', 'processing'];
const INSERT_CHUNK = 200;

function toJob(r: Selectable<JobsTable>): JobRecord {
  return {
    id: r.id,
    type: r.type as JobType,
    status: r.status as JobStatus,
    params: JSON.parse(r.params) as Record<string, unknown>,
    dedupeKey: r.dedupe_key,
    total: r.total === null ? null : Number(r.total),
    progress: Number(r.progress),
    counts: { succeeded: Number(r.succeeded), skipped: Number(r.skipped), failed: Number(r.failed) },
    planned: Number(r.planned) === 1,
    retryOf: r.retry_of,
    createdBy: r.created_by,
    error: r.error,
    result: r.result === null ? null : (JSON.parse(r.result) as JobResult),
    createdAt: r.created_at,
    startedAt: r.started_at,
    completedAt: r.completed_at,
  };
}

function toItem(r: Selectable<JobItemsTable>): JobItem {
  return {
    jobId: r.job_id,
    propertyId: r.property_id,
    propertyName: r.property_name,
    ownerId: r.owner_id,
    status: r.status as JobItem['status'],
    seq: r.seq === null ? null : Number(r.seq),
    reason: r.reason,
    errorCode: r.error_code,
    error: r.error,
    statementId: r.statement_id,
    attempts: Number(r.attempts),
    payload: JSON.parse(r.payload) as unknown,
  };
}

export function toFinishedView(item: JobItem): FinishedItemView {
  return {
    propertyId: item.propertyId,
    propertyName: item.propertyName,
    status: item.status === 'pending' ? 'failed' : item.status,
    reason: item.reason,
    code: item.errorCode,
    error: item.error,
    statementId: item.statementId,
  };
}

export interface NewJob {
  type: JobType;
  params: Record<string, unknown>;
  dedupeKey: string | null;
  retryOf?: string | null;
  createdBy?: string | null;
  /** 'inprocess' for runInBackground jobs, which engines leave alone. Default 'engine'. */
  runner?: 'engine' | 'inprocess';
}

export interface JobListFilter {
  status?: JobStatus;
  type?: JobType;
  limit: number;
  /** Continue after this id (newest first). */
  after?: string;
}

export interface JobStats {
  byStatus: Record<JobStatus, number>;
  finished: number;
  averageDurationMs: number | null;
  maxDurationMs: number | null;
  itemsPerSecond: number | null;
}

export class JobRepository {
  constructor(private readonly db: Db) {}

  /**
   * Creates a queued job, or returns the unfinished job with the same dedupe key
   * (`created: false`). The partial unique index decides races between two requests.
   */
  async create(job: NewJob, now: string): Promise<{ job: JobRecord; created: boolean }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (job.dedupeKey !== null) {
        const existing = await this.findActiveByDedupeKey(job.dedupeKey);
        if (existing) return { job: existing, created: false };
      }
      const id = newId('job');
      try {
        await this.db
          .insertInto('jobs')
          .values({
            id,
            type: job.type,
            status: 'queued',
            params: JSON.stringify(job.params),
            dedupe_key: job.dedupeKey,
            runner: job.runner ?? 'engine',
            total: null,
            retry_of: job.retryOf ?? null,
            created_by: job.createdBy ?? null,
            error: null,
            result: null,
            created_at: now,
            started_at: null,
            completed_at: null,
          })
          .execute();
        const created = await this.get(id);
        if (!created) throw new Error(`job ${id} vanished right after it was created`);
        return { job: created, created: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    throw new Error('could not create the job: identical jobs kept racing');
  }

  async findActiveByDedupeKey(dedupeKey: string): Promise<JobRecord | undefined> {
    const row = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('dedupe_key', '=', dedupeKey)
      .where('status', 'in', ACTIVE)
      .executeTakeFirst();
    return row && toJob(row);
  }

  async get(id: string): Promise<JobRecord | undefined> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toJob(row);
  }

  /**
   * The job without its result lists, and its result's summary (null until it has a result).
   * For event streams: a finished job of thousands of items has a result of hundreds of KB,
   * which 200 streams must not each read and parse to send a few counts.
   */
  async getWithSummary(
    id: string,
  ): Promise<{ job: JobRecord; summary: JobResult['summary'] | null } | undefined> {
    const summary = isPostgres(this.db)
      ? sql<string | null>`(result::json -> 'summary')::text`
      : sql<string | null>`json_extract(result, '$.summary')`;
    const row = await this.db
      .selectFrom('jobs')
      .select([
        'id',
        'type',
        'status',
        'params',
        'dedupe_key',
        'runner',
        'total',
        'progress',
        'succeeded',
        'skipped',
        'failed',
        'planned',
        'retry_of',
        'created_by',
        'error',
        'created_at',
        'started_at',
        'completed_at',
        'unattributed',
      ])
      .select(summary.as('summary'))
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const { summary: text, ...rest } = row;
    return {
      job: toJob({ ...rest, result: null }),
      summary: text === null ? null : (JSON.parse(text) as JobResult['summary']),
    };
  }

  async getStatus(id: string): Promise<JobStatus | undefined> {
    const row = await this.db.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirst();
    return row?.status as JobStatus | undefined;
  }

  /** Unfinished engine jobs, oldest first: what an engine resumes after a restart. */
  async listActive(): Promise<JobRecord[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', 'in', ACTIVE)
      .where('runner', '=', 'engine')
      .orderBy('id')
      .execute();
    return rows.map(toJob);
  }

  /** runInBackground jobs cannot resume: at start, the ones a restart interrupted are failed. */
  async failInterruptedInProcess(now: string): Promise<number> {
    const r = await this.db
      .updateTable('jobs')
      .set({ status: 'failed', error: 'interrupted by a server restart', completed_at: now })
      .where('status', 'in', ACTIVE)
      .where('runner', '=', 'inprocess')
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async list(filter: JobListFilter): Promise<{ jobs: JobRecord[]; nextCursor: string | null }> {
    let q = this.db.selectFrom('jobs').selectAll();
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.type) q = q.where('type', '=', filter.type);
    if (filter.after) q = q.where('id', '<', filter.after);
    const rows = await q
      .orderBy('id', 'desc')
      .limit(filter.limit + 1)
      .execute();
    const { items, nextCursor } = toPage(rows, filter.limit, toJob);
    return { jobs: items, nextCursor };
  }

  /** The spec's startJob: processing, with the number of items. */
  async start(id: string, total: number, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('jobs')
      .set({ status: 'processing', total, started_at: sql<string>`coalesce(started_at, ${now})` })
      .where('id', '=', id)
      .where('status', 'in', ACTIVE)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** The spec's updateProgress, for jobs without items (progress set directly). */
  async setProgress(id: string, progress: number): Promise<boolean> {
    const r = await this.db
      .updateTable('jobs')
      .set({ progress })
      .where('id', '=', id)
      .where('status', '=', 'processing')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Stores the planned items, then starts the job. Items go in chunks, each its own short
   * statement with a pause between, so status requests are served meanwhile; `planned` is set
   * last, so after a crash planning runs again and re-inserting an existing item is a no-op.
   * False when the job was cancelled (or ended) meanwhile.
   */
  async savePlan(id: string, items: readonly PlannedItem[], now: string): Promise<boolean> {
    const job = await this.db
      .selectFrom('jobs')
      .select(['status', 'planned'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!job || !ACTIVE.includes(job.status as JobStatus)) return false;
    if (Number(job.planned) === 1) return true;
    for (const part of chunks(items, INSERT_CHUNK)) {
      await this.db
        .insertInto('job_items')
        .values(
          part.map((item) => ({
            job_id: id,
            property_id: item.propertyId,
            property_name: item.propertyName,
            owner_id: item.ownerId,
            status: 'pending',
            seq: null,
            reason: null,
            error_code: null,
            error: null,
            statement_id: null,
            payload: JSON.stringify(item.payload ?? null),
            finished_at: null,
          })),
        )
        .onConflict((oc) => oc.columns(['job_id', 'property_id']).doNothing())
        .execute();
      await yieldToEventLoop();
    }
    const started = await this.db
      .updateTable('jobs')
      .set({
        planned: 1,
        status: 'processing',
        total: items.length,
        started_at: sql<string>`coalesce(started_at, ${now})`,
      })
      .where('id', '=', id)
      .where('status', 'in', ACTIVE)
      .executeTakeFirst();
    return Number(started.numUpdatedRows) === 1;
  }

  /** Pending items, in a stable order, at most `limit`. */
  async pendingItems(jobId: string, limit: number, afterPropertyId?: string): Promise<JobItem[]> {
    let q = this.db
      .selectFrom('job_items')
      .selectAll()
      .where('job_id', '=', jobId)
      .where('status', '=', 'pending');
    if (afterPropertyId !== undefined) q = q.where('property_id', '>', afterPropertyId);
    const rows = await q.orderBy('property_id').limit(limit).execute();
    return rows.map(toItem);
  }

  async countPending(jobId: string): Promise<number> {
    const row = await this.db
      .selectFrom('job_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('job_id', '=', jobId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async getItem(jobId: string, propertyId: string): Promise<JobItem | undefined> {
    const row = await this.db
      .selectFrom('job_items')
      .selectAll()
      .where('job_id', '=', jobId)
      .where('property_id', '=', propertyId)
      .executeTakeFirst();
    return row && toItem(row);
  }

  async recordAttempt(jobId: string, propertyId: string): Promise<void> {
    await this.db
      .updateTable('job_items')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('job_id', '=', jobId)
      .where('property_id', '=', propertyId)
      .execute();
  }

  /**
   * Records how an item ended and advances the job's progress, in one transaction. Returns the
   * item's sequence number and the job's new counters, or null when the item had already
   * finished (a duplicate run) or the job is no longer running.
   */
  async finishItem(
    jobId: string,
    propertyId: string,
    outcome: ItemOutcome,
    now: string,
  ): Promise<{ seq: number; progress: number; counts: JobRecord['counts']; total: number } | null> {
    return this.db.transaction().execute(async (trx) => {
      // Every item of a job updates the job's one counter row, so its lock is what workers queue
      // on; without waiting for the WAL flush at commit, the lock is held for much less. If
      // PostgreSQL crashes before the flush, the item is pending again and runs again: a
      // generation item writes the same statement again (saved durably before); a delivery item
      // finds its statement already sent (claimed durably before) and reports it skipped.
      if (isPostgres(trx)) await sql`set local synchronous_commit = off`.execute(trx);
      const marked = await trx
        .updateTable('job_items')
        .set({
          status: outcome.status,
          reason: outcome.status === 'skipped' ? outcome.reason : null,
          error_code: outcome.status === 'failed' ? outcome.code : null,
          error: outcome.status === 'failed' ? outcome.error : null,
          statement_id: outcome.status === 'succeeded' ? outcome.statementId : null,
          finished_at: now,
        })
        .where('job_id', '=', jobId)
        .where('property_id', '=', propertyId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) === 0) return null;
      const counter = outcome.status;
      const job = await trx
        .updateTable('jobs')
        .set((eb) => ({ progress: eb('progress', '+', 1), [counter]: eb(counter, '+', 1) }))
        .where('id', '=', jobId)
        .returning(['progress', 'succeeded', 'skipped', 'failed', 'total'])
        .executeTakeFirst();
      if (!job) return null;
      const seq = Number(job.progress);
      await trx
        .updateTable('job_items')
        .set({ seq })
        .where('job_id', '=', jobId)
        .where('property_id', '=', propertyId)
        .execute();
      return {
        seq,
        progress: seq,
        total: Number(job.total ?? 0),
        counts: {
          succeeded: Number(job.succeeded),
          skipped: Number(job.skipped),
          failed: Number(job.failed),
        },
      };
    });
  }

  /**
   * Finished items with seq > afterSeq, in finish order (SSE replay): what an `item` event
   * carries, without the work payload (a property's reservations), which a replay never needs.
   */
  async finishedItemsAfter(
    jobId: string,
    afterSeq: number,
    limit: number,
  ): Promise<Array<FinishedItemView & { seq: number }>> {
    const rows = await this.db
      .selectFrom('job_items')
      .select([
        'seq',
        'property_id',
        'property_name',
        'status',
        'reason',
        'error_code',
        'error',
        'statement_id',
      ])
      .where('job_id', '=', jobId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      propertyId: r.property_id,
      propertyName: r.property_name,
      status: r.status === 'pending' ? 'failed' : (r.status as FinishedItemView['status']),
      reason: r.reason,
      code: r.error_code,
      error: r.error,
      statementId: r.statement_id,
    }));
  }

  /** Builds the spec's result from the finished items. */
  async buildResult(jobId: string): Promise<JobResult> {
    const rows = await this.db
      .selectFrom('job_items as i')
      .leftJoin('statements as s', 's.id', 'i.statement_id')
      .select([
        'i.property_id',
        'i.property_name',
        'i.owner_id',
        'i.status',
        'i.reason',
        'i.error_code',
        'i.error',
        'i.statement_id',
        's.warning_count',
      ])
      .where('i.job_id', '=', jobId)
      .where('i.status', '!=', 'pending')
      .orderBy('i.seq')
      .execute();
    const result: JobResult = {
      summary: { generated: 0, skipped: 0, errors: 0 },
      results: { generated: [], skipped: [], errors: [] },
    };
    const job = await this.db
      .selectFrom('jobs')
      .select(['type', 'unattributed'])
      .where('id', '=', jobId)
      .executeTakeFirst();
    // Reconciliation warnings belong to generation: a delivery job's items are statements sent.
    const generation = job?.type === 'bulk_statement_generation';
    let warnings = 0;
    for (const r of rows) {
      const who = { propertyId: r.property_id, propertyName: r.property_name };
      if (r.status === 'succeeded') {
        const count = Number(r.warning_count ?? 0);
        warnings += count;
        result.results.generated.push({
          ...who,
          ownerId: r.owner_id,
          statementId: r.statement_id,
          ...(generation ? { warnings: count } : {}),
        });
      } else if (r.status === 'skipped') {
        result.results.skipped.push({ ...who, reason: r.reason ?? 'unknown' });
      } else {
        result.results.errors.push({ ...who, code: r.error_code, error: r.error ?? 'unknown error' });
      }
    }
    result.summary = {
      generated: result.results.generated.length,
      skipped: result.results.skipped.length,
      errors: result.results.errors.length,
    };
    if (generation) {
      const unattributed = job?.unattributed ? (JSON.parse(job.unattributed) as UnattributedEntry[]) : [];
      // Reconciliation warnings of the generated statements plus the unattributed reservations.
      result.summary.warnings = warnings + unattributed.length;
      result.unattributed = unattributed;
    }
    return result;
  }

  /** The reservations planning could not attribute to any property (replaced on a re-plan). */
  async setUnattributed(jobId: string, entries: readonly UnattributedEntry[]): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ unattributed: entries.length === 0 ? null : JSON.stringify(entries) })
      .where('id', '=', jobId)
      .execute();
  }

  /** Ends a job in `to` if it is still unfinished; false when something else ended it first. */
  async finish(
    id: string,
    to: 'completed' | 'failed' | 'cancelled',
    fields: { result?: JobResult | null; error?: string | null },
    now: string,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('jobs')
      .set({
        status: to,
        completed_at: now,
        result: fields.result ? JSON.stringify(fields.result) : null,
        error: fields.error ?? null,
      })
      .where('id', '=', id)
      .where('status', 'in', ACTIVE)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Stores the final result of a job that has already ended (a cancelled job's partial result). */
  async saveResult(id: string, result: JobResult): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ result: JSON.stringify(result) })
      .where('id', '=', id)
      .execute();
  }

  async failedPropertyIds(jobId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('job_items')
      .select('property_id')
      .where('job_id', '=', jobId)
      .where('status', '=', 'failed')
      .orderBy('property_id')
      .execute();
    return rows.map((r) => r.property_id);
  }

  /** Deletes jobs (and their items) that finished before the cutoff; returns how many. */
  async deleteFinishedBefore(cutoff: string): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const old = trx
        .selectFrom('jobs')
        .select('id')
        .where('status', 'not in', ACTIVE)
        .where('completed_at', '<', cutoff);
      await trx.deleteFrom('job_items').where('job_id', 'in', old).execute();
      const r = await trx
        .deleteFrom('jobs')
        .where('status', 'not in', ACTIVE)
        .where('completed_at', '<', cutoff)
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    });
  }

  async stats(): Promise<JobStats> {
    const byStatusRows = await this.db
      .selectFrom('jobs')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const byStatus = { queued: 0, processing: 0, completed: 0, failed: 0, cancelled: 0 } as Record<
      JobStatus,
      number
    >;
    for (const r of byStatusRows) byStatus[r.status as JobStatus] = Number(r.n);
    const finished = await this.db
      .selectFrom('jobs')
      .select(['started_at', 'completed_at', 'progress'])
      .where('status', 'not in', ACTIVE)
      .where('started_at', 'is not', null)
      .where('completed_at', 'is not', null)
      .execute();
    let totalMs = 0;
    let maxMs: number | null = null;
    let items = 0;
    for (const f of finished) {
      const ms = Date.parse(f.completed_at ?? '') - Date.parse(f.started_at ?? '');
      if (!Number.isFinite(ms)) continue;
      totalMs += ms;
      maxMs = Math.max(maxMs ?? 0, ms);
      items += Number(f.progress);
    }
    return {
      byStatus,
      finished: finished.length,
      averageDurationMs: finished.length > 0 ? Math.round(totalMs / finished.length) : null,
      maxDurationMs: maxMs,
      itemsPerSecond: totalMs > 0 ? Math.round((items / (totalMs / 1000)) * 100) / 100 : null,
    };
  }
}
