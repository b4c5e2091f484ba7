/**
 * The port the monthly schedule runs behind: "call this at the times a cron expression names".
 * The croner adapter fires in every worker process; a BullMQ job-scheduler adapter could fire
 * once per cluster instead. Either way, the database claim (ScheduleRepository.claimRun) is
 * what guarantees one run per period, so a scheduler may fire in several processes at once.
 */
export interface ScheduleSpec {
  cron: string;
  /** IANA time zone the expression is read in. */
  timezone: string;
}

/** Gets the time the run was planned for (not when the callback happened to start). */
export type FireFn = (plannedAt: Date) => Promise<void>;

export interface Scheduler {
  /** Replaces what is scheduled; null stops firing. */
  set(spec: ScheduleSpec | null, fire: FireFn): void;
  /** When it fires next, or null. */
  nextRun(): Date | null;
  stop(): void;
}
