/**
 * The JobStore port's contract (src/model/job-store.ts): what every adapter must do, checked
 * through the port alone — plus a transaction's `db`, where a handler writes its statements. An
 * adapter's test file calls `describeJobStoreContract` with a way to open a fresh, migrated
 * store. The suite opens one store for all its tests (one database per file), as a server has
 * one store for all its jobs: each test works on jobs of its own, and a test that reads a list
 * of all jobs (list, listActive, stats, lease expiry, retention) looks only at its own in it or
 * checks the list against what the store itself reports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import type { FinishedBatch, JobStore, NewJob, SequencedItem } from '../../src/model/job-store.js';
import type {
  ItemOutcome,
  JobItem,
  JobRecord,
  JobResult,
  JobStatus,
  PlannedItem,
} from '../../src/model/jobs.js';

export interface OpenedJobStore {
  store: JobStore<Db>;
  close(): Promise<void>;
}

export type OpenJobStore = () => Promise<OpenedJobStore>;

/** The statuses a job ends in (the stats count their durations). */
const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

/**
 * Timestamps: every `tick()` is one second after the previous one, in 2025. Tests about old jobs
 * (retention) use 2000, and the stats test's job runs 30 days in 2001, longer than any other
 * job's, so no test's jobs fall into another test's window.
 */
const BASE = Date.UTC(2025, 0, 1);
let ticks = 0;
const tick = (): string => new Date(BASE + ++ticks * 1000).toISOString();
let jobCounter = 0;

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const ascending = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);

/** Property ids that sort the same as numbers (zero-padded), so expectations can be written as ranges. */
const pid = (n: number): string => `p${String(n).padStart(4, '0')}`;

const plannedItem = (propertyId: string): PlannedItem => ({
  propertyId,
  propertyName: `Property ${propertyId}`,
  ownerId: `own_${propertyId}`,
  payload: { propertyId, reservations: [{ id: `r_${propertyId}`, nights: 3 }] },
});

const succeeded = (statementId: string | null = null): ItemOutcome => ({ status: 'succeeded', statementId });
const skipped = (reason = 'no_activity'): ItemOutcome => ({ status: 'skipped', reason });
const failed = (error = 'boom', code: string | null = 'hostify_unavailable'): ItemOutcome => ({
  status: 'failed',
  code,
  error,
});

/** The same outcome rule for each item, as finishBatch takes them. */
const outcomesOf = (items: readonly JobItem[], outcome: (item: JobItem) => ItemOutcome) =>
  items.map((item) => ({ item, outcome: outcome(item) }));

let statementCounter = 0;
/** A statement row as a handler writes it inside the batch's transaction (unique per call). */
async function insertStatement(db: Db, propertyId: string, warningCount = 0): Promise<string> {
  const id = `stmt_contract_${++statementCounter}`;
  const now = tick();
  await db
    .insertInto('statements')
    .values({
      id,
      property_id: `${propertyId}_${id}`,
      owner_id: null,
      period_start: '2025-10-01',
      period_end: '2025-10-31',
      calculation_type: 'checkout',
      currency: 'USD',
      status: 'draft',
      version: 1,
      net_payout: 0,
      lines: '[]',
      expenses: '[]',
      adjustments: '[]',
      totals: '{}',
      settings: '{}',
      excluded: null,
      warnings: null,
      warning_count: warningCount,
      created_at: now,
      updated_at: now,
      created_by: null,
      updated_by: null,
      sent_at: null,
      sent_to: null,
    })
    .execute();
  return id;
}

