/**
 * The jobs table behind the JobStore port (src/model/job-store.ts): the records users see. Every
 * state change is conditional (`where status in (queued, processing)`), so a cancelled job
 * cannot be completed by a late worker.
 */
import { type Selectable, sql } from 'kysely';
import { newId } from '../../lib/ids.js';
import type { JobListFilter, JobRows, JobStats, NewJob } from '../../model/job-store.js';
import type { JobRecord, JobResult, JobStatus, JobType, UnattributedEntry } from '../../model/jobs.js';
import { type Db, isPostgres } from '../database.js';
import { isUniqueViolation } from '../errors.js';
import { toPage } from '../page.js';
import type { JobsTable } from '../schema.js';

const ACTIVE: JobStatus[] = ['queued', 'processing'];

function toJob(r: Selectable<JobsTable>): JobRecord {
  return {
    id: r.id,
    type: r.type as JobType,
    status: r.status as JobStatus,
    params: JSON.parse(r.params) as Record<string, unknown>,
    dedupeKey: r.dedupe_key,
    total: r.total === null ? null : Number(r.total),
    progress: Number(r.progress),
    counts: { generated: Number(r.generated), skipped: Number(r.skipped), errors: Number(r.errors) },
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

export class JobsRepository implements JobRows {
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
            lease_until: job.leaseUntil ?? null,
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
        // In a transaction the violation has ended it: the caller must run it again.
        if (!isUniqueViolation(error) || this.db.isTransaction) throw error;
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
        'generated',
        'skipped',
        'errors',
        'planned',
        'retry_of',
        'created_by',
        'error',
        'created_at',
        'started_at',
        'completed_at',
        'unattributed',
        'lease_until',
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

  async renewLease(id: string, until: string): Promise<void> {
    await this.db.updateTable('jobs').set({ lease_until: until }).where('id', '=', id).execute();
  }

  async failExpiredLeases(now: string): Promise<string[]> {
    // A job without a lease was created before leases existed (migration 010): no live process vouches for it.
    const rows = await this.db
      .updateTable('jobs')
      .set({ status: 'failed', error: 'interrupted: the process running it stopped', completed_at: now })
      .where('status', 'in', ACTIVE)
      .where('runner', '=', 'inprocess')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
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

  async getUnattributed(id: string): Promise<UnattributedEntry[]> {
    const row = await this.db
      .selectFrom('jobs')
      .select('unattributed')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.unattributed ? (JSON.parse(row.unattributed) as UnattributedEntry[]) : [];
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
