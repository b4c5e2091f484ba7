/**
 * The retry budget table (src/lib/retry-budgets.ts) against what the app really sends: Hostify
 * (the simulator) answers 503 to every `/reservations` request, and the simulator counts the
 * requests the client and the job runner make between them — for a bulk job's planning (HTTP
 * attempts × plan attempts) and for a synchronous generation (HTTP attempts only). Backoff waits
 * are made tiny; the attempt counts are the defaults unless a case configures them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BUDGETS, failureBudgets } from '../../src/lib/retry-budgets.js';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { waitForJobEnd } from '../helpers/wait.js';

const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((t) => t.close()));
});

const QUICK = { baseMs: 1, maxMs: 5 };

/** From now on, every `/reservations` request is answered 503 (more steps than any budget). */
function reservationsDown(t: TestApp): void {
  t.sim.resetStats();
  t.sim.setOptions({ script: Array.from({ length: 500 }, () => ({ path: '/reservations', status: 503 })) });
}

const reservationRequests = (t: TestApp) => t.sim.stats.log.filter((e) => e.path === '/reservations');

async function planUnderOutage(t: TestApp) {
  reservationsDown(t);
  const res = await t.request('POST', '/api/statements/generate', {
    ownerId: 'all',
    ...PERIOD,
    calculationType: 'checkout',
  });
  expect(res.status).toBe(202);
  return waitForJobEnd(t.composition.jobService, res.body.jobId);
}

describe('retry budgets', () => {
  it('a Hostify 503 during planning is sent as often as the table says (defaults), then the job fails', async () => {
    const t = await startTestApp({
      sim: { data: knownData() },
      retryBaseMs: 1,
      compose: { jobRetry: QUICK },
    });
    apps.push(t);
    const job = await planUnderOutage(t);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/^Hostify could not be reached after several retries/);
    const { worstCase } = failureBudgets().hostifyUnavailableInPlanning;
    expect(worstCase).toBe(18);
    const sent = reservationRequests(t);
    expect(sent).toHaveLength(worstCase ?? -1);
    expect(sent.every((e) => e.status === 503)).toBe(true);
    // Every plan attempt but the last was followed by a retry.
    const retried = t.logs.filter((l) => l.jobId === job.id && l.msg === 'planning failed; retrying');
    expect(retried).toHaveLength(BUDGETS.jobPlan.attempts - 1);
  });

  it('the product holds with configured attempts (maxRetries, jobRetry.planAttempts)', async () => {
    const t = await startTestApp({
      sim: { data: knownData() },
      retryBaseMs: 1,
      maxRetries: 2,
      compose: { jobRetry: { ...QUICK, planAttempts: 2 } },
    });
    apps.push(t);
    const job = await planUnderOutage(t);
    expect(job.status).toBe('failed');
    const { worstCase } = failureBudgets({ hostifyRequest: 3, jobPlan: 2 }).hostifyUnavailableInPlanning;
    expect(reservationRequests(t)).toHaveLength(worstCase ?? -1);
  });

  it('a Hostify 503 in a synchronous generation is retried by the client only', async () => {
    const t = await startTestApp({
      sim: { data: knownData() },
      retryBaseMs: 1,
      compose: { jobRetry: QUICK },
    });
    apps.push(t);
    reservationsDown(t);
    const res = await t.request('POST', '/api/statements/generate', {
      ownerId: '1',
      propertyId: '101',
      ...PERIOD,
      calculationType: 'checkout',
    });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('hostify_unavailable');
    expect(reservationRequests(t)).toHaveLength(failureBudgets().hostifyUnavailableInRequest.worstCase ?? -1);
  });
});
