#!/usr/bin/env node
// Runs every test suite and ends with one plain summary line, "N passed, N failed, N skipped",
// summed over the suites (CI reads that line). Exits non-zero when any suite fails.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const extraArgs = process.argv.slice(2);
const ci = process.env.CI === 'true';

/** PostgreSQL suites need a server; without one they are skipped, except under CI=true. */
async function postgresAnswers() {
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The PostgreSQL + BullMQ-Redis suites need Redis too. */
async function redisAnswers() {
  const { Redis } = await import('ioredis');
  const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    redis.disconnect();
  }
}

const projects = [];
const pgState = await postgresAnswers();
const redisState = await redisAnswers();
for (const [name, state] of [
  ['PostgreSQL', pgState],
  ['Redis', redisState],
]) {
  if (state !== true && ci) {
    console.error(`${name} is required under CI=true but does not answer: ${state}`);
    console.log('0 passed, 1 failed, 0 skipped');
    process.exit(1);
  }
}
if (pgState !== true || redisState !== true) {
  const missing = pgState !== true ? `PostgreSQL: ${pgState}` : `Redis: ${redisState}`;
  console.warn(`skipping the server-pg-bullmq suites (${missing})`);
  projects.push('--project', 'server', '--project', 'web');
  if (pgState === true) projects.push('--project', 'server-pg');
  else console.warn(`skipping the PostgreSQL suites (project server-pg): ${pgState}`);
}
mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
rmSync(report, { force: true });

const run = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...projects,
    ...extraArgs,
  ],
  { stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = json.numFailedTests ?? 0;
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  // A suite that failed to load has no tests to count; count it as a failure so it is not lost.
  for (const file of json.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed += 1;
  }
} catch {
  failed += 1;
  console.error(`could not read ${report}: the test runner did not finish`);
}

const exitCode = run.status ?? 1;
if (exitCode !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exitCode === 0 && failed === 0 ? 0 : 1);
