/**
 * The jobs HTTP API beyond the engine contract: validation before queueing, the SSE stream and
 * its resumption, history and stats, retention, runInBackground, and the log story.
 */
import { describe, expect, it } from 'vitest';
import {
  jobFinishedEventSchema,
  jobItemEventSchema,
  jobProgressEventSchema,
  jobStatsSchema,
} from '../../src/contract/jobs.js';
import type { Clock } from '../../src/lib/clock.js';
import type { JobEvent } from '../../src/model/jobs.js';
import { handRunJob } from '../helpers/hand-run-job.js';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { readSse, type SseEvent } from '../helpers/sse.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { pollUntil, waitForJobEnd } from '../helpers/wait.js';

const bulk = (t: TestApp, extra: Record<string, unknown> = {}) =>
  t.request('POST', '/api/statements/generate', { ownerId: 'all', ...PERIOD, ...extra });

const auth = (t: TestApp) => ({ headers: { authorization: `Bearer ${t.tokens.admin}` } });

async function withApp(options: Parameters<typeof startTestApp>[0], fn: (t: TestApp) => Promise<void>) {
  const t = await startTestApp(options);
  try {
    await fn(t);
  } finally {
    await t.close();
  }
}

/**
 * The stream's contract: item events in seq order from `from` to `to`, each once, each with its
 * seq as its id; progress and final events without an id (the client's last event id stays its
 * last item's); a progress event never counts an item the stream has not sent yet.
 */
function expectInOrderOnce(events: SseEvent[], from: number, to: number) {
  const items = events.filter((e) => e.event === 'item');
  const expected = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  expect(items.map((e) => Number(e.data.seq))).toEqual(expected);
  expect(items.map((e) => e.id)).toEqual(expected.map(String));
  expect(events.filter((e) => e.event !== 'item' && e.id !== undefined)).toEqual([]);
  let sent = from - 1;
  for (const e of events) {
    if (e.event === 'item') sent = Number(e.data.seq);
    if (e.event === 'progress') expect(e.data.progress).toBeLessThanOrEqual(sent);
  }
}

/**
 * A job of `count` properties that no engine runs: the test records its batches of 5 (seqs
 * 5k+1..5k+5) and ends it, and publishes (or loses) the events itself, as workers in other
 * processes do over Redis or NOTIFY (at most once, any order).
 */
async function runByHand(t: TestApp, count: number) {
  const run = await handRunJob(t.composition.jobStore, { count, batchSize: 5 });
  const { job } = run;
  return {
    job,
    /** Records the next batch; its event, not published. */
    record: async (): Promise<JobEvent> => {
      const batch = await run.recordNext();
      if (!batch) throw new Error('the batch had no pending item');
      return { type: 'items', jobId: job.id, ...batch };
    },
    /** Completes the job in the store; its `finished` event, not published. */
    finish: async (): Promise<JobEvent> => {
      const finished = await run.complete();
      return { type: 'finished', jobId: job.id, status: 'completed', job: finished };
    },
  };
}

describe('Generate All request', () => {
  it('validates dates before anything is queued', async () => {
    await withApp({ sim: { data: knownData() } }, async (t) => {
      for (const body of [
        { startDate: '2025-02-30' },
        { endDate: '2025-09-01' },
        { calculationType: 'weekly' },
        { startDate: '2024-01-01', endDate: '2025-06-01' },
      ]) {
        const res = await bulk(t, body);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('validation_error');
      }
      expect((await t.request('GET', '/api/statements/jobs')).body.jobs).toEqual([]);
    });
  });

  it('answers 404 for an unknown job, whatever its id looks like (job-not-found.test.ts has them all)', async () => {
    await withApp({ sim: { data: knownData() } }, async (t) => {
      const unknown = await t.request('GET', '/api/statements/jobs/job_01aaaaaaaaaaaaaaaaaaaaaaaa');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('not_found');
      const odd = await t.request('GET', `/api/statements/jobs/${encodeURIComponent('1;DROP TABLE jobs')}`);
      expect(odd.status).toBe(404);
      expect(odd.body.error).toEqual({ code: 'not_found', message: 'job 1;DROP TABLE jobs not found' });
      expect(
        (await t.request('GET', '/api/statements/jobs/job_01aaaaaaaaaaaaaaaaaaaaaaaa/events')).status,
      ).toBe(404);
    });
  });
});

