/**
 * The job engine contract: what every engine (embedded, BullMQ on Redis, BullMQ on PostgreSQL)
 * must do, observed through the job service, the store and the HTTP API. An engine's test file
 * calls `describeJobEngineContract` with a way to start an application on that engine.
 */
import { describe, expect, it } from 'vitest';
import { jobSchema } from '../../src/contract/jobs.js';
import { EXPECTED_101_TOTALS, knownData, PERIOD } from '../helpers/known-dataset.js';
import { simReservation } from '../helpers/sim-fixtures.js';
import type { startTestApp, TestApp } from '../helpers/test-app.js';
import { waitForJobEnd, waitForProgress } from '../helpers/wait.js';

export type StartApp = (options?: Parameters<typeof startTestApp>[0]) => Promise<TestApp>;

const bulk = (t: TestApp, extra: Record<string, unknown> = {}) =>
  t.request('POST', '/api/statements/generate', {
    ownerId: 'all',
    ...PERIOD,
    calculationType: 'checkout',
    ...extra,
  });

async function statementsOf(t: TestApp) {
  const res = await t.request('GET', '/api/statements?limit=500');
  return res.body.statements as Array<{
    id: string;
    propertyId: string;
    version: number;
    totals: Record<string, number>;
  }>;
}

/** A generated data set large enough that a job is still running when the test acts on it. */
const large = { owners: 60, propertiesPerOwner: 10, reservationsPerProperty: 6 };

