/**
 * The runner's automatic retries, with a real (in-memory SQLite) store and a handler that fails
 * on purpose: transient failures are retried with backoff before an item becomes an error;
 * permanent ones are not retried.
 */
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrateToLatest, openSqlite } from '../db/database.js';
import { JobRepository } from '../db/repositories/job-repository.js';
import { HostifyUnavailableError } from '../hostify/errors.js';
import { systemClock } from '../lib/clock.js';
import { LocalJobEventBus } from './event-bus.js';
import type { JobHandler } from './job-handler.js';
import { JobRunner } from './job-runner.js';
import type { ItemOutcome, JobEvent, JobType } from './types.js';

let db: Db;
let jobs: JobRepository;
const events: JobEvent[] = [];

beforeEach(async () => {
  db = openSqlite({ filename: ':memory:' });
  await migrateToLatest(db);
  jobs = new JobRepository(db);
  events.length = 0;
});
afterEach(async () => {
  await db.destroy();
});

/** A handler whose items fail `failures[propertyId]` times with `error()` before succeeding. */
function flakyHandler(
  failures: Record<string, number>,
  error: () => Error,
): JobHandler & { calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  return {
    type: 'bulk_statement_generation',
    calls,
    plan: async () =>
      Object.keys(failures).map((id) => ({
        propertyId: id,
        propertyName: `P${id}`,
        ownerId: null,
        payload: null,
      })),
    runItem: async (_job, item): Promise<ItemOutcome> => {
      const attempt = (calls[item.propertyId] ?? 0) + 1;
      calls[item.propertyId] = attempt;
      if (attempt <= (failures[item.propertyId] ?? 0)) throw error();
      return { status: 'succeeded', statementId: `stmt_${item.propertyId}` };
    },
  };
}

async function runAll(handler: JobHandler) {
  const bus = new LocalJobEventBus();
  bus.subscribe((e) => events.push(e));
  const runner = new JobRunner({
    jobs,
    handlers: new Map<JobType, JobHandler>([['bulk_statement_generation', handler]]),
    events: bus,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    retry: { itemAttempts: 4, baseMs: 1, maxMs: 5 },
  });
  const { job } = await jobs.create(
    { type: 'bulk_statement_generation', params: {}, dedupeKey: null },
    new Date().toISOString(),
  );
  const signal = new AbortController().signal;
  expect(await runner.plan(job, signal)).toBe(true);
  const planned = await jobs.get(job.id);
  if (!planned) throw new Error('job vanished');
  for (const item of await jobs.pendingItems(job.id, 100)) await runner.runItem(planned, item, signal);
  await runner.finishIfDone(job.id);
  return jobs.get(job.id);
}

describe('JobRunner retries', () => {
  it('retries transient failures until the item succeeds, and counts the failed attempts', async () => {
    const handler = flakyHandler(
      { a: 0, b: 2, c: 3 },
      () => new HostifyUnavailableError('Hostify answered 503'),
    );
    const job = await runAll(handler);
    expect(handler.calls).toEqual({ a: 1, b: 3, c: 4 });
    expect(job?.status).toBe('completed');
    // A generation job's summary also counts reconciliation warnings (none here: no statements).
    expect(job?.result?.summary).toEqual({ generated: 3, skipped: 0, errors: 0, warnings: 0 });
    expect((await jobs.getItem(job?.id ?? '', 'c'))?.attempts).toBe(3);
  });

  it('records an item as an error after the last attempt, and the job goes on', async () => {
    const handler = flakyHandler({ a: 0, b: 10 }, () => new HostifyUnavailableError('Hostify answered 503'));
    const job = await runAll(handler);
    expect(handler.calls.b).toBe(4);
    expect(job?.result?.summary).toEqual({ generated: 1, skipped: 0, errors: 1, warnings: 0 });
    expect(job?.result?.results.errors[0]).toMatchObject({ propertyId: 'b', code: 'hostify_unavailable' });
  });

  it('does not retry a permanent failure', async () => {
    const handler = flakyHandler({ a: 1 }, () => new Error('statement rules refused the data'));
    const job = await runAll(handler);
    expect(handler.calls.a).toBe(1);
    expect(job?.result?.results.errors[0]?.error).toBe('statement rules refused the data');
  });

  it('publishes item and progress events with increasing sequence numbers, then finished', async () => {
    await runAll(flakyHandler({ a: 0, b: 1, c: 0 }, () => new HostifyUnavailableError('503')));
    const items = events.filter((e) => e.type === 'item');
    expect(items.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events.at(-1)?.type).toBe('finished');
  });
});