describe('live progress (SSE)', () => {
  it('streams item and progress events, then one final completed event, and ends', async () => {
    await withApp({ sim: { owners: 10, propertiesPerOwner: 5, latencyMs: 20 } }, async (t) => {
      const res = await bulk(t);
      const got: string[] = [];
      const stream = await readSse(`${t.baseUrl}/api/statements/jobs/${res.body.jobId}/events`, {
        ...auth(t),
        timeoutMs: 8000,
        onEvent: (e) => got.push(`${e.event}:${e.id}`),
      }).catch(async (error) => {
        const job = await t.request('GET', res.body.statusUrl);
        throw new Error(
          `${error}; got ${got.length} events, last ${got.slice(-3)}; job ${job.body.status} ${job.body.progress}/${job.body.total}`,
        );
      });
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/^text\/event-stream/);
      const items = stream.events.filter((e) => e.event === 'item');
      const progress = stream.events.filter((e) => e.event === 'progress');
      const finals = stream.events.filter((e) => ['completed', 'failed', 'cancelled'].includes(e.event));
      expect(items).toHaveLength(50);
      expectInOrderOnce(stream.events, 1, 50);
      expect(new Set(items.map((e) => e.data.propertyId)).size).toBe(50);
      expect(progress.at(-1)?.data).toMatchObject({ progress: 50, total: 50 });
      expect(finals).toHaveLength(1);
      expect(stream.events.at(-1)?.event).toBe('completed');
      expect(jobFinishedEventSchema.parse(finals[0]?.data).summary).toBeDefined();
      // Every event is what the contract (and so the web app's types) says, field for field.
      for (const item of items) jobItemEventSchema.strict().parse(item.data);
      for (const p of progress) jobProgressEventSchema.strict().parse(p.data);
    });
  });

  it('resumes after Last-Event-ID with only the missed items, and replays a finished job', async () => {
    await withApp({ sim: { owners: 10, propertiesPerOwner: 5 } }, async (t) => {
      const res = await bulk(t);
      await waitForJobEnd(t.composition.jobService, res.body.jobId);
      const url = `${t.baseUrl}/api/statements/jobs/${res.body.jobId}/events`;
      const all = await readSse(url, auth(t));
      expectInOrderOnce(all.events, 1, 50);
      const resumed = await readSse(url, { headers: { ...auth(t).headers, 'Last-Event-ID': '42' } });
      expectInOrderOnce(resumed.events, 43, 50);
      expect(resumed.events.filter((e) => e.event === 'item').map((e) => e.data.propertyId)).toEqual(
        all.events
          .filter((e) => e.event === 'item')
          .slice(42)
          .map((e) => e.data.propertyId),
      );
      expect(resumed.events.at(-1)?.event).toBe('completed');
      const viaQuery = await readSse(`${url}?lastEventId=49`, auth(t));
      expect(viaQuery.events.filter((e) => e.event === 'item').map((e) => e.id)).toEqual(['50']);
      // After the last item: nothing to replay, the job's progress and its end.
      const atEnd = await readSse(url, { headers: { ...auth(t).headers, 'Last-Event-ID': '50' } });
      expect(atEnd.events.map((e) => e.event)).toEqual(['progress', 'completed']);
      expect(atEnd.events[0]?.data).toMatchObject({ progress: 50, total: 50 });
    });
  });

  it('replays from the start after a Last-Event-ID that is not a number or not one of the job', async () => {
    await withApp({ sim: { owners: 2, propertiesPerOwner: 5 } }, async (t) => {
      const res = await bulk(t);
      await waitForJobEnd(t.composition.jobService, res.body.jobId);
      const url = `${t.baseUrl}/api/statements/jobs/${res.body.jobId}/events`;
      // Not a plain number (never half-parsed), or beyond the items the job has (ids are only
      // ever sent for stored items, so it is another stream's id).
      for (const lastEventId of ['abc', '7abc', '-3', '1e3', '11', '9007199254740993']) {
        const { events } = await readSse(url, {
          headers: { ...auth(t).headers, 'Last-Event-ID': lastEventId },
        });
        expectInOrderOnce(events, 1, 10);
        expect(events.at(-1)?.event).toBe('completed');
      }
      // A header that is no id leaves the query's.
      const viaQuery = await readSse(`${url}?lastEventId=8`, {
        headers: { ...auth(t).headers, 'Last-Event-ID': 'abc' },
      });
      expectInOrderOnce(viaQuery.events, 9, 10);
    });
  });

  it('delivers every item once and in order when batch events are lost, late, repeated or out of order', async () => {
    // The keep-alive is too rare to matter here, so only events make the stream read the store.
    await withApp(
      { sim: { data: knownData() }, startEngine: false, compose: { sseHeartbeatMs: 3_600_000 } },
      async (t) => {
        const { jobs } = t.composition.jobStore;
        const bus = t.composition.engine.events;
        const { job, record, finish } = await runByHand(t, 30);

        const events: SseEvent[] = [];
        const stream = readSse(`${t.baseUrl}/api/statements/jobs/${job.id}/events`, {
          ...auth(t),
          timeoutMs: 30_000,
          onEvent: (e) => events.push(e),
        });
        const received = (seq: number) =>
          pollUntil(
            async () => (events.some((e) => e.event === 'item' && e.data.seq === seq) ? true : undefined),
            `item ${seq}`,
            10_000,
          );
        // Subscribed once it sent the job's progress (0: nothing is stored yet).
        await pollUntil(
          async () => (events.some((e) => e.event === 'progress') ? true : undefined),
          'the stream to open',
          10_000,
        );

        const b1 = await record();
        const b2 = await record(); // its event is lost (for now)
        const b3 = await record();
        bus.publish(b1);
        bus.publish(b3);
        // Items 6–10 come from the store, while the job runs (no keep-alive, no end yet).
        await received(15);
        expect(await jobs.getStatus(job.id)).toBe('processing');

        const b4 = await record();
        const b5 = await record();
        bus.publish(b5); // ahead of 4
        bus.publish(b4);
        bus.publish(b3); // a repeat
        bus.publish(b2); // the lost one, late after all
        await received(25);

        // The last batch's event is lost; the job's end still brings its items.
        await record();
        bus.publish(await finish());

        const done = await stream;
        expectInOrderOnce(done.events, 1, 30);
        expect(done.events.at(-1)?.event).toBe('completed');
        expect(done.events.at(-1)?.data).toMatchObject({ progress: 30, total: 30 });
      },
    );
  });

  it('fills the gap a lost batch event left at the next keep-alive, while the job runs', async () => {
    await withApp(
      { sim: { data: knownData() }, startEngine: false, compose: { sseHeartbeatMs: 100 } },
      async (t) => {
        const { job, record } = await runByHand(t, 10);
        const events: SseEvent[] = [];
        const abort = new AbortController();
        const stream = readSse(`${t.baseUrl}/api/statements/jobs/${job.id}/events`, {
          ...auth(t),
          signal: abort.signal,
          onEvent: (e) => events.push(e),
        }).catch(() => undefined);
        await pollUntil(
          async () => (events.some((e) => e.event === 'progress') ? true : undefined),
          'the stream to open',
          10_000,
        );
        // Both batches recorded, neither event published: only the job's counter tells.
        await record();
        await record();
        await pollUntil(
          async () =>
            events.some((e) => e.event === 'progress' && e.data.progress === 10) ? true : undefined,
          'the items from the store, then their progress',
          10_000,
        );
        expect(await t.composition.jobStore.jobs.getStatus(job.id)).toBe('processing');
        abort.abort();
        await stream;
        expectInOrderOnce(events, 1, 10);
        expect(events.filter((e) => e.event === 'progress').at(-1)?.data).toMatchObject({
          progress: 10,
          total: 10,
        });
      },
    );
  });

  it('fills a dropped batch event from the store while a real job runs, and ignores a late one', async () => {
    await withApp(
      {
        sim: { owners: 10, propertiesPerOwner: 5 },
        startEngine: false,
        compose: { jobBatchSize: 5, sseHeartbeatMs: 3_600_000 },
      },
      async (t) => {
        // Between the bus and the stream: the event with item 6 never arrives, the one with item
        // 11 only after the event that follows it.
        const service = t.composition.jobService;
        const subscribe = service.subscribe.bind(service);
        let dropped = 0;
        let delayed = 0;
        service.subscribe = (listener) => {
          let held: JobEvent | undefined;
          return subscribe((event) => {
            const has = (seq: number) => event.type === 'items' && event.items.some((i) => i.seq === seq);
            if (has(6)) {
              dropped++;
              return;
            }
            if (has(11)) {
              delayed++;
              held = event;
              return;
            }
            listener(event);
            if (held) {
              const late = held;
              held = undefined;
              listener(late);
            }
          });
        };

        const res = await bulk(t);
        let opened: () => void = () => undefined;
        const streamOpen = new Promise<void>((resolve) => {
          opened = resolve;
        });
        const stream = readSse(`${t.baseUrl}/api/statements/jobs/${res.body.jobId}/events`, {
          ...auth(t),
          timeoutMs: 30_000,
          onEvent: () => opened(),
        });
        // The job runs only once the stream listens, so every batch event passes the interceptor.
        await streamOpen;
        await t.composition.start();

        const { events } = await stream;
        expect([dropped, delayed]).toEqual([1, 1]);
        expectInOrderOnce(events, 1, 50);
        expect(new Set(events.filter((e) => e.event === 'item').map((e) => e.data.propertyId)).size).toBe(50);
        expect(events.at(-1)?.event).toBe('completed');
      },
    );
  });

  it('ends a stream whose final event was lost, from the store, at the next keep-alive', async () => {
    // No engine runs here, so nothing publishes events: the job is ended in the store behind
    // the stream's back, as when a worker's `finished` broadcast is lost.
    await withApp(
      { sim: { data: knownData() }, startEngine: false, compose: { sseHeartbeatMs: 100 } },
      async (t) => {
        const res = await bulk(t);
        const jobId: string = res.body.jobId;
        let opened: () => void = () => undefined;
        const streamOpen = new Promise<void>((resolve) => {
          opened = resolve;
        });
        const stream = readSse(`${t.baseUrl}/api/statements/jobs/${jobId}/events`, {
          ...auth(t),
          timeoutMs: 10_000,
          onEvent: () => opened(),
        });
        await streamOpen;
        expect(
          await t.composition.jobStore.jobs.finish(jobId, 'cancelled', {}, new Date().toISOString()),
        ).toBe(true);
        const { events } = await stream;
        expect(events.at(-1)?.event).toBe('cancelled');
        expect(events.at(-1)?.data.id).toBe(jobId);
      },
    );
  });

  it('ends with a failed event when the job fails', async () => {
    await withApp({ sim: { data: knownData() }, hostifyKey: 'not-the-key' }, async (t) => {
      const res = await bulk(t);
      const stream = await readSse(`${t.baseUrl}/api/statements/jobs/${res.body.jobId}/events`, auth(t));
      expect(stream.events.at(-1)?.event).toBe('failed');
      expect(stream.events.at(-1)?.data.error).toMatch(/API key/);
    });
  });
});