export function describeJobEngineContract(engineName: string, startApp: StartApp): void {
  describe(`job engine contract: ${engineName}`, () => {
    it('runs Generate All to the exact result for a known data set', async () => {
      const t = await startApp({ sim: { data: knownData() } });
      try {
        const res = await bulk(t);
        expect(res.status).toBe(202);
        expect(res.body).toEqual({
          message: 'Bulk statement generation started in background',
          jobId: expect.stringMatching(/^job_[0-9a-z]{26}$/),
          status: 'processing',
          note: 'This may take several minutes to complete...',
          statusUrl: `/api/statements/jobs/${res.body.jobId}`,
        });
        const job = await waitForJobEnd(t.composition.jobService, res.body.jobId);
        expect(job.status).toBe('completed');

        const status = await t.request('GET', res.body.statusUrl);
        expect(status.status).toBe(200);
        const body = jobSchema.parse(status.body);
        expect(body).toMatchObject({
          type: 'bulk_statement_generation',
          status: 'completed',
          progress: 4,
          total: 4,
          error: null,
          params: { startDate: '2025-10-01', endDate: '2025-10-31', calculationType: 'checkout' },
        });
        expect(body.startedAt).not.toBeNull();
        expect(body.completedAt).not.toBeNull();
        // Warnings: 101's payout_mismatch (R3) + the reservation on no known listing (R14).
        expect(body.result?.summary).toEqual({ generated: 2, skipped: 1, errors: 1, warnings: 2 });
        expect(body.result?.results.generated.map((g) => g.propertyId).sort()).toEqual(['101', '104']);
        expect(
          Object.fromEntries(body.result?.results.generated.map((g) => [g.propertyId, g.warnings]) ?? []),
        ).toEqual({ '101': 1, '104': 0 });
        expect(body.result?.unattributed).toEqual([
          { reservationId: '14', listingId: '999', message: expect.stringContaining('no known property') },
        ]);
        expect(body.result?.results.skipped).toEqual([
          { propertyId: '103', propertyName: 'Quiet Chalet', reason: 'no_activity' },
        ]);
        expect(body.result?.results.errors).toEqual([
          expect.objectContaining({
            propertyId: '102',
            propertyName: 'Mixed Money House',
            code: 'mixed_currency',
          }),
        ]);

        const statements = await statementsOf(t);
        expect(statements.map((s) => s.propertyId).sort()).toEqual(['101', '104']);
        expect(statements.find((s) => s.propertyId === '101')?.totals).toEqual(EXPECTED_101_TOTALS);

        // The same job again replaces the drafts in place: still one statement per property.
        const again = await bulk(t);
        expect(again.body.jobId).not.toBe(res.body.jobId);
        await waitForJobEnd(t.composition.jobService, again.body.jobId);
        const after = await statementsOf(t);
        expect(after.map((s) => s.id).sort()).toEqual(statements.map((s) => s.id).sort());
        expect(after.every((s) => s.version === 2)).toBe(true);
      } finally {
        await t.close();
      }
    });

    it('answers identical requests with the unfinished job instead of starting another', async () => {
      const t = await startApp({ sim: { ...large, latencyMs: 30 } });
      try {
        const first = await bulk(t);
        const second = await bulk(t);
        expect(second.status).toBe(202);
        expect(second.body.jobId).toBe(first.body.jobId);
        const other = await bulk(t, { calculationType: 'calendar' });
        expect(other.body.jobId).not.toBe(first.body.jobId);
        await waitForJobEnd(t.composition.jobService, first.body.jobId);
        await waitForJobEnd(t.composition.jobService, other.body.jobId);
        const history = await t.request('GET', '/api/statements/jobs');
        expect(history.body.jobs).toHaveLength(2);
      } finally {
        await t.close();
      }
    });

    it('cancels a running job: no new items, finished statements kept, 409 afterwards', async () => {
      const t = await startApp({ sim: large, compose: { engine: { concurrency: 1 } } });
      try {
        const res = await bulk(t);
        const jobId = res.body.jobId;
        await waitForProgress(t.composition.jobService, jobId, 5);
        const cancel = await t.request('POST', `/api/statements/jobs/${jobId}/cancel`);
        expect(cancel.status).toBe(200);
        expect(cancel.body.status).toBe('cancelled');
        const job = await waitForJobEnd(t.composition.jobService, jobId);
        expect(job.status).toBe('cancelled');
        expect(job.total).toBe(600);
        expect(job.progress).toBeLessThan(600);
        const settled = (await t.request('GET', `/api/statements/jobs/${jobId}`)).body;
        expect(
          settled.result.summary.generated + settled.result.summary.skipped + settled.result.summary.errors,
        ).toBe(settled.progress);
        // Nothing runs after the cancellation settled.
        const progressAfter = settled.progress;
        const statements = await statementsOf(t);
        expect(statements).toHaveLength(settled.result.summary.generated);
        const again = await t.request('GET', `/api/statements/jobs/${jobId}`);
        expect(again.body.progress).toBe(progressAfter);

        const twice = await t.request('POST', `/api/statements/jobs/${jobId}/cancel`);
        expect(twice.status).toBe(409);
        expect(twice.body.error.code).toBe('job_finished');
      } finally {
        await t.close();
      }
    });

    it('retries only the properties that errored, as a new job', async () => {
      const data = knownData();
      const t = await startApp({ sim: { data } });
      try {
        const res = await bulk(t);
        await waitForJobEnd(t.composition.jobService, res.body.jobId);
        // The manager fixes the reservation's currency in Hostify.
        t.sim.setOptions({
          data: {
            ...data,
            reservations: data.reservations.map((r) =>
              r.id === 8 ? simReservation({ ...r, id: 8, currency: 'USD' }) : r,
            ),
          },
        });
        const retry = await t.request('POST', `/api/statements/jobs/${res.body.jobId}/retry`);
        expect(retry.status).toBe(202);
        expect(retry.body.jobId).not.toBe(res.body.jobId);
        const job = await waitForJobEnd(t.composition.jobService, retry.body.jobId);
        expect(job).toMatchObject({ status: 'completed', total: 1, retryOf: res.body.jobId });
        expect(job.params.propertyIds).toEqual(['102']);
        // The unattributed reservation R14 is still reported by the retry's planning.
        expect(job.result?.summary).toEqual({ generated: 1, skipped: 0, errors: 0, warnings: 1 });

        const nothing = await t.request('POST', `/api/statements/jobs/${retry.body.jobId}/retry`);
        expect(nothing.status).toBe(409);
        expect(nothing.body.error.code).toBe('nothing_to_retry');
        expect(
          (await t.request('POST', '/api/statements/jobs/job_00000000000000000000000000/retry')).status,
        ).toBe(404);
      } finally {
        await t.close();
      }
    });

    it('resumes an unfinished job after a restart, with one statement per property', async () => {
      const first = await startApp({ sim: large, compose: { engine: { concurrency: 1 } } });
      const dataDir = first.dataDir;
      const res = await bulk(first);
      const jobId = res.body.jobId;
      await waitForProgress(first.composition.jobService, jobId, 20);
      await first.close(true); // stop mid-job, keep the database

      const second = await startApp({ sim: large, dataDir, databaseName: first.databaseName });
      try {
        const job = await waitForJobEnd(second.composition.jobService, jobId);
        expect(job.status).toBe('completed');
        expect(job.progress).toBe(600);
        const summary = job.result?.summary;
        expect((summary?.generated ?? 0) + (summary?.skipped ?? 0) + (summary?.errors ?? 0)).toBe(600);
        const statements = await statementsOf(second);
        expect(new Set(statements.map((s) => s.propertyId)).size).toBe(statements.length);
        expect(statements).toHaveLength(summary?.generated ?? -1);
      } finally {
        await second.close();
      }
    });

    it('gives the same statements through a storm of 429s and 5xx as in a clean run', async () => {
      const clean = await startApp({ sim: { owners: 20, propertiesPerOwner: 5 } });
      const stormy = await startApp({
        sim: { owners: 20, propertiesPerOwner: 5, faultRate: 0.3, rateLimit: { rps: 15 } },
        maxRetries: 12,
      });
      try {
        const a = await bulk(clean);
        const b = await bulk(stormy);
        const jobA = await waitForJobEnd(clean.composition.jobService, a.body.jobId);
        const jobB = await waitForJobEnd(stormy.composition.jobService, b.body.jobId);
        expect(jobB.status).toBe('completed');
        expect(stormy.sim.stats.faults + stormy.sim.stats.rateLimited).toBeGreaterThan(0);
        expect(jobB.result?.summary).toEqual(jobA.result?.summary);
        const strip = (list: Awaited<ReturnType<typeof statementsOf>>) =>
          list
            .map((s) => ({ propertyId: s.propertyId, totals: s.totals }))
            .sort((x, y) => x.propertyId.localeCompare(y.propertyId));
        expect(strip(await statementsOf(stormy))).toEqual(strip(await statementsOf(clean)));
      } finally {
        await clean.close();
        await stormy.close();
      }
    });

    it('fails the job with a clear message when Hostify rejects the key', async () => {
      const t = await startApp({ sim: { data: knownData() }, hostifyKey: 'revoked-key-000' });
      try {
        const res = await bulk(t);
        expect(res.status).toBe(202);
        const job = await waitForJobEnd(t.composition.jobService, res.body.jobId);
        expect(job.status).toBe('failed');
        expect(job.error).toMatch(/Hostify refused our API key.*HOSTIFY_API_KEY/);
        expect(job.error).not.toContain('revoked-key-000');
        expect(job.result).toBeNull();
        expect(t.logText()).not.toContain('revoked-key-000');
      } finally {
        await t.close();
      }
    });
  });
}