export function describeJobStoreContract(name: string, open: OpenJobStore): void {
  describe(`job store contract: ${name}`, () => {
    let opened: OpenedJobStore;
    let store: JobStore<Db>;

    beforeAll(async () => {
      opened = await open();
      store = opened.store;
    });
    afterAll(async () => {
      await opened?.close();
    });

    const create = async (extra: Partial<NewJob> = {}, now = tick()): Promise<JobRecord> => {
      const { job, created } = await store.jobs.create(
        { type: 'bulk_statement_generation', params: { n: ++jobCounter }, dedupeKey: null, ...extra },
        now,
      );
      expect(created).toBe(true);
      return job;
    };

    /** A job planned with `count` items (given in `order`, default ascending) in batches of `batchSize`. */
    const planned = async (
      count: number,
      batchSize: number,
      options: { order?: number[]; now?: string; job?: Partial<NewJob> } = {},
    ): Promise<{ job: JobRecord; items: JobItem[] }> => {
      const job = await create(options.job);
      const order = options.order ?? range(1, count);
      expect(
        await store.items.savePlan(job.id, order.map(pid).map(plannedItem), batchSize, options.now ?? tick()),
      ).toBe(true);
      const items: JobItem[] = [];
      for (const batch of await store.items.pendingBatches(job.id)) {
        items.push(...(await store.items.pendingInBatch(job.id, batch)));
      }
      return { job, items };
    };

    const itemOf = async (jobId: string, propertyId: string): Promise<JobItem> => {
      const item = await store.items.getItem(jobId, propertyId);
      if (!item) throw new Error(`no item ${propertyId} in ${jobId}`);
      return item;
    };

    const jobOf = async (id: string): Promise<JobRecord> => {
      const job = await store.jobs.get(id);
      if (!job) throw new Error(`no job ${id}`);
      return job;
    };

    /** Every job the store lists, newest first, following the cursor. */
    const allJobs = async (pageSize = 50): Promise<JobRecord[]> => {
      const all: JobRecord[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.jobs.list({ limit: pageSize, ...(after ? { after } : {}) });
        all.push(...page.jobs);
        if (!page.nextCursor) return all;
        after = page.nextCursor;
      }
    };

    /** The seqs a batch's recording handed out are one contiguous run, in order. */
    const expectContiguous = (batch: FinishedBatch) => {
      const seqs = batch.items.map((i) => i.seq);
      const first = seqs[0] ?? 0;
      expect(seqs).toEqual(range(first, first + seqs.length - 1));
      // They end at the job's progress after this batch: the batch took the last numbers.
      expect(seqs.at(-1)).toBe(batch.progress);
    };

    // ---- create ----------------------------------------------------------------------------

    describe('create', () => {
      it('creates a queued job with what it was given and nothing done yet', async () => {
        const now = tick();
        const { job, created } = await store.jobs.create(
          {
            type: 'statement_delivery',
            params: { periodStart: '2025-10-01', nested: { a: [1, 2] } },
            dedupeKey: `create-fields-${now}`,
            retryOf: 'job_previous',
            createdBy: 'usr_1',
          },
          now,
        );
        expect(created).toBe(true);
        expect(job).toEqual({
          id: expect.stringMatching(/^job_[0-9a-z]{26}$/),
          type: 'statement_delivery',
          status: 'queued',
          params: { periodStart: '2025-10-01', nested: { a: [1, 2] } },
          dedupeKey: `create-fields-${now}`,
          total: null,
          progress: 0,
          counts: { generated: 0, skipped: 0, errors: 0 },
          planned: false,
          retryOf: 'job_previous',
          createdBy: 'usr_1',
          error: null,
          result: null,
          createdAt: now,
          startedAt: null,
          completedAt: null,
        } satisfies JobRecord);
        expect(await store.jobs.get(job.id)).toEqual(job);
        expect(await store.jobs.getStatus(job.id)).toBe('queued');
        expect(await store.jobs.get('job_missing')).toBeUndefined();
        expect(await store.jobs.getStatus('job_missing')).toBeUndefined();
      });

      it('answers a second create with the same dedupe key, while the first is active, with the first job', async () => {
        const key = `dedupe-active-${tick()}`;
        const first = await create({ dedupeKey: key });
        const again = await store.jobs.create(
          { type: 'bulk_statement_generation', params: { other: true }, dedupeKey: key },
          tick(),
        );
        expect(again).toEqual({ job: first, created: false });
        // Still the same job once it is processing.
        expect(await store.items.savePlan(first.id, [plannedItem('a')], 5, tick())).toBe(true);
        const processing = await store.jobs.create(
          { type: 'bulk_statement_generation', params: {}, dedupeKey: key },
          tick(),
        );
        expect(processing.created).toBe(false);
        expect(processing.job.id).toBe(first.id);
        expect(processing.job.status).toBe('processing');
        // Jobs without a key are never the same job.
        const a = await create({ dedupeKey: null });
        const b = await create({ dedupeKey: null });
        expect(a.id).not.toBe(b.id);
      });

      it.each(['completed', 'failed', 'cancelled'] as const)(
        'creates a new job with the same dedupe key once the first is %s',
        async (to) => {
          const key = `dedupe-after-${to}-${tick()}`;
          const first = await create({ dedupeKey: key });
          expect(await store.jobs.finish(first.id, to, {}, tick())).toBe(true);
          const second = await store.jobs.create(
            { type: 'bulk_statement_generation', params: {}, dedupeKey: key },
            tick(),
          );
          expect(second.created).toBe(true);
          expect(second.job.id).not.toBe(first.id);
          expect(second.job.status).toBe('queued');
          // And now that one is the active job for the key.
          const third = await store.jobs.create(
            { type: 'bulk_statement_generation', params: {}, dedupeKey: key },
            tick(),
          );
          expect(third).toEqual({ job: second.job, created: false });
        },
      );

      it('makes one job of concurrent creates with the same dedupe key', async () => {
        const key = `dedupe-race-${tick()}`;
        const now = tick();
        const results = await Promise.all(
          range(1, 8).map((n) =>
            store.jobs.create({ type: 'bulk_statement_generation', params: { n }, dedupeKey: key }, now),
          ),
        );
        expect(results.filter((r) => r.created)).toHaveLength(1);
        const ids = new Set(results.map((r) => r.job.id));
        expect(ids.size).toBe(1);
        const withKey = (await allJobs()).filter((j) => j.dedupeKey === key);
        expect(withKey.map((j) => j.id)).toEqual([...ids]);
      });
    });

    // ---- savePlan --------------------------------------------------------------------------

    describe('savePlan', () => {
      it('puts items in batches of batchSize in the order given and starts the job', async () => {
        const job = await create();
        // Given out of property order: batches follow the order given, not the ids.
        const order = [7, 3, 9, 1, 5, 2, 8];
        const now = tick();
        expect(await store.items.savePlan(job.id, order.map(pid).map(plannedItem), 3, now)).toBe(true);

        expect(await store.items.pendingBatches(job.id)).toEqual([0, 1, 2]);
        const batches = await Promise.all([0, 1, 2].map((b) => store.items.pendingInBatch(job.id, b)));
        expect(batches.map((items) => items.map((i) => i.propertyId))).toEqual([
          [pid(3), pid(7), pid(9)],
          [pid(1), pid(2), pid(5)],
          [pid(8)],
        ]);
        expect(batches[0]?.[0]).toEqual({
          jobId: job.id,
          propertyId: pid(3),
          propertyName: `Property ${pid(3)}`,
          ownerId: `own_${pid(3)}`,
          status: 'pending',
          seq: null,
          reason: null,
          errorCode: null,
          error: null,
          statementId: null,
          attempts: 0,
          batch: 0,
          payload: plannedItem(pid(3)).payload,
        } satisfies JobItem);
        expect(await store.items.pendingInBatch(job.id, 3)).toEqual([]);
        expect(await store.items.countPending(job.id)).toBe(7);

        expect(await jobOf(job.id)).toMatchObject({
          status: 'processing',
          total: 7,
          planned: true,
          startedAt: now,
          progress: 0,
          completedAt: null,
        });
      });

      it('keeps the batches right across the chunks items are inserted in', async () => {
        const job = await create();
        const count = 450;
        expect(
          await store.items.savePlan(job.id, range(1, count).map(pid).map(plannedItem), 25, tick()),
        ).toBe(true);
        expect(await store.items.pendingBatches(job.id)).toEqual(range(0, 17));
        for (const batch of [0, 7, 8, 15, 17]) {
          const items = await store.items.pendingInBatch(job.id, batch);
          expect(items.map((i) => i.propertyId)).toEqual(range(batch * 25 + 1, batch * 25 + 25).map(pid));
        }
        expect(await store.items.countPending(job.id)).toBe(count);
        expect((await jobOf(job.id)).total).toBe(count);
      });

      it('does nothing when the job is planned already', async () => {
        const start = tick();
        const { job, items } = await planned(5, 2, { now: start });
        const again = [...range(1, 5).reverse(), 6].map(pid).map(plannedItem);
        expect(await store.items.savePlan(job.id, again, 4, tick())).toBe(true);
        expect(await store.items.pendingBatches(job.id)).toEqual([0, 1, 2]);
        expect(await store.items.countPending(job.id)).toBe(5);
        expect(await store.items.getItem(job.id, pid(6))).toBeUndefined();
        for (const item of items) expect(await itemOf(job.id, item.propertyId)).toEqual(item);
        expect(await jobOf(job.id)).toMatchObject({ total: 5, startedAt: start, status: 'processing' });
      });

      it('replaces an interrupted plan: only the new plan’s items, with its data, and a total that counts them', async () => {
        const job = await create();
        expect(await store.items.savePlan(job.id, range(1, 5).map(pid).map(plannedItem), 2, tick())).toBe(
          true,
        );
        // As if the first plan's process had died after its inserts, before marking the job planned.
        await store.transaction(async (tx) => {
          await tx.db.updateTable('jobs').set({ planned: 0 }).where('id', '=', job.id).execute();
        });
        const again = [1, 2, 3, 6].map(pid).map((id) => ({ ...plannedItem(id), payload: { fresh: id } }));
        expect(await store.items.savePlan(job.id, again, 2, tick())).toBe(true);
        const items: JobItem[] = [];
        for (const batch of await store.items.pendingBatches(job.id))
          items.push(...(await store.items.pendingInBatch(job.id, batch)));
        expect(items.map((i) => i.propertyId)).toEqual([1, 2, 3, 6].map(pid));
        expect(items.map((i) => i.payload)).toEqual([1, 2, 3, 6].map((n) => ({ fresh: pid(n) })));
        expect(items.map((i) => i.batch)).toEqual([0, 0, 1, 1]);
        expect(await jobOf(job.id)).toMatchObject({ total: 4, planned: true, status: 'processing' });
      });

      it('stores each item once when two plans of the job run at once', async () => {
        const job = await create();
        const items = range(1, 30).map(pid).map(plannedItem);
        const saved = await Promise.all([
          store.items.savePlan(job.id, items, 10, tick()),
          store.items.savePlan(job.id, items, 10, tick()),
        ]);
        expect(saved).toEqual([true, true]);
        expect(await store.items.countPending(job.id)).toBe(30);
        expect(await store.items.pendingBatches(job.id)).toEqual([0, 1, 2]);
        expect((await jobOf(job.id)).total).toBe(30);
      });

      it('counts a property planned twice as one item, so the job can reach its total', async () => {
        const job = await create();
        const order = [1, 2, 2, 3, 1, 4];
        expect(await store.items.savePlan(job.id, order.map(pid).map(plannedItem), 2, tick())).toBe(true);
        expect(await store.items.countPending(job.id)).toBe(4);
        expect((await jobOf(job.id)).total).toBe(4);
        const items = (
          await Promise.all(
            (await store.items.pendingBatches(job.id)).map((b) => store.items.pendingInBatch(job.id, b)),
          )
        ).flat();
        const finished = await store.items.finishBatch(
          job.id,
          outcomesOf(items, () => succeeded()),
          tick(),
        );
        expect(finished).toMatchObject({ progress: 4, total: 4 });
      });

      it('starts a job planned with no items, with a total of 0', async () => {
        const job = await create();
        expect(await store.items.savePlan(job.id, [], 10, tick())).toBe(true);
        expect(await jobOf(job.id)).toMatchObject({ status: 'processing', total: 0, planned: true });
        expect(await store.items.pendingBatches(job.id)).toEqual([]);
        expect(await store.items.countPending(job.id)).toBe(0);
      });

      it.each(['cancelled', 'completed', 'failed'] as const)(
        'returns false and stores nothing when the job is %s',
        async (to) => {
          const job = await create();
          expect(await store.jobs.finish(job.id, to, {}, tick())).toBe(true);
          const before = await jobOf(job.id);
          expect(await store.items.savePlan(job.id, range(1, 4).map(pid).map(plannedItem), 2, tick())).toBe(
            false,
          );
          expect(await store.items.pendingBatches(job.id)).toEqual([]);
          expect(await store.items.countPending(job.id)).toBe(0);
          expect(await store.items.getItem(job.id, pid(1))).toBeUndefined();
          expect(await jobOf(job.id)).toEqual(before);
        },
      );

      it('returns false for a job that does not exist', async () => {
        expect(await store.items.savePlan('job_missing', [plannedItem('x')], 2, tick())).toBe(false);
      });
    });

    // ---- finishBatch -----------------------------------------------------------------------

    describe('finishBatch', () => {
      it('records outcomes, numbers the items after the progress and adds to the counters once', async () => {
        const { job, items } = await planned(6, 3);
        const [a, b, c, d, e, f] = items as [JobItem, JobItem, JobItem, JobItem, JobItem, JobItem];
        const now = tick();
        const first = await store.items.finishBatch(
          job.id,
          [
            { item: c, outcome: failed('timeout', 'hostify_unavailable') },
            { item: a, outcome: succeeded('stmt_a') },
            { item: b, outcome: skipped('no_activity') },
          ],
          now,
        );
        expect(first).not.toBeNull();
        if (!first) return;
        expect(first.progress).toBe(3);
        expect(first.total).toBe(6);
        expect(first.counts).toEqual({ generated: 1, skipped: 1, errors: 1 });
        expect(ascending(first.items.map((i) => i.seq))).toEqual([1, 2, 3]);
        expectContiguous(first);
        const byId = new Map(first.items.map((i) => [i.propertyId, i]));
        expect(byId.get(a.propertyId)).toEqual({
          seq: expect.any(Number),
          propertyId: a.propertyId,
          propertyName: a.propertyName,
          status: 'succeeded',
          reason: null,
          code: null,
          error: null,
          statementId: 'stmt_a',
        } satisfies SequencedItem);
        expect(byId.get(b.propertyId)).toMatchObject({
          status: 'skipped',
          reason: 'no_activity',
          statementId: null,
        });
        expect(byId.get(c.propertyId)).toMatchObject({
          status: 'failed',
          code: 'hostify_unavailable',
          error: 'timeout',
          reason: null,
        });

        // The store holds what the call returned.
        for (const view of first.items) {
          const item = await itemOf(job.id, view.propertyId);
          expect(item).toMatchObject({
            status: view.status,
            seq: view.seq,
            reason: view.reason,
            errorCode: view.code,
            error: view.error,
            statementId: view.statementId,
          });
        }
        expect(await jobOf(job.id)).toMatchObject({
          progress: 3,
          total: 6,
          counts: { generated: 1, skipped: 1, errors: 1 },
          status: 'processing',
        });
        expect(await store.items.pendingBatches(job.id)).toEqual([1]);
        expect(await store.items.countPending(job.id)).toBe(3);

        const second = await store.items.finishBatch(
          job.id,
          outcomesOf([d, e, f], () => succeeded()),
          tick(),
        );
        expect(second?.items.map((i) => i.seq)).toEqual([4, 5, 6]);
        expect(second).toMatchObject({
          progress: 6,
          total: 6,
          counts: { generated: 4, skipped: 1, errors: 1 },
        });
        expect(await store.items.countPending(job.id)).toBe(0);
        expect(await store.items.pendingBatches(job.id)).toEqual([]);
      });

      it('returns null and changes nothing when the same items are recorded again', async () => {
        const { job, items } = await planned(4, 4);
        const first = await store.items.finishBatch(
          job.id,
          outcomesOf(items, () => succeeded('stmt_1')),
          tick(),
        );
        expect(first?.items).toHaveLength(4);
        const jobBefore = await jobOf(job.id);
        const itemsBefore = await Promise.all(items.map((i) => itemOf(job.id, i.propertyId)));

        // A duplicate run of the batch, with other outcomes: nothing of it is recorded.
        expect(
          await store.items.finishBatch(
            job.id,
            outcomesOf(items, () => failed('late')),
            tick(),
          ),
        ).toBeNull();
        expect(await jobOf(job.id)).toEqual(jobBefore);
        expect(await Promise.all(items.map((i) => itemOf(job.id, i.propertyId)))).toEqual(itemsBefore);
        expect(await store.items.finishedAfter(job.id, 0, 100)).toHaveLength(4);
      });

      it('records only the still-pending items of a partly recorded batch', async () => {
        const { job, items } = await planned(5, 5);
        const [a, b, c, d, e] = items as [JobItem, JobItem, JobItem, JobItem, JobItem];
        await store.items.finishBatch(
          job.id,
          outcomesOf([a, b], () => succeeded('first')),
          tick(),
        );
        const bBefore = await itemOf(job.id, b.propertyId);

        const overlap = await store.items.finishBatch(
          job.id,
          outcomesOf([b, c, d], () => skipped('second')),
          tick(),
        );
        expect(overlap?.items.map((i) => i.propertyId).sort()).toEqual([c.propertyId, d.propertyId]);
        expect(overlap?.items.map((i) => i.seq)).toEqual([3, 4]);
        expect(overlap).toMatchObject({ progress: 4, counts: { generated: 2, skipped: 2, errors: 0 } });
        expect(await itemOf(job.id, b.propertyId)).toEqual(bBefore);
        expect(await store.items.countPending(job.id)).toBe(1);
        expect((await itemOf(job.id, e.propertyId)).status).toBe('pending');
      });

      it('records an item given twice in one call once', async () => {
        const { job, items } = await planned(3, 3);
        const [a, b] = items as [JobItem, JobItem];
        const finished = await store.items.finishBatch(
          job.id,
          [
            { item: a, outcome: succeeded('stmt_first') },
            { item: b, outcome: skipped() },
            { item: a, outcome: failed('second outcome') },
          ],
          tick(),
        );
        expect(finished?.items.map((i) => i.seq)).toEqual([1, 2]);
        expect(finished?.items.map((i) => i.propertyId).sort()).toEqual([a.propertyId, b.propertyId]);
        expect(finished?.progress).toBe(2);
        const sum =
          (finished?.counts.generated ?? 0) +
          (finished?.counts.skipped ?? 0) +
          (finished?.counts.errors ?? 0);
        expect(sum).toBe(2);
        // The first outcome given counts, as if the second were a duplicate run.
        expect(await itemOf(job.id, a.propertyId)).toMatchObject({
          status: 'succeeded',
          statementId: 'stmt_first',
        });
        expect(await jobOf(job.id)).toMatchObject({
          progress: 2,
          counts: { generated: 1, skipped: 1, errors: 0 },
        });
      });

      it('returns null for no outcomes, an unknown item or an unknown job', async () => {
        const { job, items } = await planned(2, 2);
        expect(await store.items.finishBatch(job.id, [], tick())).toBeNull();
        const stranger = { ...(items[0] as JobItem), propertyId: 'not-in-this-job' };
        expect(
          await store.items.finishBatch(job.id, [{ item: stranger, outcome: succeeded() }], tick()),
        ).toBeNull();
        expect(
          await store.items.finishBatch(
            'job_missing',
            outcomesOf(items, () => succeeded()),
            tick(),
          ),
        ).toBeNull();
        expect(await jobOf(job.id)).toMatchObject({
          progress: 0,
          counts: { generated: 0, skipped: 0, errors: 0 },
        });
        expect(await store.items.countPending(job.id)).toBe(2);
      });

      it('numbers a whole job 1..total, whatever order the batches finish in', async () => {
        const { job } = await planned(23, 4);
        const batches = await store.items.pendingBatches(job.id);
        expect(batches).toEqual(range(0, 5));
        const outcomes = [succeeded(), skipped(), failed()];
        const seqs: number[] = [];
        let n = 0;
        for (const batch of [3, 0, 5, 1, 4, 2]) {
          const items = await store.items.pendingInBatch(job.id, batch);
          const finished = await store.items.finishBatch(
            job.id,
            outcomesOf(items, () => outcomes[n++ % 3] as ItemOutcome),
            tick(),
          );
          expect(finished).not.toBeNull();
          if (!finished) return;
          expectContiguous(finished);
          seqs.push(...finished.items.map((i) => i.seq));
          const { counts } = finished;
          expect(counts.generated + counts.skipped + counts.errors).toBe(finished.progress);
        }
        expect(seqs).toEqual(range(1, 23));
        const final = await jobOf(job.id);
        expect(final.progress).toBe(23);
        expect(final.counts).toEqual({ generated: 8, skipped: 8, errors: 7 });
      });

      it('commits a handler write and the batch together in a transaction', async () => {
        const { job, items } = await planned(3, 3);
        const { statementId, finished } = await store.transaction(async (tx) => {
          const statementId = await insertStatement(tx.db, 'tx-commit');
          const finished = await tx.items.finishBatch(
            job.id,
            outcomesOf(items, () => succeeded(statementId)),
            tick(),
          );
          // Inside the transaction its own writes are visible.
          expect(await tx.items.countPending(job.id)).toBe(0);
          return { statementId, finished };
        });
        expect(finished?.items.map((i) => i.seq)).toEqual([1, 2, 3]);
        expect(await jobOf(job.id)).toMatchObject({
          progress: 3,
          counts: { generated: 3, skipped: 0, errors: 0 },
        });
        const rows = await store.transaction((tx) =>
          tx.db.selectFrom('statements').select('id').where('id', '=', statementId).execute(),
        );
        expect(rows).toHaveLength(1);
      });

      it('leaves nothing recorded, nor the handler write, when the transaction throws', async () => {
        const { job, items } = await planned(3, 3);
        let statementId = '';
        const failure = new Error('the handler failed after recording');
        await expect(
          store.transaction(async (tx) => {
            statementId = await insertStatement(tx.db, 'tx-rollback', 2);
            const finished = await tx.items.finishBatch(
              job.id,
              outcomesOf(items, () => succeeded(statementId)),
              tick(),
            );
            expect(finished?.items).toHaveLength(3);
            throw failure;
          }),
        ).rejects.toBe(failure);

        expect(await jobOf(job.id)).toMatchObject({
          progress: 0,
          counts: { generated: 0, skipped: 0, errors: 0 },
        });
        expect(await store.items.countPending(job.id)).toBe(3);
        for (const item of items) {
          expect(await itemOf(job.id, item.propertyId)).toMatchObject({
            status: 'pending',
            seq: null,
            statementId: null,
          });
        }
        expect(await store.items.finishedAfter(job.id, 0, 10)).toEqual([]);
        const rows = await store.transaction((tx) =>
          tx.db.selectFrom('statements').select('id').where('id', '=', statementId).execute(),
        );
        expect(rows).toEqual([]);

        // The batch runs again from the start of the numbering.
        const again = await store.items.finishBatch(
          job.id,
          outcomesOf(items, () => succeeded()),
          tick(),
        );
        expect(again?.items.map((i) => i.seq)).toEqual([1, 2, 3]);
      });
    });

    // ---- concurrency -----------------------------------------------------------------------

    describe('concurrent recording', () => {
      /** Records a batch as the lifecycle does (in a transaction, with a handler write) or alone. */
      const record = (
        jobId: string,
        outcomes: ReadonlyArray<{ item: JobItem; outcome: ItemOutcome }>,
        inTransaction: boolean,
      ): Promise<FinishedBatch | null> =>
        inTransaction
          ? store.transaction(async (tx) => {
              await insertStatement(tx.db, `concurrent-${jobId}`);
              return tx.items.finishBatch(jobId, outcomes, tick());
            })
          : store.items.finishBatch(jobId, outcomes, tick());

      it.each([false, true])(
        'records each item once when two overlapping batches are recorded at once (in transactions: %s)',
        async (inTransaction) => {
          for (let round = 0; round < 5; round++) {
            const { job, items } = await planned(10, 10);
            const [one, two] = await Promise.all([
              record(
                job.id,
                outcomesOf(items.slice(0, 7), () => succeeded()),
                inTransaction,
              ),
              record(
                job.id,
                outcomesOf(items.slice(3), () => failed()),
                inTransaction,
              ),
            ]);
            const recorded = [...(one?.items ?? []), ...(two?.items ?? [])];
            expect(recorded.map((i) => i.propertyId).sort()).toEqual(items.map((i) => i.propertyId));
            expect(ascending(recorded.map((i) => i.seq))).toEqual(range(1, 10));
            for (const batch of [one, two]) if (batch) expectContiguous(batch);
            const final = await jobOf(job.id);
            expect(final.progress).toBe(10);
            expect(final.counts).toEqual({
              generated: one?.items.length ?? 0,
              skipped: 0,
              errors: two?.items.length ?? 0,
            });
            // Every item holds the outcome of the call that says it recorded it.
            for (const view of recorded) {
              expect(await itemOf(job.id, view.propertyId)).toMatchObject({
                status: view.status,
                seq: view.seq,
              });
            }
            expect(await store.items.countPending(job.id)).toBe(0);
          }
        },
      );

      it('numbers 20 disjoint batches recorded at once 1..200', async () => {
        const { job } = await planned(200, 10);
        const batches = await store.items.pendingBatches(job.id);
        expect(batches).toEqual(range(0, 19));
        const work = await Promise.all(batches.map((b) => store.items.pendingInBatch(job.id, b)));
        const finished = await Promise.all(
          work.map((items, i) =>
            record(
              job.id,
              outcomesOf(items, () => succeeded()),
              i % 2 === 1,
            ),
          ),
        );
        for (const batch of finished) {
          expect(batch?.items).toHaveLength(10);
          if (batch) expectContiguous(batch);
        }
        // Each batch added its 10 to the counters on its own: the progress after each is distinct.
        expect(ascending(finished.map((b) => b?.progress ?? 0))).toEqual(range(1, 20).map((n) => n * 10));
        const seqs = finished.flatMap((b) => b?.items.map((i) => i.seq) ?? []);
        expect(ascending(seqs)).toEqual(range(1, 200));
        const final = await jobOf(job.id);
        expect(final).toMatchObject({
          progress: 200,
          total: 200,
          counts: { generated: 200, skipped: 0, errors: 0 },
        });
        const replay = await store.items.finishedAfter(job.id, 0, 1000);
        expect(replay.map((i) => i.seq)).toEqual(range(1, 200));
      });

      it('records every batch once when each of 20 batches is recorded twice at once', async () => {
        const { job } = await planned(200, 10);
        const batches = await store.items.pendingBatches(job.id);
        const work = await Promise.all(batches.map((b) => store.items.pendingInBatch(job.id, b)));
        const finished = await Promise.all(
          work.flatMap((items, i) => [
            record(
              job.id,
              outcomesOf(items, () => succeeded()),
              i % 2 === 0,
            ),
            record(
              job.id,
              outcomesOf(items, () => skipped()),
              i % 2 === 1,
            ),
          ]),
        );
        const recorded = finished.filter((b): b is FinishedBatch => b !== null);
        for (const batch of recorded) expectContiguous(batch);
        const seqs = recorded.flatMap((b) => b.items.map((i) => i.seq));
        expect(ascending(seqs)).toEqual(range(1, 200));
        const final = await jobOf(job.id);
        expect(final.progress).toBe(200);
        expect(final.counts.generated + final.counts.skipped + final.counts.errors).toBe(200);
        expect(await store.items.countPending(job.id)).toBe(0);
      });
    });

    // ---- reading items ---------------------------------------------------------------------

    describe('reading items', () => {
      it('pages finished items in seq order with finishedAfter', async () => {
        const { job } = await planned(10, 3);
        const other = await planned(3, 3);
        await store.items.finishBatch(
          other.job.id,
          outcomesOf(other.items, () => succeeded()),
          tick(),
        );

        const batch1 = await store.items.pendingInBatch(job.id, 1);
        const batch0 = await store.items.pendingInBatch(job.id, 0);
        const r1 = await store.items.finishBatch(
          job.id,
          outcomesOf(batch1, () => skipped('no_activity')),
          tick(),
        );
        const r0 = await store.items.finishBatch(
          job.id,
          outcomesOf(batch0, () => failed('bad data', null)),
          tick(),
        );
        const expected = [...(r1?.items ?? []), ...(r0?.items ?? [])];
        expect(expected.map((i) => i.seq)).toEqual(range(1, 6));

        const page1 = await store.items.finishedAfter(job.id, 0, 4);
        const page2 = await store.items.finishedAfter(job.id, 4, 4);
        expect(page1).toEqual(expected.slice(0, 4));
        expect(page2).toEqual(expected.slice(4));
        expect(await store.items.finishedAfter(job.id, 6, 4)).toEqual([]);
        expect(await store.items.finishedAfter(job.id, 2, 2)).toEqual(expected.slice(2, 4));
        // Batch 1's items came first although batch 0 has the lower property ids.
        expect(page1.slice(0, 3).map((i) => i.propertyId)).toEqual([pid(4), pid(5), pid(6)]);
      });

      it('gives result rows in seq order, with the statements’ warnings and 0 without one', async () => {
        const { job, items } = await planned(5, 5);
        const [a, b, c, d, e] = items as [JobItem, JobItem, JobItem, JobItem, JobItem];
        const withWarnings = await store.transaction(async (tx) => {
          const id = await insertStatement(tx.db, 'warnings', 3);
          await tx.items.finishBatch(job.id, [{ item: d, outcome: succeeded(id) }], tick());
          return id;
        });
        await store.items.finishBatch(
          job.id,
          [
            { item: b, outcome: succeeded(null) },
            { item: a, outcome: skipped('no_activity') },
          ],
          tick(),
        );
        await store.items.finishBatch(job.id, [{ item: c, outcome: succeeded('stmt_gone') }], tick());

        const rows = await store.items.resultRows(job.id);
        const order = (await store.items.finishedAfter(job.id, 0, 10)).map((i) => i.propertyId);
        expect(rows.map((r) => r.propertyId)).toEqual(order);
        expect(order[0]).toBe(d.propertyId);
        expect(order.at(-1)).toBe(c.propertyId);
        expect(rows).toHaveLength(4); // e is pending
        const byId = new Map(rows.map((r) => [r.propertyId, r]));
        expect(byId.get(d.propertyId)).toEqual({
          propertyId: d.propertyId,
          propertyName: d.propertyName,
          ownerId: d.ownerId,
          status: 'succeeded',
          reason: null,
          code: null,
          error: null,
          statementId: withWarnings,
          warnings: 3,
        });
        expect(byId.get(b.propertyId)).toMatchObject({ status: 'succeeded', statementId: null, warnings: 0 });
        expect(byId.get(a.propertyId)).toMatchObject({
          status: 'skipped',
          reason: 'no_activity',
          warnings: 0,
        });
        expect(byId.get(c.propertyId)).toMatchObject({ statementId: 'stmt_gone', warnings: 0 });
        expect(byId.has(e.propertyId)).toBe(false);
      });

      it('lists the failed property ids of the job only', async () => {
        const { job, items } = await planned(6, 6, { order: [6, 2, 5, 1, 4, 3] });
        const other = await planned(2, 2);
        await store.items.finishBatch(
          other.job.id,
          outcomesOf(other.items, () => failed()),
          tick(),
        );
        const byId = new Map(items.map((i) => [i.propertyId, i]));
        const get = (n: number) => byId.get(pid(n)) as JobItem;
        await store.items.finishBatch(
          job.id,
          [
            { item: get(5), outcome: failed() },
            { item: get(1), outcome: succeeded() },
            { item: get(2), outcome: failed() },
            { item: get(4), outcome: skipped() },
          ],
          tick(),
        );
        expect([...(await store.items.failedPropertyIds(job.id))].sort()).toEqual([pid(2), pid(5)]);
        expect(await store.items.failedPropertyIds((await create()).id)).toEqual([]);
      });

      it('counts pending items and counts attempts only on pending items of the job', async () => {
        const { job, items } = await planned(3, 3);
        const other = await planned(3, 3);
        const [a, b, c] = items as [JobItem, JobItem, JobItem];
        await store.items.finishBatch(job.id, [{ item: a, outcome: succeeded() }], tick());
        expect(await store.items.countPending(job.id)).toBe(2);

        await store.items.recordAttempts(job.id, [a.propertyId, b.propertyId]);
        await store.items.recordAttempts(job.id, [b.propertyId, c.propertyId]);
        await store.items.recordAttempts(job.id, []);
        expect((await itemOf(job.id, a.propertyId)).attempts).toBe(0);
        expect((await itemOf(job.id, b.propertyId)).attempts).toBe(2);
        expect((await itemOf(job.id, c.propertyId)).attempts).toBe(1);
        // The same property in another job is another item.
        for (const item of other.items)
          expect((await itemOf(other.job.id, item.propertyId)).attempts).toBe(0);
        // And pendingInBatch hands the attempts to the next run.
        expect((await store.items.pendingInBatch(job.id, 0)).map((i) => i.attempts)).toEqual([2, 1]);
        expect(await store.items.countPending(other.job.id)).toBe(3);
      });
    });

    // ---- jobs ------------------------------------------------------------------------------

    describe('jobs', () => {
      it('finishes a job only while it is unfinished', async () => {
        const result: JobResult = {
          summary: { generated: 1, skipped: 0, errors: 0, warnings: 0 },
          results: {
            generated: [{ propertyId: 'p', propertyName: 'P', ownerId: null, statementId: 's', warnings: 0 }],
            skipped: [],
            errors: [],
          },
        };
        const done = await create();
        const at = tick();
        expect(await store.jobs.finish(done.id, 'completed', { result }, at)).toBe(true);
        const completed = await jobOf(done.id);
        expect(completed).toMatchObject({ status: 'completed', result, error: null, completedAt: at });
        expect(await store.jobs.finish(done.id, 'cancelled', {}, tick())).toBe(false);
        expect(await store.jobs.finish(done.id, 'failed', { error: 'late' }, tick())).toBe(false);
        expect(await jobOf(done.id)).toEqual(completed);

        const cancelled = await create();
        expect(await store.jobs.finish(cancelled.id, 'cancelled', {}, tick())).toBe(true);
        expect(await store.jobs.finish(cancelled.id, 'completed', { result }, tick())).toBe(false);
        expect(await jobOf(cancelled.id)).toMatchObject({ status: 'cancelled', result: null });

        const failing = (await planned(2, 2)).job;
        expect(await store.jobs.finish(failing.id, 'failed', { error: 'Hostify refused' }, tick())).toBe(
          true,
        );
        expect(await jobOf(failing.id)).toMatchObject({
          status: 'failed',
          error: 'Hostify refused',
          result: null,
        });

        expect(await store.jobs.finish('job_missing', 'completed', {}, tick())).toBe(false);
      });

      it('saves the result of a job that has ended', async () => {
        const job = await create();
        expect(await store.jobs.finish(job.id, 'cancelled', {}, tick())).toBe(true);
        const partial: JobResult = {
          summary: { generated: 0, skipped: 1, errors: 0 },
          results: {
            generated: [],
            skipped: [{ propertyId: 'p', propertyName: 'P', reason: 'no_activity' }],
            errors: [],
          },
        };
        await store.jobs.saveResult(job.id, partial);
        expect(await jobOf(job.id)).toMatchObject({ status: 'cancelled', result: partial });
      });

      it('starts a job and sets its progress only while it runs', async () => {
        const job = await create();
        const at = tick();
        expect(await store.jobs.setProgress(job.id, 1)).toBe(false); // still queued
        expect(await store.jobs.start(job.id, 3, at)).toBe(true);
        expect(await jobOf(job.id)).toMatchObject({
          status: 'processing',
          total: 3,
          startedAt: at,
          progress: 0,
        });
        expect(await store.jobs.setProgress(job.id, 2)).toBe(true);
        expect((await jobOf(job.id)).progress).toBe(2);
        expect(await store.jobs.start(job.id, 3, tick())).toBe(true);
        expect((await jobOf(job.id)).startedAt).toBe(at);
        expect(await store.jobs.finish(job.id, 'cancelled', {}, tick())).toBe(true);
        expect(await store.jobs.start(job.id, 3, tick())).toBe(false);
        expect(await store.jobs.setProgress(job.id, 3)).toBe(false);
        expect(await jobOf(job.id)).toMatchObject({ status: 'cancelled', progress: 2 });
      });

      it('gives the job without its result lists, with the result summary', async () => {
        const generated = range(1, 300).map((n) => ({
          propertyId: pid(n),
          propertyName: `Property ${n}`,
          ownerId: null,
          statementId: `stmt_${n}`,
          warnings: 0,
        }));
        const result: JobResult = {
          summary: { generated: 300, skipped: 0, errors: 0, warnings: 4 },
          results: { generated, skipped: [], errors: [] },
          unattributed: [],
        };
        const job = await create();
        expect(await store.jobs.finish(job.id, 'completed', { result }, tick())).toBe(true);
        const full = await jobOf(job.id);
        expect(await store.jobs.getWithSummary(job.id)).toEqual({
          job: { ...full, result: null },
          summary: { generated: 300, skipped: 0, errors: 0, warnings: 4 },
        });
        const running = await create();
        expect(await store.jobs.getWithSummary(running.id)).toEqual({ job: running, summary: null });
        expect(await store.jobs.getWithSummary('job_missing')).toBeUndefined();
      });

      it('lists jobs newest first, page by page, with filters', async () => {
        const mine: JobRecord[] = [];
        for (let i = 0; i < 5; i++) {
          mine.push(await create({ type: i % 2 === 0 ? 'statement_delivery' : 'bulk_statement_generation' }));
        }
        const [m0, m1, m2, m3, m4] = mine as [JobRecord, JobRecord, JobRecord, JobRecord, JobRecord];
        await store.jobs.finish(m1.id, 'cancelled', {}, tick());
        await store.jobs.finish(m3.id, 'cancelled', {}, tick());

        const pages: JobRecord[][] = [];
        let after: string | undefined;
        for (;;) {
          const page = await store.jobs.list({ limit: 2, ...(after ? { after } : {}) });
          expect(page.jobs.length).toBeLessThanOrEqual(2);
          pages.push(page.jobs);
          if (!page.nextCursor) break;
          expect(page.nextCursor).toBe(page.jobs.at(-1)?.id);
          after = page.nextCursor;
        }
        const all = pages.flat();
        const ids = all.map((j) => j.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toEqual([...ids].sort().reverse());
        expect(all.filter((j) => mine.some((m) => m.id === j.id)).map((j) => j.id)).toEqual(
          [m4, m3, m2, m1, m0].map((j) => j.id),
        );
        // Newest first: the page right after m4 starts with m3.
        expect((await store.jobs.list({ limit: 1, after: m4.id })).jobs.map((j) => j.id)).toEqual([m3.id]);
        // The same jobs as one page.
        expect((await store.jobs.list({ limit: all.length + 1 })).jobs.map((j) => j.id)).toEqual(ids);
        expect((await store.jobs.list({ limit: all.length + 1 })).nextCursor).toBeNull();
        expect((await store.jobs.list({ limit: all.length })).nextCursor).toBeNull();

        const cancelled = await store.jobs.list({ status: 'cancelled', limit: 1000 });
        expect(cancelled.jobs.every((j) => j.status === 'cancelled')).toBe(true);
        expect(cancelled.jobs.map((j) => j.id)).toEqual(expect.arrayContaining([m1.id, m3.id]));
        const deliveries = await store.jobs.list({
          type: 'statement_delivery',
          status: 'queued',
          limit: 1000,
        });
        expect(deliveries.jobs.every((j) => j.type === 'statement_delivery' && j.status === 'queued')).toBe(
          true,
        );
        expect(deliveries.jobs.filter((j) => mine.some((m) => m.id === j.id)).map((j) => j.id)).toEqual([
          m4.id,
          m2.id,
          m0.id,
        ]);
      });

      it('lists the unfinished engine jobs, oldest first', async () => {
        const e1 = await create();
        const i1 = await create({ runner: 'inprocess' });
        const e2 = (await planned(2, 2)).job;
        const e3 = await create({ runner: 'engine' });
        const e4 = await create();
        await store.jobs.start(i1.id, 1, tick());
        await store.jobs.finish(e3.id, 'completed', {}, tick());
        const active = await store.jobs.listActive();
        const ids = active.map((j) => j.id);
        expect(ids).toEqual([...ids].sort());
        expect(active.every((j) => j.status === 'queued' || j.status === 'processing')).toBe(true);
        expect(ids.filter((id) => [e1, i1, e2, e3, e4].some((j) => j.id === id))).toEqual([
          e1.id,
          e2.id,
          e4.id,
        ]);
        await store.jobs.finish(i1.id, 'completed', {}, tick());
      });

      it('keeps the unattributed reservations of a job', async () => {
        const job = await create();
        expect(await store.jobs.getUnattributed(job.id)).toEqual([]);
        const entries = [
          { reservationId: '14', listingId: '999', message: 'no known property' },
          { reservationId: null, listingId: null, message: 'no listing' },
        ];
        await store.jobs.setUnattributed(job.id, entries);
        expect(await store.jobs.getUnattributed(job.id)).toEqual(entries);
        await store.jobs.setUnattributed(job.id, entries.slice(1));
        expect(await store.jobs.getUnattributed(job.id)).toEqual(entries.slice(1));
        await store.jobs.setUnattributed(job.id, []);
        expect(await store.jobs.getUnattributed(job.id)).toEqual([]);
        expect(await store.jobs.getUnattributed('job_missing')).toEqual([]);
      });

      it('fails only in-process jobs whose lease is missing or past', async () => {
        const now = tick();
        // Sweep what earlier tests left, so the count below is this test's alone.
        await store.jobs.failExpiredLeases(now);
        const later = (s: number) => new Date(Date.parse(now) + s * 1000).toISOString();
        const noLease = await create({ runner: 'inprocess' });
        const expired = await create({ runner: 'inprocess' });
        const current = await create({ runner: 'inprocess' });
        const exact = await create({ runner: 'inprocess' });
        const engine = await create();
        const ended = await create({ runner: 'inprocess' });
        await store.jobs.start(expired.id, 5, now);
        await store.jobs.renewLease(expired.id, later(-30));
        await store.jobs.renewLease(current.id, later(60));
        await store.jobs.renewLease(exact.id, later(10));
        await store.jobs.renewLease(engine.id, later(-30));
        await store.jobs.finish(ended.id, 'completed', {}, now);
        await store.jobs.renewLease(ended.id, later(-30));

        expect(await store.jobs.failExpiredLeases(later(10))).toHaveLength(2);
        for (const job of [noLease, expired]) {
          expect(await jobOf(job.id)).toMatchObject({
            status: 'failed',
            completedAt: later(10),
            error: expect.stringMatching(/\S/),
          });
        }
        expect((await jobOf(current.id)).status).toBe('queued');
        expect((await jobOf(exact.id)).status).toBe('queued'); // a lease ending now has not ended before now
        expect((await jobOf(engine.id)).status).toBe('queued');
        expect(await jobOf(ended.id)).toMatchObject({ status: 'completed', error: null });

        // A renewed lease holds; once it is past, the job fails too.
        await store.jobs.renewLease(current.id, later(120));
        expect(await store.jobs.failExpiredLeases(later(90))).toHaveLength(1); // `exact`
        expect((await jobOf(current.id)).status).toBe('queued');
        expect(await store.jobs.failExpiredLeases(later(121))).toHaveLength(1);
        expect((await jobOf(current.id)).status).toBe('failed');
        expect((await jobOf(engine.id)).status).toBe('queued');
        await store.jobs.finish(engine.id, 'cancelled', {}, tick());
      });

      it('deletes jobs finished before the cutoff with their items, and nothing else', async () => {
        const old = (day: number) => `2000-01-${String(day).padStart(2, '0')}T00:00:00.000Z`;
        const cutoff = '2000-06-01T00:00:00.000Z';
        const oldCompleted = await planned(3, 3, { now: old(1) });
        await store.items.finishBatch(
          oldCompleted.job.id,
          outcomesOf(oldCompleted.items, () => succeeded()),
          old(2),
        );
        await store.jobs.finish(oldCompleted.job.id, 'completed', {}, old(2));
        const oldCancelled = await planned(3, 3, { now: old(1) });
        await store.jobs.finish(oldCancelled.job.id, 'cancelled', {}, old(3));
        const oldFailed = await create({}, old(1));
        await store.jobs.finish(oldFailed.id, 'failed', { error: 'x' }, old(4));
        const recent = await planned(2, 2, { now: '2000-06-20T00:00:00.000Z' });
        await store.items.finishBatch(
          recent.job.id,
          outcomesOf(recent.items, () => succeeded()),
          '2000-06-25T00:00:00.000Z',
        );
        await store.jobs.finish(recent.job.id, 'completed', {}, '2000-07-01T00:00:00.000Z');
        const active = await planned(2, 2, { now: old(1) });

        expect(await store.jobs.deleteFinishedBefore(cutoff)).toBe(3);
        for (const { id } of [oldCompleted.job, oldCancelled.job, oldFailed]) {
          expect(await store.jobs.get(id)).toBeUndefined();
          expect(await store.items.countPending(id)).toBe(0);
          expect(await store.items.finishedAfter(id, 0, 10)).toEqual([]);
          expect(await store.items.pendingBatches(id)).toEqual([]);
        }
        for (const item of [...oldCompleted.items, ...oldCancelled.items]) {
          expect(await store.items.getItem(item.jobId, item.propertyId)).toBeUndefined();
        }
        expect((await jobOf(recent.job.id)).status).toBe('completed');
        expect(await store.items.finishedAfter(recent.job.id, 0, 10)).toHaveLength(2);
        expect((await jobOf(active.job.id)).status).toBe('processing');
        expect(await store.items.countPending(active.job.id)).toBe(2);
        expect(await store.jobs.deleteFinishedBefore(cutoff)).toBe(0);
      });

      it('reports stats that agree with the jobs it holds', async () => {
        const before = await store.jobs.stats();
        const long = await planned(4, 4, { now: '2001-01-01T00:00:00.000Z' });
        await store.items.finishBatch(
          long.job.id,
          outcomesOf(long.items, () => succeeded()),
          tick(),
        );
        await store.jobs.finish(long.job.id, 'completed', {}, '2001-01-31T00:00:00.000Z');
        const neverStarted = await create();
        await store.jobs.finish(neverStarted.id, 'failed', { error: 'x' }, tick());
        await planned(2, 2); // processing
        await create(); // queued
        const after = await store.jobs.stats();

        const delta = (s: JobStatus) => after.byStatus[s] - before.byStatus[s];
        expect({
          queued: delta('queued'),
          processing: delta('processing'),
          completed: delta('completed'),
          failed: delta('failed'),
          cancelled: delta('cancelled'),
        }).toEqual({ queued: 1, processing: 1, completed: 1, failed: 1, cancelled: 0 });
        // The job that never started has no duration: it does not count as finished.
        expect(after.finished - before.finished).toBe(1);
        expect(after.maxDurationMs).toBe(30 * 24 * 3600 * 1000);

        // The same figures from the jobs the store lists.
        const all = await allJobs();
        const byStatus = { queued: 0, processing: 0, completed: 0, failed: 0, cancelled: 0 };
        for (const j of all) byStatus[j.status] += 1;
        const timed = all.filter(
          (j) => FINISHED_JOB_STATUSES.includes(j.status) && j.startedAt && j.completedAt,
        );
        const durations = timed.map((j) => Date.parse(j.completedAt ?? '') - Date.parse(j.startedAt ?? ''));
        const totalMs = durations.reduce((a, b) => a + b, 0);
        const items = timed.reduce((a, j) => a + j.progress, 0);
        expect(after).toEqual({
          byStatus,
          finished: timed.length,
          averageDurationMs: Math.round(totalMs / timed.length),
          maxDurationMs: Math.max(...durations),
          itemsPerSecond: Math.round((items / (totalMs / 1000)) * 100) / 100,
        });
      });
    });
  });
}
