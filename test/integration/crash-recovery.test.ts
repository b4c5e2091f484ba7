/**
 * The server as users run it, killed with SIGKILL twice during "Generate All" (once while it
 * plans, once mid-items) and restarted: the job completes with exactly one statement per property.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostifySim } from '../../src/hostify-sim/index.js';
import { PERIOD } from '../helpers/known-dataset.js';
import {
  adminAuthHeader,
  PROCESS_ADMIN,
  type ServerProcess,
  startServerProcess,
} from '../helpers/server-process.js';
import { pollUntil } from '../helpers/wait.js';

const KEY = 'crash-test-key-9c1d';
let sim: Awaited<ReturnType<typeof startHostifySim>>;
let dataDir: string;
let server: ServerProcess | undefined;

beforeAll(async () => {
  sim = await startHostifySim({
    apiKey: KEY,
    owners: 120,
    propertiesPerOwner: 10,
    reservationsPerProperty: 6,
    latencyMs: 5,
  });
  dataDir = mkdtempSync(join(tmpdir(), 'owner-statements-crash-'));
});
afterAll(async () => {
  await server?.kill('SIGKILL');
  await sim.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const env = () => ({
  HOSTIFY_API_URL: sim.url,
  HOSTIFY_API_KEY: KEY,
  HOSTIFY_MAX_RPS: '1000',
  DATA_DIR: dataDir,
  ...PROCESS_ADMIN,
});
let auth: { authorization: string } = { authorization: '' };

async function getJson(url: string) {
  const res = await fetch(url, { headers: auth });
  return { status: res.status, body: await res.json() };
}

describe('kill -9 and restart', () => {
  // Three process starts and 1,200 items: allow for a loaded machine.
  it('finishes the job with one statement per property', { timeout: 120_000 }, async () => {
    server = await startServerProcess(env());
    auth = await adminAuthHeader(server.url);
    const res = await fetch(`${server.url}/api/statements/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ ownerId: 'all', ...PERIOD, calculationType: 'checkout' }),
    });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };

    // Kill while it plans (right after the 202).
    await server.kill('SIGKILL');

    server = await startServerProcess(env());
    const url = server.url;
    const midway = await pollUntil(async () => {
      const job = await getJson(`${url}/api/statements/jobs/${jobId}`);
      return job.body.progress >= 100 ? job.body : undefined;
    }, 'progress after the first restart');
    // Kill mid-items.
    await server.kill('SIGKILL');
    expect(midway.status).toBe('processing');
    expect(midway.progress).toBeLessThan(1200);

    server = await startServerProcess(env());
    const finalUrl = server.url;
    const job = await pollUntil(async () => {
      const j = await getJson(`${finalUrl}/api/statements/jobs/${jobId}`);
      return j.body.status === 'completed' ? j.body : undefined;
    }, 'job completion after the second restart');
    expect(server.output()).toContain('resuming unfinished jobs');

    expect(job.total).toBe(1200);
    expect(job.progress).toBe(1200);
    const { generated, skipped, errors } = job.result.summary;
    expect(generated + skipped + errors).toBe(1200);

    // Every statement of the period, page by page.
    const statements: Array<{ propertyId: string }> = [];
    let cursor: string | null = null;
    do {
      const page = await getJson(
        `${finalUrl}/api/statements?limit=500&periodStart=${PERIOD.startDate}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      statements.push(...page.body.statements);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(statements).toHaveLength(generated);
    expect(new Set(statements.map((s) => s.propertyId)).size).toBe(generated);
    const generatedIds = job.result.results.generated.map((g: { propertyId: string }) => g.propertyId).sort();
    expect(statements.map((s) => s.propertyId).sort()).toEqual(generatedIds);
  });
});