describe('history and stats', () => {
  it('lists jobs newest first with filters and a cursor, and reports stats', async () => {
    await withApp({ sim: { data: knownData() } }, async (t) => {
      const ids: string[] = [];
      for (const calculationType of ['checkout', 'checkin', 'calendar']) {
        const res = await bulk(t, { calculationType });
        ids.push(res.body.jobId);
        await waitForJobEnd(t.composition.jobService, res.body.jobId);
      }
      const page1 = await t.request('GET', '/api/statements/jobs?limit=2');
      expect(page1.body.jobs.map((j: { id: string }) => j.id)).toEqual([ids[2], ids[1]]);
      const page2 = await t.request('GET', `/api/statements/jobs?limit=2&cursor=${page1.body.nextCursor}`);
      expect(page2.body.jobs.map((j: { id: string }) => j.id)).toEqual([ids[0]]);
      expect(page2.body.nextCursor).toBeNull();
      expect((await t.request('GET', '/api/statements/jobs?status=failed')).body.jobs).toEqual([]);
      expect(
        (await t.request('GET', '/api/statements/jobs?status=completed&type=bulk_statement_generation')).body
          .jobs,
      ).toHaveLength(3);
      expect((await t.request('GET', '/api/statements/jobs?status=done')).status).toBe(400);

      const stats = jobStatsSchema.parse((await t.request('GET', '/api/statements/jobs/stats')).body);
      expect(stats.byStatus).toEqual({ queued: 0, processing: 0, completed: 3, failed: 0, cancelled: 0 });
      expect(stats.finished).toBe(3);
      expect(stats.averageDurationMs).toEqual(expect.any(Number));
    });
  });
});

