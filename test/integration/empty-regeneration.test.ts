/**
 * A draft whose period became empty in Hostify (its only reservation was cancelled) is replaced
 * in place by the empty computation, by an immediate generation and by a bulk job (DESIGN §5: a
 * draft is replaced in place), so stale lines and a stale net payout cannot be finalized and paid.
 * Over real HTTP, the store of the run and the Hostify simulator (known-dataset.ts: property 104
 * has one reservation, R9).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobResultSchema } from '../../src/contract/jobs.js';
import { EXPECTED_104_DEFAULT, knownData, PERIOD } from '../helpers/known-dataset.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { waitForJobEnd } from '../helpers/wait.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ sim: { data: knownData() } });
});
afterAll(async () => {
  await t.close();
});

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
type Json = any;

/** Hostify after the guest of R9 cancelled: no payout, so 104 has nothing in October. */
function withR9Cancelled() {
  const data = knownData();
  return {
    ...data,
    reservations: data.reservations.map((r) =>
      r.id === 9 ? { ...r, status: 'cancelled_by_guest', payout_price: 0 } : r,
    ),
  };
}

async function generate104(): Promise<Json> {
  const res = await t.request('POST', '/api/statements/generate', {
    ownerId: '2',
    propertyId: '104',
    ...PERIOD,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.statement;
}

async function expectReplacedEmpty(id: string, version: number): Promise<void> {
  const s = (await t.request('GET', `/api/statements/${id}`)).body;
  expect(s.status).toBe('draft');
  expect(s.version).toBe(version);
  expect(s.lines).toEqual([]);
  expect(s.totals.ownerPayout).toBe(0);
  expect(s.totals.netPayout).toBe(0);
  // What is no longer counted is listed, with its status.
  expect(s.excluded).toEqual([expect.objectContaining({ reservationId: '9', status: 'cancelled_by_guest' })]);
}

describe('a draft whose period became empty', () => {
  it('is replaced in place by an immediate generation: empty, version + 1, net payout 0', async () => {
    t.sim.setOptions({ data: knownData() });
    const draft = await generate104();
    expect(draft.totals.netPayout).toBe(EXPECTED_104_DEFAULT.ownerPayout);
    t.sim.setOptions({ data: withR9Cancelled() });
    try {
      const again = await generate104();
      expect(again.id).toBe(draft.id);
      await expectReplacedEmpty(draft.id, draft.version + 1);
    } finally {
      t.sim.setOptions({ data: knownData() });
    }
  });

  it('is replaced in place by a bulk job, reported as generated', async () => {
    const draft = await generate104();
    expect(draft.totals.netPayout).toBe(EXPECTED_104_DEFAULT.ownerPayout);
    t.sim.setOptions({ data: withR9Cancelled() });
    try {
      const res = await t.request('POST', '/api/statements/generate', { ownerId: 'all', ...PERIOD });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      const job = await waitForJobEnd(t.composition.jobService, res.body.jobId);
      expect(job.status).toBe('completed');
      const result = jobResultSchema.parse(job.result);
      expect(result.results.generated.find((g) => g.propertyId === '104')).toMatchObject({
        statementId: draft.id,
      });
      expect(result.results.skipped.map((s) => s.propertyId)).not.toContain('104');
      await expectReplacedEmpty(draft.id, draft.version + 1);
    } finally {
      t.sim.setOptions({ data: knownData() });
    }
  });

  it('without a statement is still skipped for no activity, and nothing is stored', async () => {
    const list = (await t.request('GET', '/api/statements?propertyId=104')).body.statements;
    for (const s of list) expect((await t.request('DELETE', `/api/statements/${s.id}`)).status).toBe(204);
    t.sim.setOptions({ data: withR9Cancelled() });
    try {
      const res = await t.request('POST', '/api/statements/generate', {
        ownerId: '2',
        propertyId: '104',
        ...PERIOD,
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('no_activity');
      expect((await t.request('GET', '/api/statements?propertyId=104')).body.statements).toEqual([]);
    } finally {
      t.sim.setOptions({ data: knownData() });
    }
  });
});
