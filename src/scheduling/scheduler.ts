/**
 * The port the monthly schedule runs behind: "call this at the times a cron expression names".
 * The croner adapter (embedded engine) fires in every process that runs workers; the BullMQ
 * job-scheduler adapter (distributed engines) fires once per tick for the installation. Either way, the database claim (ScheduleRepository.claimRun) is
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
  /** Replaces what is scheduled; null stops firing. Rejects when the change did not take. */
  set(spec: ScheduleSpec | null, fire: FireFn): void | Promise<void>;
  /** When it fires next, or null. */
  nextRun(): Date | null;
  stop(): void;
  /** Releases what the scheduler holds (queues, connections); after stop(). */
  close?(): Promise<void>;
}