describe('retention', () => {
  it('deletes finished jobs after JOB_RETENTION_HOURS and never statements', async () => {
    let now = Date.now();
    const clock: Clock = { now: () => new Date(now) };
    await withApp({ sim: { data: knownData() }, compose: { clock, retentionHours: 1 } }, async (t) => {
      const res = await bulk(t);
      await waitForJobEnd(t.composition.jobService, res.body.jobId);
      const statementsBefore = (await t.request('GET', '/api/statements')).body.statements.length;
      expect(statementsBefore).toBe(2);

      now += 59 * 60_000;
      expect(await t.composition.jobService.purgeExpired()).toBe(0);
      expect((await t.request('GET', res.body.statusUrl)).status).toBe(200);

      now += 2 * 60_000;
      expect(await t.composition.jobService.purgeExpired()).toBe(1);
      expect((await t.request('GET', res.body.statusUrl)).status).toBe(404);
      expect((await t.request('GET', '/api/statements')).body.statements.length).toBe(statementsBefore);
    });
  });
});

describe("the spec's BackgroundJobService operations", () => {
  it('runInBackground tracks an in-process function through start, progress and completion', async () => {
    await withApp({ sim: { data: knownData() } }, async (t) => {
      const service = t.composition.jobService;
      const job = await service.runInBackground(
        'bulk_statement_generation',
        async (ctx) => {
          await ctx.startJob(2);
          await ctx.updateProgress(1);
          await ctx.updateProgress(2);
          return {
            summary: { generated: 2, skipped: 0, errors: 0 },
            results: { generated: [], skipped: [], errors: [] },
          };
        },
        { note: 'ad hoc' },
      );
      const done = await waitForJobEnd(service, job.id);
      expect(done).toMatchObject({ status: 'completed', progress: 2, total: 2 });

      const failing = await service.runInBackground(
        'bulk_statement_generation',
        async () => {
          throw new Error('boom');
        },
        {},
      );
      expect(await waitForJobEnd(service, failing.id)).toMatchObject({ status: 'failed', error: 'boom' });
      await expect(service.completeJob(failing.id, done.result ?? ({} as never))).rejects.toThrow(
        /not queued or processing/,
      );
    });
  });

  it('keeps a running in-process job alive for other processes, and fails it once its process is gone', async () => {
    await withApp({ sim: { data: knownData() } }, async (t) => {
      const service = t.composition.jobService;
      const { jobs } = t.composition.jobStore;
      let release: () => void = () => undefined;
      const blocked = new Promise<void>((resolve) => {
        release = resolve;
      });
      const job = await service.runInBackground(
        'bulk_statement_generation',
        async (ctx) => {
          await ctx.startJob(1);
          await blocked;
          return {
            summary: { generated: 0, skipped: 0, errors: 0 },
            results: { generated: [], skipped: [], errors: [] },
          };
        },
        {},
      );
      // Another process starting now (what it runs at start) leaves a job whose process lives.
      expect(await jobs.failExpiredLeases(new Date().toISOString())).toHaveLength(0);
      expect((await jobs.get(job.id))?.status).not.toBe('failed');
      // Two minutes on, without renewals (the process is gone), the job is failed.
      const later = new Date(Date.now() + 2 * 60_000).toISOString();
      expect(await jobs.failExpiredLeases(later)).toHaveLength(1);
      expect(await jobs.get(job.id)).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('the process running it stopped'),
      });
      release();
    });
  });
});

