/**
 * The distributed engine (BullMQ, on one queue backend) through the engine contract suite, and a
 * web-only process with a worker-only process on one store: the web enqueues and streams the
 * worker's events, and a cancel on the web stops the worker. Each backend's test file calls
 * `describeBullMqEngine` with its fixture.
 */

import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type Composition, compose } from '../../src/compose.js';
import { createHostifyClient } from '../../src/hostify/index.js';
import type { BullMqEngineOptions } from '../../src/jobs/engines/bullmq-engine.js';
import { type BullMqBackend, createBullMqTransport } from '../../src/jobs/engines/bullmq-transport.js';
import { DEFAULT_BATCH_SIZE } from '../../src/jobs/lifecycle.js';
import { systemClock } from '../../src/lib/clock.js';
import { createLogger } from '../../src/lib/logger.js';
import type { JobEvent } from '../../src/model/jobs.js';
import { BullMqScheduler } from '../../src/scheduling/bullmq-scheduler.js';
import { readSse } from '../helpers/sse.js';
import { startTestApp, TEST_HOSTIFY_KEY, type TestApp, type TestResponse } from '../helpers/test-app.js';
import { pollUntil, waitForJobEnd, waitForProgress } from '../helpers/wait.js';
import { describeJobEngineContract, type StartApp } from './job-engine.contract.js';

export interface BullMqFixture {
  /** `Redis` or `PostgreSQL`. */
  name: string;
  backend: BullMqBackend;
  /** Removes everything a test's queues left behind. */
  obliterate(prefix: string): Promise<void>;
  /** Jobs waiting, active or delayed in the items queue. */
  pendingItems(prefix: string): Promise<number>;
}

const newPrefix = () => `os-test-${randomBytes(6).toString('hex')}`;

