/**
 * Runs the monthly generation: keeps the Scheduler in step with the schedule stored in the
 * database (re-read every `pollMs`, and at once after a change made in this process), and when
 * it fires, claims the previous month in the database and starts its bulk generation. Only the
 * process whose claim wins starts the job; the others log and skip.
 */

import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { SCHEDULE_ACTOR } from '../auth/principal.js';
import type { ScheduleRepository, StoredSchedule } from '../db/repositories/schedule-repository.js';
import type { JobService } from '../jobs/job-service.js';
import type { Clock } from '../lib/clock.js';
import { previousMonth } from './previous-month.js';
import type { Scheduler } from './scheduler.js';

export interface ScheduleRunnerDeps {
  schedules: ScheduleRepository;
  scheduler: Scheduler;
  jobService: JobService;
  clock: Clock;
  logger: Logger;
  /** How often the stored schedule is re-read (changes made in other processes). */
  pollMs: number;
}

/** A claim that has had no job for this long was left by a process that stopped: taken over. */
const STALE_CLAIM_MS = 10 * 60_000;

export type FireResult =
  | { started: true; jobId: string; periodKey: string }
  | { started: false; reason: 'claimed_elsewhere' | 'disabled'; periodKey: string | null };

export class ScheduleRunner {
  private timer: NodeJS.Timeout | undefined;
  private current = '';
  /** Only processes that run workers fire (a ROLE=web process never calls start()). */
  private started = false;
  private readonly who = `${hostname()}:${process.pid}`;

  constructor(private readonly deps: ScheduleRunnerDeps) {}

  async start(): Promise<void> {
    this.started = true;
    // A queue server that refuses the schedule now must not stop the process: the poll retries.
    await this.refresh().catch((error: unknown) =>
      this.deps.logger.error({ err: error }, 'could not apply the monthly schedule; trying again shortly'),
    );
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) =>
        this.deps.logger.error({ err: error }, 'could not re-read the monthly schedule'),
      );
    }, this.deps.pollMs);
    this.timer.unref();
  }

  stop(): void {
    this.started = false;
    clearInterval(this.timer);
    this.deps.scheduler.stop();
    this.current = '';
  }

  /** Applies the stored schedule if it changed since the last look. */
  async refresh(): Promise<void> {
    if (!this.started) return;
    const s = await this.deps.schedules.get();
    if (!this.started) return; // stopped while reading
    const signature = s.enabled ? `${s.cron}|${s.timezone}|${s.calculationType}` : 'off';
    if (signature === this.current) return;
    this.current = signature;
    try {
      if (!s.enabled) {
        await this.deps.scheduler.set(null, async () => {});
        this.deps.logger.info('monthly generation schedule is off');
        return;
      }
      await this.deps.scheduler.set({ cron: s.cron, timezone: s.timezone }, (at) =>
        this.fire(at, s).then(() => undefined),
      );
    } catch (error) {
      // Not applied: the next look (poll or change) tries again.
      this.current = '';
      throw error;
    }
    this.deps.logger.info(
      { cron: s.cron, timezone: s.timezone, nextRunAt: this.deps.scheduler.nextRun()?.toISOString() ?? null },
      'monthly generation scheduled',
    );
  }

  /** One firing: the previous month (in the schedule's time zone), once per period across processes. */
  async fire(plannedAt: Date, schedule?: StoredSchedule): Promise<FireResult> {
    const { schedules, jobService, clock, logger } = this.deps;
    const s = schedule ?? (await schedules.get());
    const period = previousMonth(plannedAt, s.timezone);
    const periodKey = `monthly_generation:${period.start}:${period.end}`;
    const log = logger.child({ periodKey, plannedAt: plannedAt.toISOString() });
    const now = clock.now();
    const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
    if (!(await schedules.claimRun(periodKey, now.toISOString(), this.who, staleBefore))) {
      const run = await schedules.getRun(periodKey);
      log.info(
        { claimedBy: run?.claimed_by, jobId: run?.job_id },
        'scheduled period already claimed; skipping',
      );
      return { started: false, reason: 'claimed_elsewhere', periodKey };
    }
    try {
      const { job } = await jobService.startBulkGeneration(
        { period, calculationType: s.calculationType },
        SCHEDULE_ACTOR,
      );
      await schedules.setRunJob(periodKey, job.id);
      log.info({ jobId: job.id }, 'scheduled monthly generation started');
      return { started: true, jobId: job.id, periodKey };
    } catch (error) {
      // Without a job the claim would block the period for good; give it back.
      await schedules.releaseRun(periodKey).catch(() => undefined);
      throw error;
    }
  }
}
