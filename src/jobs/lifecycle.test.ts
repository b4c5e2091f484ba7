/**
 * The lifecycle's batches and retries, with a real (in-memory SQLite) store and a handler that
 * fails on purpose: transient failures retry the batch with backoff before its items become
 * errors; a permanent failure runs the batch's items one by one, so only the bad one is an error.
 */
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrateToLatest, openSqlite } from '../db/database.js';
import { SqlJobStore } from '../db/repositories/sql-job-store.js';
import { HostifyUnavailableError } from '../hostify/errors.js';
import { systemClock } from '../lib/clock.js';
import type { ItemOutcome, JobEvent, JobType } from '../model/jobs.js';
import { LocalJobEventBus } from './event-bus.js';
import { decided, type JobHandler } from './job-handler.js';
import { JobLifecycle } from './lifecycle.js';

let db: Db;
let store: SqlJobStore;
const events: JobEvent[] = [];

beforeEach(async () => {
  db = openSqlite({ filename: ':memory:' });
  await migrateToLatest(db);
  store = new SqlJobStore(db);
  events.length = 0;
});
afterEach(async () => {
  await db.destroy();
});

/**
 * A handler whose batches fail `failures` times with `error()` before succeeding, or, for a
 * permanent failure, fail whenever the batch holds `poison`.
 */
function flakyHandler(
  ids: string[],
  options: { failures?: number; error: () => Error; poison?: string },
): JobHandler & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    type: 'bulk_statement_generation',
    calls,
    plan: async () =>
      ids.map((id) => ({ propertyId: id, propertyName: `P${id}`, ownerId: null, payload: null })),
    runBatch: async (_job, items) => {
      calls.push(items.map((i) => i.propertyId));
      if (calls.length <= (options.failures ?? 0)) throw options.error();
      if (options.poison && items.some((i) => i.propertyId === options.poison)) throw options.error();
      return decided(
        new Map<string, ItemOutcome>(
          items.map((i) => [i.propertyId, { status: 'succeeded', statementId: `stmt_${i.propertyId}` }]),
        ),
      );
    },
  };
}

async function runAll(handler: JobHandler, batchSize: number) {
  const bus = new LocalJobEventBus();
  bus.subscribe((e) => events.push(e));
  const lifecycle = new JobLifecycle({
    store,
    handlers: new Map<JobType, JobHandler>([['bulk_statement_generation', handler]]),
    events: bus,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    retry: { itemAttempts: 4, baseMs: 1, maxMs: 5 },
    batchSize,
  });
  const { job } = await lifecycle.create({ type: 'bulk_statement_generation', params: {}, dedupeKey: null });
  const signal = new AbortController().signal;
  expect(await lifecycle.plan(job, signal)).toBe(true);
  const planned = await store.jobs.get(job.id);
  if (!planned) throw new Error('job vanished');
  for (const batch of await lifecycle.pendingBatches(job.id)) {
    expect(await lifecycle.runBatch(planned, batch, signal)).toBe('done');
  }
  return store.jobs.get(job.id);
}

describe('JobLifecycle batches', () => {
  it('puts the items in batches of the configured size and completes when the last is recorded', async () => {
    const handler = flakyHandler(['a', 'b', 'c', 'd', 'e'], { error: () => new Error('never') });
    const job = await runAll(handler, 2);
    expect(handler.calls).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(job).toMatchObject({ status: 'completed', progress: 5, total: 5 });
    expect(job?.counts).toEqual({ generated: 5, skipped: 0, errors: 0 });
    // A generation job's summary also counts reconciliation warnings (none here: no statements).
    expect(job?.result?.summary).toEqual({ generated: 5, skipped: 0, errors: 0, warnings: 0 });
  });

  it('publishes one event per batch, with dense sequence numbers, then finished', async () => {
    await runAll(flakyHandler(['a', 'b', 'c', 'd', 'e'], { error: () => new Error('never') }), 2);
    const batches = events.filter((e) => e.type === 'items');
    expect(batches.map((e) => e.items.map((i) => i.seq))).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches.map((e) => e.progress)).toEqual([2, 4, 5]);
    expect(events.at(-1)?.type).toBe('finished');
    expect(events.filter((e) => e.type === 'finished')).toHaveLength(1);
  });

  it('records a batch that runs again only once', async () => {
    const handler = flakyHandler(['a', 'b'], { error: () => new Error('never') });
    const job = await runAll(handler, 2);
    const lifecycle = new JobLifecycle({
      store,
      handlers: new Map<JobType, JobHandler>([['bulk_statement_generation', handler]]),
      events: new LocalJobEventBus(),
      clock: systemClock,
      logger: pino({ level: 'silent' }),
    });
    if (!job) throw new Error('job vanished');
    expect(await lifecycle.runBatch(job, 0, new AbortController().signal)).toBe('done');
    expect(handler.calls).toHaveLength(1); // nothing pending: the handler is not even called
    expect(await store.jobs.get(job.id)).toMatchObject({ progress: 2, counts: { generated: 2 } });
  });
});