/** The BullMQ engine's contract run, and the web/worker split, on one queue backend. */
export function describeBullMqEngine(fixture: BullMqFixture): void {
  const bullmq = (prefix: string, extra: Partial<BullMqEngineOptions> = {}): BullMqEngineOptions => ({
    kind: 'bullmq',
    backend: fixture.backend,
    runWorkers: true,
    prefix,
    ...extra,
  });

  /** Queue prefix per data directory: a restart of an installation finds its queues again. */
  const prefixOf = new Map<string, string>();

  /** A test app on BullMQ (workers in the same process), its own queues; the contract's local options map over. */
  const startBullMqApp: StartApp = async (options = {}) => {
    const prefix = (options.dataDir && prefixOf.get(options.dataDir)) || newPrefix();
    const given = options.compose?.engine;
    const concurrency = given && !('kind' in given) ? given.concurrency : undefined;
    const app = await startTestApp({
      ...options,
      compose: {
        ...options.compose,
        engine: bullmq(prefix, concurrency !== undefined ? { concurrency } : {}),
      },
    });
    prefixOf.set(app.dataDir, prefix);
    const close = app.close;
    app.close = async (keepData = false) => {
      await close(keepData);
      if (!keepData) {
        prefixOf.delete(app.dataDir);
        await fixture.obliterate(prefix);
      }
    };
    return app;
  };

  interface Pair {
    worker: TestApp;
    web: Composition;
    webUrl: string;
    prefix: string;
    request(method: string, path: string, body?: unknown): Promise<Pick<TestResponse, 'status' | 'body'>>;
    close(): Promise<void>;
  }

  /**
   * A worker-only app (BullMQ workers, no request is sent to it) and a web-only composition
   * (`runWorkers: false`) on the same store and the same queues, each with its own Redis
   * connections, engine and event bus, as two processes would have.
   */
  async function startPair(
    sim: NonNullable<Parameters<typeof startTestApp>[0]>['sim'],
    concurrency = 2,
  ): Promise<Pair> {
    const prefix = newPrefix();
    const worker = await startTestApp({ sim, compose: { engine: bullmq(prefix, { concurrency }) } });
    const sink = new Writable({ write: (_chunk, _enc, done) => done() });
    const logger = createLogger('info', sink);
    const web = await compose({
      db: worker.composition.db,
      hostify: createHostifyClient({
        baseUrl: worker.sim.url,
        apiKey: TEST_HOSTIFY_KEY,
        maxConcurrency: 5,
        maxRps: 1000,
        timeoutMs: 5000,
        logger,
      }),
      clock: systemClock,
      logger,
      generationLimit: { max: 100_000, windowMs: 60_000 },
      engine: bullmq(prefix, { runWorkers: false }),
    });
    // As main.ts with ROLE=web: listen, but start no engine work.
    const webUrl = await web.app.listen({ port: 0, host: '127.0.0.1' });
    const request = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${webUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${worker.tokens.admin}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    return {
      worker,
      web,
      webUrl,
      prefix,
      request,
      close: async () => {
        // The worker app owns the store: it closes (and drops) it; the web's close finds it closed.
        await worker.close();
        await web.close();
        await fixture.obliterate(prefix);
      },
    };
  }

  const generateAll = {
    ownerId: 'all',
    startDate: '2025-10-01',
    endDate: '2025-10-31',
    calculationType: 'checkout',
  };

  describe(`BullMQ engine on ${fixture.name}`, () => {
    describeJobEngineContract(`BullMQ on ${fixture.name}`, startBullMqApp);

    it('fires a job scheduler tick in one process only, however many processes set it', async () => {
      const prefix = newPrefix();
      const logger = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));
      const transports = [1, 2].map(() => createBullMqTransport(fixture.backend, prefix, logger));
      const schedulers = transports.map((t) => new BullMqScheduler(t, logger));
      const fired: string[] = [];
      try {
        for (const scheduler of schedulers)
          scheduler.set({ cron: '* * * * * *', timezone: 'UTC' }, async (at) => {
            fired.push(at.toISOString());
          });
        await pollUntil(async () => (fired.length >= 3 ? true : undefined), 'three ticks', 20_000);
        // Every tick once: no planned time appears twice.
        expect(new Set(fired).size).toBe(fired.length);
        schedulers[0]?.set(null, async () => {});
      } finally {
        for (const scheduler of schedulers) await scheduler.close();
        for (const t of transports) await t.close();
        await fixture.obliterate(prefix);
      }
    });

    it('pauses the whole plan queue when Hostify keeps answering 429, then plans the job', async () => {
      const prefix = newPrefix();
      const t = await startTestApp({
        sim: { owners: 3, propertiesPerOwner: 2, reservationsPerProperty: 4 },
        maxRetries: 0,
        compose: { engine: bullmq(prefix, { rateLimitBackoffMs: 200 }) },
      });
      try {
        // After the start's catalog sync: the next three calls (planning's) are refused.
        t.sim.setOptions({ script: Array.from({ length: 3 }, () => ({ status: 429, retryAfter: '0' })) });
        const res = await t.request('POST', '/api/statements/generate', generateAll);
        expect(res.status).toBe(202);
        const job = await waitForJobEnd(t.composition.jobService, res.body.jobId);
        expect(job).toMatchObject({ status: 'completed', total: 6, progress: 6 });
        const backoffs = t.logs.filter(
          (l) => l.jobId === res.body.jobId && l.msg === 'Hostify rate limit: planning backs off',
        );
        expect(backoffs.length).toBeGreaterThanOrEqual(1);
        expect(t.sim.stats.rateLimited).toBeGreaterThanOrEqual(3);
      } finally {
        await t.close();
        await fixture.obliterate(prefix);
      }
    });

    describe('a web-only process and a worker-only process', () => {
      it('completes a job started on the web in the worker, with its events streamed by the web', async () => {
        const pair = await startPair({ owners: 10, propertiesPerOwner: 5, reservationsPerProperty: 4 });
        try {
          const seen: JobEvent[] = [];
          const unsubscribe = pair.web.jobService.subscribe((event) => seen.push(event));
          const res = await pair.request('POST', '/api/statements/generate', generateAll);
          expect(res.status).toBe(202);
          const jobId: string = res.body.jobId;
          const stream = readSse(`${pair.webUrl}/api/statements/jobs/${jobId}/events`, {
            headers: { authorization: `Bearer ${pair.worker.tokens.admin}` },
          });
          const job = await waitForJobEnd(pair.web.jobService, jobId);
          unsubscribe();
          expect(job).toMatchObject({ status: 'completed', total: 50, progress: 50 });

          // The worker did the work; the web heard every item, the progress and the end.
          expect(pair.worker.logs.some((l) => l.jobId === jobId && l.msg === 'job started')).toBe(true);
          const mine = seen.filter((e) => e.jobId === jobId);
          const items = mine.flatMap((e) => (e.type === 'items' ? e.items : []));
          expect(new Set(items.map((i) => i.propertyId)).size).toBe(50);
          expect(items.map((i) => i.seq).sort((a, b) => a - b)).toEqual(
            Array.from({ length: 50 }, (_, i) => i + 1),
          );
          expect(Math.max(...mine.map((e) => (e.type === 'items' ? e.progress : 0)))).toBe(50);
          expect(mine.filter((e) => e.type === 'finished').map((e) => e.status)).toEqual(['completed']);

          const sse = await stream;
          expect(sse.status).toBe(200);
          expect(
            new Set(sse.events.filter((e) => e.event === 'item').map((e) => e.data.propertyId)).size,
          ).toBe(50);
          expect(sse.events.at(-1)?.event).toBe('completed');

          const status = await pair.request('GET', `/api/statements/jobs/${jobId}`);
          expect(status.body).toMatchObject({ status: 'completed', progress: 50, total: 50 });
        } finally {
          await pair.close();
        }
      });

      it('stops the worker within 2 s when the web cancels the job', async () => {
        const concurrency = 2;
        const pair = await startPair(
          { owners: 60, propertiesPerOwner: 10, reservationsPerProperty: 6 },
          concurrency,
        );
        try {
          const res = await pair.request('POST', '/api/statements/generate', generateAll);
          const jobId: string = res.body.jobId;
          // Item events as the worker records them (its own bus delivers them at once).
          let lastItemAt = 0;
          pair.worker.composition.jobService.subscribe((event) => {
            if (event.jobId === jobId && event.type === 'items') lastItemAt = Date.now();
          });
          await waitForProgress(pair.web.jobService, jobId, 5);

          const cancelledAt = Date.now();
          const cancel = await pair.request('POST', `/api/statements/jobs/${jobId}/cancel`);
          expect(cancel.status).toBe(200);
          expect(cancel.body.status).toBe('cancelled');
          const progressAtCancel: number = cancel.body.progress;

          // The worker drains the queue, skipping the cancelled job's items.
          await pollUntil(
            async () => ((await fixture.pendingItems(pair.prefix)) === 0 ? true : undefined),
            'the items queue to drain',
          );
          // The stored result accounts for every finished item (the last settle is done).
          const job = await pollUntil(async () => {
            const j = await pair.worker.composition.jobService.getJob(jobId);
            const s = j.result?.summary;
            return s && s.generated + s.skipped + s.errors === j.progress ? j : undefined;
          }, 'the cancelled job to be settled');

          expect(job.status).toBe('cancelled');
          expect(job.total).toBe(600);
          // At most the batches already in flight finished after the cancel, and within 2 s.
          expect(job.progress).toBeLessThanOrEqual(progressAtCancel + concurrency * DEFAULT_BATCH_SIZE);
          expect(job.progress).toBeLessThan(600);
          expect(lastItemAt - cancelledAt).toBeLessThan(2000);
        } finally {
          await pair.close();
        }
      });
    });
  });
}
