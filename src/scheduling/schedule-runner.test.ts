/** The runner keeps the Scheduler port in step with the stored schedule, only once started. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrateToLatest, openSqlite } from '../db/database.js';
import { ScheduleRepository } from '../db/repositories/schedule-repository.js';
import type { JobService } from '../jobs/job-service.js';
import { systemClock } from '../lib/clock.js';
import { createLogger } from '../lib/logger.js';
import { ScheduleRunner } from './schedule-runner.js';
import type { Scheduler, ScheduleSpec } from './scheduler.js';

class RecordingScheduler implements Scheduler {
  specs: Array<ScheduleSpec | null> = [];
  /** The next set() calls that fail (the queue server refused them). */
  failures = 0;
  set(spec: ScheduleSpec | null): void {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('the queue server is down');
    }
    this.specs.push(spec);
  }
  nextRun(): Date | null {
    return null;
  }
  stop(): void {}
}

let dir: string;
let db: Db;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'schedule-runner-'));
  db = openSqlite({ filename: join(dir, 'db.sqlite') });
  await migrateToLatest(db);
});
afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** A runner that never fires (no job service): these tests watch what it hands the scheduler. */
const newRunner = (schedules: ScheduleRepository, scheduler: Scheduler) =>
  new ScheduleRunner({
    schedules,
    scheduler,
    jobService: {} as JobService,
    clock: systemClock,
    logger: createLogger('silent'),
    pollMs: 60_000,
  });

describe('ScheduleRunner', () => {
  it('applies the stored schedule when started and on change, and nothing before start or after stop', async () => {
    const schedules = new ScheduleRepository(db);
    const scheduler = new RecordingScheduler();
    const runner = newRunner(schedules, scheduler);
    await schedules.save(
      { enabled: true, cron: '0 6 1 * *', timezone: 'UTC', calculationType: 'checkout' },
      'now',
      null,
    );
    await runner.refresh(); // not started (a web-only process): nothing is scheduled
    expect(scheduler.specs).toEqual([]);

    await runner.start();
    expect(scheduler.specs).toEqual([{ cron: '0 6 1 * *', timezone: 'UTC' }]);
    await runner.refresh(); // unchanged: not applied again
    expect(scheduler.specs).toHaveLength(1);
    await schedules.save(
      { enabled: false, cron: '0 6 1 * *', timezone: 'UTC', calculationType: 'checkout' },
      'now',
      null,
    );
    await runner.refresh();
    expect(scheduler.specs.at(-1)).toBeNull();

    runner.stop();
    await schedules.save(
      { enabled: true, cron: '0 7 1 * *', timezone: 'UTC', calculationType: 'checkout' },
      'now',
      null,
    );
    await runner.refresh();
    expect(scheduler.specs).toHaveLength(2);
  });

  it('applies a schedule again at the next look when applying it failed', async () => {
    const schedules = new ScheduleRepository(db);
    const scheduler = new RecordingScheduler();
    const runner = newRunner(schedules, scheduler);
    await runner.start();
    await schedules.save(
      { enabled: true, cron: '0 6 1 * *', timezone: 'UTC', calculationType: 'checkout' },
      'now',
      null,
    );
    scheduler.failures = 1;
    await expect(runner.refresh()).rejects.toThrow(/down/);
    expect(scheduler.specs.filter(Boolean)).toEqual([]);
    await runner.refresh();
    expect(scheduler.specs.at(-1)).toEqual({ cron: '0 6 1 * *', timezone: 'UTC' });
    runner.stop();
  });
});
