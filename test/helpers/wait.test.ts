/**
 * The job waiters against a job whose stored state and events the test sets: they see a state
 * reached before they started, an event sent while they read the store, progress that jumps by
 * a batch, a lost event, and a job that ends too early.
 */
import { describe, expect, it } from 'vitest';
import { LocalJobEventBus } from '../../src/jobs/event-bus.js';
import type { JobService } from '../../src/jobs/job-service.js';
import type { JobEvent, JobRecord, JobResult } from '../../src/model/jobs.js';
import { waitForJobEnd, waitForProgress } from './wait.js';

const JOB_ID = 'job_01wait';
const result: JobResult = {
  summary: { generated: 1, skipped: 0, errors: 0 },
  results: { generated: [], skipped: [], errors: [] },
};

function record(overrides: Partial<JobRecord> = {}): JobRecord {
  return {
    id: JOB_ID,
    type: 'bulk_statement_generation',
    status: 'processing',
    params: {},
    dedupeKey: null,
    total: 100,
    progress: 0,
    counts: { generated: 0, skipped: 0, errors: 0 },
    planned: true,
    retryOf: null,
    createdBy: null,
    error: null,
    result: null,
    createdAt: '2025-11-01T10:00:00.000Z',
    startedAt: '2025-11-01T10:00:00.000Z',
    completedAt: null,
    ...overrides,
  };
}

/**
 * The two methods the waiters use, over a real event bus. A read returns the state as it was
 * when the read started; `beforeRead` then runs once (something racing with the read).
 */
function fakeJobs(initial: JobRecord) {
  const bus = new LocalJobEventBus();
  const state = { job: initial, reads: 0, beforeRead: undefined as (() => void) | undefined };
  const service = {
    subscribe: (listener: (event: JobEvent) => void) => bus.subscribe(listener),
    getJob: async (jobId: string) => {
      if (jobId !== JOB_ID) throw new Error(`job ${jobId} not found`);
      const seen = state.job;
      state.reads += 1;
      const racing = state.beforeRead;
      state.beforeRead = undefined;
      racing?.();
      return seen;
    },
  } as unknown as JobService;
  /** What an engine publishes after a batch: its items (none needed here) and the job's progress. */
  const progress = (n: number, total = 100): Extract<JobEvent, { type: 'items' }> => ({
    type: 'items',
    jobId: JOB_ID,
    items: [],
    progress: n,
    total,
    counts: { generated: n, skipped: 0, errors: 0 },
  });
  return { service, state, bus, progress };
}

describe('waitForProgress', () => {
  it('resolves at once when the job is already there, with no event to come', async () => {
    const { service } = fakeJobs(record({ progress: 7 }));
    await expect(waitForProgress(service, JOB_ID, 5, 5_000)).resolves.toBeUndefined();
  });

  it('sees an event sent after it subscribed but while it read an older state', async () => {
    const { service, state, bus, progress } = fakeJobs(record({ progress: 0 }));
    state.beforeRead = () => bus.publish(progress(5));
    await expect(waitForProgress(service, JOB_ID, 5, 5_000)).resolves.toBeUndefined();
  });

  it('counts progress values, not events: one event for a batch of items is enough', async () => {
    const { service, bus, progress } = fakeJobs(record({ progress: 0 }));
    const waiting = waitForProgress(service, JOB_ID, 5, 5_000);
    bus.publish({ ...progress(50), jobId: 'job_other' }); // another job's
    bus.publish(progress(40)); // a batch of 40 items, from 0
    await expect(waiting).resolves.toBeUndefined();
  });

  it('rejects as soon as the job has ended short of the count', async () => {
    const { service } = fakeJobs(record({ status: 'cancelled', progress: 2, result }));
    await expect(waitForProgress(service, JOB_ID, 5, 60_000)).rejects.toThrow(
      `job ${JOB_ID} ended cancelled after 2 items, before reaching 5`,
    );
  });

  it('reads the store again, so a lost event does not cost the whole timeout', async () => {
    const { service, state } = fakeJobs(record({ progress: 0 }));
    // The job moves on while the first read returns the old state, and no event comes at all.
    state.beforeRead = () => {
      state.job = record({ progress: 6 });
    };
    await expect(waitForProgress(service, JOB_ID, 5, 30_000)).resolves.toBeUndefined();
    expect(state.reads).toBeGreaterThanOrEqual(2);
  });

  it('times out with a message when nothing happens', async () => {
    const { service } = fakeJobs(record({ progress: 1 }));
    await expect(waitForProgress(service, JOB_ID, 5, 50)).rejects.toThrow(
      `job ${JOB_ID} did not reach 5 items within 50 ms`,
    );
  });
});

describe('waitForJobEnd', () => {
  it('resolves at once with a job that had finished before the wait', async () => {
    const done = record({ status: 'completed', progress: 100, result });
    const { service } = fakeJobs(done);
    await expect(waitForJobEnd(service, JOB_ID, 5_000)).resolves.toBe(done);
  });

  it('waits for the result of a job marked cancelled, then takes the finished event', async () => {
    const { service, state, bus } = fakeJobs(record({ status: 'cancelled', progress: 3 }));
    const settled = record({ status: 'cancelled', progress: 3, result });
    state.beforeRead = () =>
      bus.publish({ type: 'finished', jobId: JOB_ID, status: 'cancelled', job: settled });
    await expect(waitForJobEnd(service, JOB_ID, 5_000)).resolves.toBe(settled);
  });

  it('passes on a failing read instead of waiting out the timeout', async () => {
    const { service } = fakeJobs(record());
    await expect(waitForJobEnd(service, 'job_missing', 60_000)).rejects.toThrow('job job_missing not found');
  });
});
