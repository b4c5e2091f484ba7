/**
 * Issue 13 §7: any id that names no job — the spec's `job_1_1234567890`, a word, a long or
 * absurd string — is a 404 `not_found` ("job … not found") on every job route, over real HTTP,
 * never a 400 from a format check, and nothing happens to the jobs that do exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_ID_MAX_LENGTH } from '../../src/http/job-id.js';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { rawRequest } from '../helpers/raw-http.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { waitForJobEnd } from '../helpers/wait.js';

/** Every route that takes a job id, as a client calls it. */
const JOB_ROUTES: Array<{ name: string; method: string; path: (id: string) => string; accept?: string }> = [
  { name: 'GET job', method: 'GET', path: (id) => `/api/statements/jobs/${id}` },
  { name: 'cancel', method: 'POST', path: (id) => `/api/statements/jobs/${id}/cancel` },
  { name: 'retry', method: 'POST', path: (id) => `/api/statements/jobs/${id}/retry` },
  {
    name: 'events (SSE)',
    method: 'GET',
    path: (id) => `/api/statements/jobs/${id}/events`,
    accept: 'text/event-stream',
  },
];

const LONG_ID = `job_${'a1'.repeat(73)}`; // 150 characters

/** [id as the client holds it, the id the message names]. */
const UNKNOWN_IDS: Array<[string, string]> = [
  ['job_does_not_exist', 'job_does_not_exist'],
  ['job_1_1234567890', 'job_1_1234567890'],
  ['x', 'x'],
  [LONG_ID, LONG_ID],
  // The ids below cannot be ours: answered without a look-up, the same 404.
  ['y'.repeat(JOB_ID_MAX_LENGTH + 1), `${'y'.repeat(JOB_ID_MAX_LENGTH)}…`],
  ['z'.repeat(5000), `${'z'.repeat(JOB_ID_MAX_LENGTH)}…`],
  ['1;DROP TABLE jobs', '1;DROP TABLE jobs'],
  ["job_01' OR '1'='1", "job_01' OR '1'='1"],
  ['job\u0000nul', 'job\uFFFDnul'],
  ['jöb_ünïcode', 'jöb_ünïcode'],
];

let t: TestApp;
let realJobId: string;

beforeAll(async () => {
  t = await startTestApp({ sim: { data: knownData() } });
  const started = await t.request('POST', '/api/statements/generate', { ownerId: 'all', ...PERIOD });
  expect(started.status).toBe(202);
  realJobId = started.body.jobId;
  await waitForJobEnd(t.composition.jobService, realJobId);
});

afterAll(async () => {
  await t?.close();
});

describe('an id that names no job', () => {
  it('is tried with the ids of the issue, among them one of 150 characters', () => {
    expect(UNKNOWN_IDS.map(([id]) => id)).toEqual(
      expect.arrayContaining(['job_does_not_exist', 'job_1_1234567890', 'x', LONG_ID]),
    );
    expect(LONG_ID).toHaveLength(150);
  });

  for (const route of JOB_ROUTES) {
    it(`is a 404 not_found on ${route.name}`, async () => {
      for (const [id, named] of UNKNOWN_IDS) {
        const res = await t.request(
          route.method,
          route.path(encodeURIComponent(id)),
          undefined,
          route.accept ? { accept: route.accept } : {},
        );
        expect({ id: id.slice(0, 40), status: res.status }).toEqual({ id: id.slice(0, 40), status: 404 });
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(res.body).toEqual({ error: { code: 'not_found', message: `job ${named} not found` } });
      }
    });
  }

  it('is a 404 also when the id is sent as raw bytes (no client-side normalisation)', async () => {
    const res = await rawRequest(t.baseUrl, 'GET', '/api/statements/jobs/job_does_not_exist/events', {
      headers: { authorization: `Bearer ${t.tokens.admin}`, accept: 'text/event-stream' },
    });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toEqual({
      error: { code: 'not_found', message: 'job job_does_not_exist not found' },
    });
  });

  it('still needs credentials and the permission first (no probing without them)', async () => {
    const anonymous = await t.request('GET', '/api/statements/jobs/job_does_not_exist', undefined, {
      authorization: '',
    });
    expect(anonymous.status).toBe(401);
    const viewer = await t.as('viewer')('POST', '/api/statements/jobs/job_does_not_exist/cancel');
    expect(viewer.status).toBe(403);
  });

  it('leaves the jobs that exist alone, and their routes still answer', async () => {
    const list = await t.request('GET', '/api/statements/jobs');
    expect(list.body.jobs.map((j: { id: string }) => j.id)).toEqual([realJobId]);
    const job = await t.request('GET', `/api/statements/jobs/${realJobId}`);
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({ id: realJobId, status: 'completed' });
    // A finished job cannot be cancelled (409); its failed properties can be retried (202).
    expect((await t.request('POST', `/api/statements/jobs/${realJobId}/cancel`)).status).toBe(409);
    const retry = await t.request('POST', `/api/statements/jobs/${realJobId}/retry`);
    expect(retry.status).toBe(202);
    expect(retry.body.jobId).not.toBe(realJobId);
  });
});
