/**
 * The jobs HTTP API beyond the engine contract: validation before queueing, the SSE stream and
 * its resumption, history and stats, retention, runInBackground, and the log story.
 */
import { describe, expect, it } from 'vitest';
import { jobFinishedEventSchema, jobStatsSchema } from '../../src/contract/jobs.js';
import type { Clock } from '../../src/lib/clock.js';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { readSse } from '../helpers/sse.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { waitForJobEnd } from '../helpers/wait.js';

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
      // Concurrent items may be published out of order; each appears exactly once (its `seq`),
      // and the event id is the stream's watermark (every item up to it has been sent): it never
      // goes back, and it reaches the last item.
      expect(items.map((e) => Number(e.data.seq)).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      const ids = items.map((e) => Number(e.id));
      ids.forEach((id, i) => {
        if (i > 0) expect(id).toBeGreaterThanOrEqual(ids[i - 1] ?? 0);
      });
      expect(Math.max(...ids)).toBe(50);
      expect(new Set(items.map((e) => e.data.propertyId)).size).toBe(50);
      expect(progress.at(-1)?.data).toMatchObject({ progress: 50, total: 50 });
      expect(finals).toHaveLength(1);
      expect(stream.events.at(-1)?.event).toBe('completed');
      expect(jobFinishedEventSchema.parse(finals[0]?.data).summary).toBeDefined();
    });
  });

  it('resumes after Last-Event-ID with only the missed items, and replays a finished job', async () => {
    await withApp({ sim: { owners: 10, propertiesPerOwner: 5 } }, async (t) => {
      const res = await bulk(t);
      await waitForJobEnd(t.composition.jobService, res.body.jobId);
      const url = `${t.baseUrl}/api/statements/jobs/${res.body.jobId}/events`;
      const all = await readSse(url, auth(t));
      expect(all.events.filter((e) => e.event === 'item')).toHaveLength(50);
      const resumed = await readSse(url, { headers: { ...auth(t).headers, 'Last-Event-ID': '42' } });
      const items = resumed.events.filter((e) => e.event === 'item');
      expect(items.map((e) => Number(e.id))).toEqual([43, 44, 45, 46, 47, 48, 49, 50]);
      expect(items.map((e) => e.data.propertyId)).toEqual(
        all.events
          .filter((e) => e.event === 'item')
          .slice(42)
          .map((e) => e.data.propertyId),
      );
      expect(resumed.events.at(-1)?.event).toBe('completed');
      const viaQuery = await readSse(`${url}?lastEventId=49`, auth(t));
      expect(viaQuery.events.filter((e) => e.event === 'item').map((e) => e.id)).toEqual(['50']);
    });
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
        expect(await t.composition.jobs.finish(jobId, 'cancelled', {}, new Date().toISOString())).toBe(true);
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
