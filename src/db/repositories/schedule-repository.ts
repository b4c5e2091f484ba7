/**
 * The monthly schedule's settings and its runs. `claimRun` inserts a row keyed by the period:
 * whoever inserts first starts the job, everyone else gets false — on SQLite and PostgreSQL.
 */
import type { Db } from '../database.js';
import { isUniqueViolation } from '../errors.js';

const SCHEDULE_KEY = 'schedule.monthly_generation';

export interface StoredSchedule {
  enabled: boolean;
  cron: string;
  timezone: string;
  calculationType: 'checkout' | 'checkin' | 'calendar';
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Off until an admin turns it on: the first of each month at 06:00 UTC is only the suggestion. */
export const DEFAULT_SCHEDULE: StoredSchedule = {
  enabled: false,
  cron: '0 6 1 * *',
  timezone: 'UTC',
  calculationType: 'checkout',
  updatedAt: null,
  updatedBy: null,
};

export class ScheduleRepository {
  constructor(private readonly db: Db) {}

  async get(): Promise<StoredSchedule> {
    const row = await this.db
      .selectFrom('settings')
      .selectAll()
      .where('key', '=', SCHEDULE_KEY)
      .executeTakeFirst();
    if (!row) return DEFAULT_SCHEDULE;
    const value = JSON.parse(row.value) as Partial<StoredSchedule>;
    return { ...DEFAULT_SCHEDULE, ...value, updatedAt: row.updated_at, updatedBy: row.updated_by };
  }

  async save(
    schedule: Omit<StoredSchedule, 'updatedAt' | 'updatedBy'>,
    now: string,
    by: string | null,
  ): Promise<void> {
    const value = JSON.stringify({
      enabled: schedule.enabled,
      cron: schedule.cron,
      timezone: schedule.timezone,
      calculationType: schedule.calculationType,
    });
    await this.db
      .insertInto('settings')
      .values({ key: SCHEDULE_KEY, value, updated_at: now, updated_by: by })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now, updated_by: by }))
      .execute();
  }

  /** True for the one caller that claimed the period first; false for everyone after. */
  /**
   * Claims a period. A claim older than `staleBefore` that never got its job (the process that
   * made it stopped in between) is taken over, so a crash cannot block a period for good.
   * Not for use inside a transaction: on PostgreSQL the unique violation it expects would end it.
   */
  async claimRun(periodKey: string, now: string, by: string, staleBefore?: string): Promise<boolean> {
    try {
      await this.db
        .insertInto('schedule_runs')
        .values({ period_key: periodKey, job_id: null, claimed_at: now, claimed_by: by })
        .execute();
      return true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    if (!staleBefore) return false;
    const taken = await this.db
      .updateTable('schedule_runs')
      .set({ claimed_at: now, claimed_by: by })
      .where('period_key', '=', periodKey)
      .where('job_id', 'is', null)
      .where('claimed_at', '<', staleBefore)
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) === 1;
  }

  async setRunJob(periodKey: string, jobId: string): Promise<void> {
    await this.db
      .updateTable('schedule_runs')
      .set({ job_id: jobId })
      .where('period_key', '=', periodKey)
      .execute();
  }

  /** Gives a period back when its job could not be created, so a later firing may try again. */
  async releaseRun(periodKey: string): Promise<void> {
    await this.db
      .deleteFrom('schedule_runs')
      .where('period_key', '=', periodKey)
      .where('job_id', 'is', null)
      .execute();
  }

  async getRun(periodKey: string) {
    return this.db
      .selectFrom('schedule_runs')
      .selectAll()
      .where('period_key', '=', periodKey)
      .executeTakeFirst();
  }
}
