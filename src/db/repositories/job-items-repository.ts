/**
 * The job_items table behind the JobStore port (src/model/job-store.ts): a job's work items, one
 * property each, grouped in batches. A batch is recorded at once (`finishBatch`): its items'
 * outcomes, their numbers in the job's finish order and the job's counters change together, so
 * no row is updated per item and the numbers stay dense (the event stream relies on that).
 */
import { type Selectable, sql } from 'kysely';
import { chunks, yieldToEventLoop } from '../../lib/yield.js';
import type { FinishedBatch, JobItemRows, ResultRow, SequencedItem } from '../../model/job-store.js';
import type { FinishedItemView, ItemOutcome, JobItem, JobStatus, PlannedItem } from '../../model/jobs.js';
import { type Db, isPostgres } from '../database.js';
import type { JobItemsTable } from '../schema.js';

const INSERT_CHUNK = 200;

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
    batch: Number(r.batch),
    payload: JSON.parse(r.payload) as unknown,
  };
}

/** The columns an outcome sets. */
function outcomeColumns(outcome: ItemOutcome) {
  return {
    status: outcome.status,
    reason: outcome.status === 'skipped' ? outcome.reason : null,
    error_code: outcome.status === 'failed' ? outcome.code : null,
    error: outcome.status === 'failed' ? outcome.error : null,
    statement_id: outcome.status === 'succeeded' ? outcome.statementId : null,
  };
}

const finishedStatus = (status: string): FinishedItemView['status'] =>
  status === 'pending' ? 'failed' : (status as FinishedItemView['status']);

export class JobItemsRepository implements JobItemRows {
  constructor(private readonly db: Db) {}

  /**
   * Items go in chunks, each its own short statement with a pause between, so status requests
   * are served meanwhile; `planned` is set last, so after a crash planning runs again and
   * re-inserting an existing item is a no-op (it keeps its batch). A property listed twice is
   * one item (its first entry): `total` counts it once, or the job could never reach it.
   */
  async savePlan(
    jobId: string,
    planned: readonly PlannedItem[],
    batchSize: number,
    now: string,
  ): Promise<boolean> {
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new RangeError(`batch size ${batchSize} is not ≥ 1`);
    const items = firstPerProperty(planned, (item) => item.propertyId);
    const job = await this.db
      .selectFrom('jobs')
      .select(['status', 'planned'])
      .where('id', '=', jobId)
      .executeTakeFirst();
    if (!job || (job.status !== 'queued' && job.status !== 'processing')) return false;
    if (Number(job.planned) === 1) return true;
    let index = 0;
    for (const part of chunks(items, INSERT_CHUNK)) {
      await this.db
        .insertInto('job_items')
        .values(
          part.map((item) => ({
            job_id: jobId,
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
            batch: Math.floor(index++ / batchSize),
          })),
        )
        // An item of an interrupted earlier plan takes this plan's data: the newer fetch wins.
        .onConflict((oc) =>
          oc
            .columns(['job_id', 'property_id'])
            .doUpdateSet((eb) => ({
              property_name: eb.ref('excluded.property_name'),
              owner_id: eb.ref('excluded.owner_id'),
              payload: eb.ref('excluded.payload'),
              batch: eb.ref('excluded.batch'),
            }))
            .where('job_items.status', '=', 'pending'),
        )
        .execute();
      await yieldToEventLoop();
    }
    // Items of an interrupted earlier plan that this plan no longer has (a property left the
    // catalog meanwhile) must go, or the job would run and count more items than its total.
    const wanted = new Set(items.map((i) => i.propertyId));
    const existing = await this.db
      .selectFrom('job_items')
      .select('property_id')
      .where('job_id', '=', jobId)
      .execute();
    const stale = existing.map((r) => r.property_id).filter((id) => !wanted.has(id));
    for (const part of chunks(stale, INSERT_CHUNK)) {
      await this.db
        .deleteFrom('job_items')
        .where('job_id', '=', jobId)
        .where('status', '=', 'pending')
        .where('property_id', 'in', part)
        .execute();
    }
    const started = await this.db
      .updateTable('jobs')
      .set({
        planned: 1,
        status: 'processing',
        // What is stored, so that two planners at once (after a plan's lock was taken over) still agree.
        total: sql<number>`(select count(*) from job_items where job_id = ${jobId})`,
        started_at: sql<string>`coalesce(started_at, ${now})`,
      })
      .where('id', '=', jobId)
      .where('status', 'in', ['queued', 'processing'])
      .executeTakeFirst();
    return Number(started.numUpdatedRows) === 1;
  }

  async pendingBatches(jobId: string): Promise<number[]> {
    const rows = await this.db
      .selectFrom('job_items')
      .select('batch')
      .distinct()
      .where('job_id', '=', jobId)
      .where('status', '=', 'pending')
      .orderBy('batch')
      .execute();
    return rows.map((r) => Number(r.batch));
  }