describe('logs', () => {
  it('tell the whole story of a job, with jobId on every job line', async () => {
    await withApp({ sim: { data: knownData() } }, async (t) => {
      const res = await bulk(t);
      await waitForJobEnd(t.composition.jobService, res.body.jobId);
      const lines = t.logs.filter((l) => l.jobId === res.body.jobId);
      const messages = lines.map((l) => l.msg);
      expect(messages).toContain('job created');
      expect(lines.find((l) => l.msg === 'job started')?.total).toBe(4);
      expect(lines.find((l) => l.msg === 'item failed')).toMatchObject({
        propertyId: '102',
        code: 'mixed_currency',
      });
      const finished = lines.find((l) => l.msg === 'job completed');
      expect(finished).toMatchObject({ summary: { generated: 2, skipped: 1, errors: 1 } });
      expect(finished?.durationMs).toEqual(expect.any(Number));
    });
  });

  it('log progress periodically while a job runs', async () => {
    await withApp(
      {
        sim: { owners: 60, propertiesPerOwner: 10 },
        compose: { engine: { concurrency: 1, progressLogMs: 20 } },
      },
      async (t) => {
        const res = await bulk(t);
        await waitForJobEnd(t.composition.jobService, res.body.jobId);
        const progress = t.logs.filter((l) => l.jobId === res.body.jobId && l.msg === 'job progress');
        expect(progress.length).toBeGreaterThan(0);
        expect(progress[0]).toMatchObject({ total: 600, progress: expect.any(Number) });
      },
    );
  });
});