describe('JobLifecycle retries', () => {
  it('retries a batch that failed transiently, and counts the failed attempts on its items', async () => {
    const handler = flakyHandler(['a', 'b', 'c'], {
      failures: 2,
      error: () => new HostifyUnavailableError('Hostify answered 503'),
    });
    const job = await runAll(handler, 3);
    expect(handler.calls).toHaveLength(3);
    expect(job?.status).toBe('completed');
    expect(job?.result?.summary).toEqual({ generated: 3, skipped: 0, errors: 0, warnings: 0 });
    expect((await store.items.getItem(job?.id ?? '', 'c'))?.attempts).toBe(2);
  });

  it('records the batch as errors after the last attempt, and the job goes on', async () => {
    const handler = flakyHandler(['a', 'b', 'c'], {
      failures: 10,
      error: () => new HostifyUnavailableError('Hostify answered 503'),
    });
    const job = await runAll(handler, 2);
    // Batch [a, b]: 4 attempts, then errors; batch [c]: attempts 5..10 still fail (its own budget is 4).
    expect(handler.calls.slice(0, 4)).toEqual([
      ['a', 'b'],
      ['a', 'b'],
      ['a', 'b'],
      ['a', 'b'],
    ]);
    expect(job?.status).toBe('completed');
    expect(job?.result?.summary.errors).toBe(3);
    expect(job?.result?.results.errors[0]).toMatchObject({ propertyId: 'a', code: 'hostify_unavailable' });
  });

  it('runs the items of a batch that failed permanently one by one: only the bad one is an error', async () => {
    const handler = flakyHandler(['a', 'b', 'c'], {
      poison: 'b',
      error: () => new Error('statement rules refused the data'),
    });
    const job = await runAll(handler, 3);
    expect(handler.calls).toEqual([['a', 'b', 'c'], ['a'], ['b'], ['c']]);
    expect(job?.result?.summary).toEqual({ generated: 2, skipped: 0, errors: 1, warnings: 0 });
    expect(job?.result?.results.errors[0]).toMatchObject({
      propertyId: 'b',
      error: 'statement rules refused the data',
    });
  });

  it('gives the items of a split batch only what is left of their budget', async () => {
    // The batch fails transiently 3 times, then permanently, so it is split; alone, every item
    // fails transiently. The batch's 4 attempts were its items' attempts: one run each is left
    // (that run is what tells which item is bad), not a fresh budget of 4.
    const calls: string[][] = [];
    const handler: JobHandler = {
      type: 'bulk_statement_generation',
      plan: async () =>
        ['a', 'b'].map((id) => ({ propertyId: id, propertyName: id, ownerId: null, payload: null })),
      runBatch: async (_job, items) => {
        calls.push(items.map((i) => i.propertyId));
        if (items.length > 1 && calls.length === 4) throw new Error('statement rules refused the data');
        throw new HostifyUnavailableError('Hostify answered 503');
      },
    };
    const job = await runAll(handler, 2);
    expect(calls).toEqual([['a', 'b'], ['a', 'b'], ['a', 'b'], ['a', 'b'], ['a'], ['b']]);
    expect(job?.result?.summary.errors).toBe(2);
    expect((await store.items.getItem(job?.id ?? '', 'a'))?.attempts).toBe(5);
  });
});

describe('JobLifecycle and duplicate or interrupted work', () => {
  const lifecycleWith = (handler: JobHandler) =>
    new JobLifecycle({
      store,
      handlers: new Map<JobType, JobHandler>([['bulk_statement_generation', handler]]),
      events: new LocalJobEventBus(),
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      batchSize: 10,
    });

  it('lets an older run of a batch that finishes after a newer one write nothing', async () => {
    // Run A computes first, then stalls (its worker lost the lock); run B takes the batch over and
    // records it; then A reaches its commit. A's writes would be older than B's: none may happen.
    let release: () => void = () => undefined;
    const stalled = new Promise<void>((resolve) => {
      release = resolve;
    });
    const commits: Array<{ run: string; claimed: string[] }> = [];
    let runs = 0;
    const handler: JobHandler = {
      type: 'bulk_statement_generation',
      plan: async () =>
        ['a', 'b'].map((id) => ({ propertyId: id, propertyName: id, ownerId: null, payload: null })),
      runBatch: async (_job, items) => {
        const run = runs++ === 0 ? 'A' : 'B';
        if (run === 'A') await stalled;
        return {
          commit: async (_tx, claimed) => {
            commits.push({ run, claimed: [...claimed].sort() });
            return new Map(
              items.map((i) => [i.propertyId, { status: 'succeeded', statementId: `stmt_${run}` }]),
            );
          },
        };
      },
    };
    const lifecycle = lifecycleWith(handler);
    const { job } = await lifecycle.create({
      type: 'bulk_statement_generation',
      params: {},
      dedupeKey: null,
    });
    const signal = new AbortController().signal;
    expect(await lifecycle.plan(job, signal)).toBe(true);
    const planned = await store.jobs.get(job.id);
    if (!planned) throw new Error('job vanished');
    const runA = lifecycle.runBatch(planned, 0, signal);
    expect(await lifecycle.runBatch(planned, 0, signal)).toBe('done');
    release();
    expect(await runA).toBe('done');
    expect(commits).toEqual([{ run: 'B', claimed: ['a', 'b'] }]);
    const done = await store.jobs.get(job.id);
    expect(done).toMatchObject({ status: 'completed', progress: 2 });
    expect(done?.result?.results.generated.map((g) => g.statementId)).toEqual(['stmt_B', 'stmt_B']);
  });

  it('does not save a plan that a stop interrupted, so the job is planned again later', async () => {
    const stop = new AbortController();
    const handler: JobHandler = {
      type: 'bulk_statement_generation',
      plan: async () => {
        stop.abort(); // the process stops while the handler fetches; it returns what it has
        return [];
      },
      runBatch: async () => decided(new Map()),
    };
    const lifecycle = lifecycleWith(handler);
    const { job } = await lifecycle.create({
      type: 'bulk_statement_generation',
      params: {},
      dedupeKey: null,
    });
    expect(await lifecycle.plan(job, stop.signal)).toBe(false);
    expect(await store.jobs.get(job.id)).toMatchObject({ status: 'queued', planned: false, total: null });
  });
});