  async pendingInBatch(jobId: string, batch: number): Promise<JobItem[]> {
    const rows = await this.db
      .selectFrom('job_items')
      .selectAll()
      .where('job_id', '=', jobId)
      .where('batch', '=', batch)
      .where('status', '=', 'pending')
      .orderBy('property_id')
      .execute();
    return rows.map(toItem);
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

  async countPending(jobId: string): Promise<number> {
    const row = await this.db
      .selectFrom('job_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('job_id', '=', jobId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async claimPending(jobId: string, propertyIds: readonly string[]): Promise<Set<string>> {
    if (propertyIds.length === 0) return new Set();
    let q = this.db
      .selectFrom('job_items')
      .select('property_id')
      .where('job_id', '=', jobId)
      .where('status', '=', 'pending')
      .where('property_id', 'in', [...propertyIds])
      .orderBy('property_id');
    // SQLite has one writer at a time: the transaction itself is the claim.
    if (isPostgres(this.db)) q = q.forUpdate();
    const rows = await q.execute();
    return new Set(rows.map((r) => r.property_id));
  }

  async recordAttempts(jobId: string, propertyIds: readonly string[]): Promise<void> {
    if (propertyIds.length === 0) return;
    await this.db
      .updateTable('job_items')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('job_id', '=', jobId)
      .where('property_id', 'in', [...propertyIds])
      .where('status', '=', 'pending')
      .execute();
  }

  async finishBatch(
    jobId: string,
    outcomes: ReadonlyArray<{ item: JobItem; outcome: ItemOutcome }>,
    now: string,
  ): Promise<FinishedBatch | null> {
    if (outcomes.length === 0) return null;
    // An item given twice counts once (its first outcome), as a duplicate run would: otherwise
    // it would be counted twice and leave a gap in the numbers. Property order: the order the
    // numbers are given in, and the order rows are locked in, so two runs of overlapping batches
    // cannot deadlock.
    const sorted = firstPerProperty(outcomes, (o) => o.item.propertyId).sort((a, b) =>
      compare(a.item.propertyId, b.item.propertyId),
    );
    const finished = isPostgres(this.db)
      ? await this.finishBatchPostgres(jobId, sorted, now)
      : await this.finishBatchSqlite(jobId, sorted, now);
    if (!finished) return null;
    const byId = new Map(sorted.map((o) => [o.item.propertyId, o]));
    const items: SequencedItem[] = [];
    for (const { propertyId, seq } of finished.numbered) {
      const entry = byId.get(propertyId);
      if (!entry) continue;
      const c = outcomeColumns(entry.outcome);
      items.push({
        seq,
        propertyId,
        propertyName: entry.item.propertyName,
        status: finishedStatus(c.status),
        reason: c.reason,
        code: c.error_code,
        error: c.error,
        statementId: c.statement_id,
      });
    }
    items.sort((a, b) => a.seq - b.seq);
    return {
      items,
      status: finished.status,
      progress: finished.progress,
      total: finished.total,
      counts: finished.counts,
    };
  }

  /**
   * One statement: lock the batch's still-pending items, add them to the job's counters once,
   * number them after the job's progress and record their outcomes. The job's row is locked
   * only from this statement to the commit — no round trip of the client in between — so
   * workers finishing batches of one job do not queue behind each other.
   */
  private async finishBatchPostgres(
    jobId: string,
    sorted: ReadonlyArray<{ item: JobItem; outcome: ItemOutcome }>,
    now: string,
  ): Promise<RecordedBatch | null> {
    const values = sql.join(
      sorted.map(({ item, outcome }) => {
        const c = outcomeColumns(outcome);
        return sql`(${item.propertyId}::text, ${c.status}::text, ${c.reason}::text, ${c.error_code}::text, ${c.error}::text, ${c.statement_id}::text)`;
      }),
    );
    const result = await sql<{
      progress: number | null;
      total: number | null;
      generated: number | null;
      skipped: number | null;
      errors: number | null;
      status: string | null;
      numbered: Array<{ property_id: string; seq: number }> | null;
    }>`
      with v (property_id, status, reason, error_code, error, statement_id) as (values ${values}),
      pending as (
        select i.property_id from job_items i
        where i.job_id = ${jobId} and i.status = 'pending'
          and i.property_id in (select property_id from v)
        order by i.property_id
        for update of i
      ),
      todo as (
        select v.*, row_number() over (order by v.property_id) as n, count(*) over () as k
        from v join pending p on p.property_id = v.property_id
      ),
      bump as (
        update jobs set
          progress = progress + (select count(*) from todo),
          generated = generated + (select count(*) from todo where status = 'succeeded'),
          skipped = skipped + (select count(*) from todo where status = 'skipped'),
          errors = errors + (select count(*) from todo where status = 'failed')
        where id = ${jobId} and exists (select 1 from todo)
        returning progress, total, generated, skipped, errors, status
      ),
      done as (
        update job_items i set
          status = t.status, reason = t.reason, error_code = t.error_code, error = t.error,
          statement_id = t.statement_id, finished_at = ${now},
          seq = (select progress from bump) - t.k + t.n
        from todo t
        where i.job_id = ${jobId} and i.property_id = t.property_id and exists (select 1 from bump)
        returning i.property_id, i.seq
      )
      select b.progress, b.total, b.generated, b.skipped, b.errors, b.status,
        (select json_agg(json_build_object('property_id', d.property_id, 'seq', d.seq)) from done d) as numbered
      from bump b
    `.execute(this.db);
    const row = result.rows[0];
    if (!row || row.progress === null || !row.numbered) return null;
    return {
      numbered: row.numbered.map((n) => ({ propertyId: n.property_id, seq: Number(n.seq) })),
      progress: Number(row.progress),
      total: Number(row.total ?? 0),
      status: row.status as JobStatus,
      counts: { generated: Number(row.generated), skipped: Number(row.skipped), errors: Number(row.errors) },
    };
  }

  /** SQLite has one writer at a time (no row locks to wait for): the same steps, one by one. */
  private async finishBatchSqlite(
    jobId: string,
    sorted: ReadonlyArray<{ item: JobItem; outcome: ItemOutcome }>,
    now: string,
  ): Promise<RecordedBatch | null> {
    const run = async (trx: Db): Promise<RecordedBatch | null> => {
      const pendingRows = await trx
        .selectFrom('job_items')
        .select('property_id')
        .where('job_id', '=', jobId)
        .where('status', '=', 'pending')
        .where(
          'property_id',
          'in',
          sorted.map((o) => o.item.propertyId),
        )
        .execute();
      const pending = new Set(pendingRows.map((r) => r.property_id));
      const todo = sorted.filter((o) => pending.has(o.item.propertyId));
      if (todo.length === 0) return null;
      const count = (status: ItemOutcome['status']) => todo.filter((o) => o.outcome.status === status).length;
      const job = await trx
        .updateTable('jobs')
        .set((eb) => ({
          progress: eb('progress', '+', todo.length),
          generated: eb('generated', '+', count('succeeded')),
          skipped: eb('skipped', '+', count('skipped')),
          errors: eb('errors', '+', count('failed')),
        }))
        .where('id', '=', jobId)
        .returning(['progress', 'total', 'generated', 'skipped', 'errors', 'status'])
        .executeTakeFirst();
      if (!job) return null;
      const first = Number(job.progress) - todo.length + 1;
      const numbered = todo.map((o, i) => ({ propertyId: o.item.propertyId, seq: first + i }));
      for (const [i, { item, outcome }] of todo.entries()) {
        await trx
          .updateTable('job_items')
          .set({ ...outcomeColumns(outcome), finished_at: now, seq: first + i })
          .where('job_id', '=', jobId)
          .where('property_id', '=', item.propertyId)
          .execute();
      }
      return {
        numbered,
        progress: Number(job.progress),
        total: Number(job.total ?? 0),
        status: job.status as JobStatus,
        counts: {
          generated: Number(job.generated),
          skipped: Number(job.skipped),
          errors: Number(job.errors),
        },
      };
    };
    // Inside the caller's transaction (the batch's statements) or a transaction of its own.
    return this.db.isTransaction ? run(this.db) : this.db.transaction().execute(run);
  }

  async finishedAfter(jobId: string, afterSeq: number, limit: number): Promise<SequencedItem[]> {
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
      status: finishedStatus(r.status),
      reason: r.reason,
      code: r.error_code,
      error: r.error,
      statementId: r.statement_id,
    }));
  }

  async resultRows(jobId: string, options: { payload?: boolean } = {}): Promise<ResultRow[]> {
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
      .$if(options.payload === true, (q) => q.select('i.payload'))
      .where('i.job_id', '=', jobId)
      .where('i.status', '!=', 'pending')
      .orderBy('i.seq')
      .execute();
    return rows.map((r) => ({
      ...(typeof r.payload === 'string' ? { payload: JSON.parse(r.payload) as unknown } : {}),
      propertyId: r.property_id,
      propertyName: r.property_name,
      ownerId: r.owner_id,
      status: finishedStatus(r.status),
      reason: r.reason,
      code: r.error_code,
      error: r.error,
      statementId: r.statement_id,
      warnings: Number(r.warning_count ?? 0),
    }));
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
}

interface RecordedBatch {
  numbered: Array<{ propertyId: string; seq: number }>;
  progress: number;
  total: number;
  status: JobStatus;
  counts: FinishedBatch['counts'];
}

/** The entries with the first of each property id, in the order given. */
function firstPerProperty<T>(entries: readonly T[], propertyId: (entry: T) => string): T[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const id = propertyId(entry);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Code-unit order (SQLite's default): the order SQLite numbers a batch in. PostgreSQL numbers and
 * locks in its own collation's order; either way one order per store, which is all that matters.
 */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
