/**
 * The monthly schedule: settings over HTTP (validation, permissions, audit), and "once per
 * period" with two compositions over the same database firing at the same moment — both when
 * called directly and when croner fires in both every second.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScheduleRepository } from '../../src/db/repositories/schedule-repository.js';
import { knownData } from '../helpers/known-dataset.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_ENGINE } from '../helpers/test-engine.js';
import { pollUntil } from '../helpers/wait.js';

let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  a = await startTestApp({ sim: { data: knownData() }, compose: { schedulePollMs: 100 } });
  // A second process of the same installation: same database, its own engine and scheduler.
  b = await startTestApp({
    sim: { data: knownData() },
    dataDir: a.dataDir,
    ...(a.databaseName ? { databaseName: a.databaseName } : {}),
    compose: { schedulePollMs: 100 },
  });
});
afterAll(async () => {
  await b?.close(true);
  await a?.close();
});

/** The job, once it has ended: read through the API, as it may run in either process. */
const finished = (app: TestApp, jobId: string) =>
  pollUntil(async () => {
    const job = (await app.request('GET', `/api/statements/jobs/${jobId}`)).body;
    return ['completed', 'failed', 'cancelled'].includes(job.status) ? job : undefined;
  }, `job ${jobId} to end`);

const bulkJobs = async (app: TestApp) =>
  (await app.request('GET', '/api/statements/jobs?type=bulk_statement_generation')).body.jobs as Array<{
    id: string;
    params: Record<string, unknown>;
    createdBy: string | null;
  }>;

describe('schedule settings', () => {
  it('is off by default and readable by everyone', async () => {
    const res = await a.as('viewer')('GET', '/api/settings/schedule');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ enabled: false, cron: '0 6 1 * *', timezone: 'UTC', nextRunAt: null });
  });

  it('only admins change it; a bad cron expression or time zone is 422', async () => {
    const body = { enabled: true, cron: '0 6 1 * *', timezone: 'Europe/Berlin' };
    expect((await a.as('viewer')('PUT', '/api/settings/schedule', body)).status).toBe(403);
    expect((await a.as('editor')('PUT', '/api/settings/schedule', body)).status).toBe(403);
    const bad = await a.request('PUT', '/api/settings/schedule', { ...body, cron: 'every monday' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('invalid_cron');
    const never = await a.request('PUT', '/api/settings/schedule', { ...body, cron: '0 0 30 2 *' });
    expect(never.status).toBe(422);
    expect(never.body.error.code).toBe('invalid_cron');
    const zone = await a.request('PUT', '/api/settings/schedule', { ...body, timezone: 'Mars/Olympus' });
    expect(zone.status).toBe(422);
    expect(zone.body.error.code).toBe('invalid_timezone');

    const ok = await a.request('PUT', '/api/settings/schedule', body);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ enabled: true, cron: '0 6 1 * *', timezone: 'Europe/Berlin' });
    // The next 1st of a month, 06:00 in Berlin (04:00 or 05:00 UTC).
    expect(ok.body.nextRunAt).toMatch(/^\d{4}-\d{2}-01T0[45]:00:00\.000Z$/);
    const audit = await a.request('GET', '/api/audit?action=settings.schedule_changed');
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0].details.after).toMatchObject({ enabled: true, timezone: 'Europe/Berlin' });

    await a.request('PUT', '/api/settings/schedule', { ...body, enabled: false });
  });
});

describe('once per period across processes', () => {
  it('two processes firing for the same period at once create exactly one job', async () => {
    const plannedAt = new Date('2025-11-01T06:00:00Z');
    const results = await Promise.all([
      a.composition.scheduleRunner.fire(plannedAt),
      b.composition.scheduleRunner.fire(plannedAt),
      a.composition.scheduleRunner.fire(plannedAt),
    ]);
    expect(results.filter((r) => r.started)).toHaveLength(1);
    expect(results.filter((r) => !r.started).map((r) => r.reason)).toEqual([
      'claimed_elsewhere',
      'claimed_elsewhere',
    ]);
    const jobs = await bulkJobs(a);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.params).toMatchObject({
      startDate: '2025-10-01',
      endDate: '2025-10-31',
      calculationType: 'checkout',
    });
    expect(jobs[0]?.createdBy).toBeNull();
    const job = await finished(a, jobs[0]?.id ?? '');
    expect(job.status).toBe('completed');
    expect(job.result?.summary.generated).toBe(2);
  });

  it('fires again and again in two processes (croner in each, or BullMQ ticks); still one job per period', async () => {
    const before = (await bulkJobs(a)).length;
    // Every second (6 fields): both processes fire again and again for the same previous month.
    const res = await a.request('PUT', '/api/settings/schedule', {
      enabled: true,
      cron: '* * * * * *',
      timezone: 'UTC',
    });
    expect(res.status).toBe(200);
    const skipsIn = (app: TestApp) =>
      app.logs.filter((l) => l.msg === 'scheduled period already claimed; skipping').length;
    const skipsBefore = { a: skipsIn(a), b: skipsIn(b) };
    const skips = () => ({ a: skipsIn(a) - skipsBefore.a, b: skipsIn(b) - skipsBefore.b });
    if (TEST_ENGINE === 'local') {
      // croner fires in each process: each has fired at least twice (b learnt of the change by
      // re-reading the database).
      await pollUntil(
        async () =>
          skips().a >= 1 && skips().b >= 1 && (await bulkJobs(a)).length > before ? true : undefined,
        'both processes to fire',
        15_000,
      );
      await pollUntil(
        async () => (skips().a >= 2 && skips().b >= 2 ? true : undefined),
        'more firings',
        15_000,
      );
    } else {
      // A BullMQ job scheduler: one tick a second for the installation, taken by either process.
      await pollUntil(
        async () => (skips().a + skips().b >= 3 && (await bulkJobs(a)).length > before ? true : undefined),
        'several ticks',
        15_000,
      );
    }
    const off = await a.request('PUT', '/api/settings/schedule', {
      enabled: false,
      cron: '* * * * * *',
      timezone: 'UTC',
    });
    expect(off.status).toBe(200);
    const jobs = await bulkJobs(a);
    expect(jobs).toHaveLength(before + 1);
    const now = new Date();
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
      .toISOString()
      .slice(0, 10);
    expect(jobs[0]?.params.startDate).toBe(month);
    await finished(a, jobs[0]?.id ?? '');
  });
});

describe('a claim without a job', () => {
  it('takes over a claim left without a job by a process that stopped, but not a fresh one', async () => {
    const schedules = new ScheduleRepository(a.composition.db);
    const key = (start: string, end: string) => `monthly_generation:${start}:${end}`;
    // August: claimed an hour ago, no job (the claiming process died); July: claimed just now.
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    expect(await schedules.claimRun(key('2025-08-01', '2025-08-31'), hourAgo, 'gone:1')).toBe(true);
    expect(
      await schedules.claimRun(key('2025-07-01', '2025-07-31'), new Date().toISOString(), 'busy:2'),
    ).toBe(true);

    const august = await b.composition.scheduleRunner.fire(new Date('2025-09-01T06:00:00Z'));
    expect(august).toMatchObject({ started: true, periodKey: key('2025-08-01', '2025-08-31') });
    const july = await b.composition.scheduleRunner.fire(new Date('2025-08-01T06:00:00Z'));
    expect(july).toMatchObject({ started: false, reason: 'claimed_elsewhere' });
    if (august.started) await finished(a, august.jobId);
  });
});
