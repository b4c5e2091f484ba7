/** The Scheduler port on croner: an in-process timer per process (see scheduler.ts). */
import { Cron } from 'croner';
import type { Logger } from 'pino';
import type { FireFn, Scheduler, ScheduleSpec } from './scheduler.js';

/** Why a cron expression or time zone cannot be used, or null when it can. */
export function cronProblem(spec: ScheduleSpec, now = new Date()): { code: string; message: string } | null {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: spec.timezone });
  } catch {
    return {
      code: 'invalid_timezone',
      message: `unknown time zone "${spec.timezone}" (use an IANA name like Europe/Berlin)`,
    };
  }
  let next: Date | null;
  try {
    next = new Cron(spec.cron, { timezone: spec.timezone, paused: true }).nextRun(now);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { code: 'invalid_cron', message: `"${spec.cron}" is not a valid cron expression: ${why}` };
  }
  if (!next) return { code: 'invalid_cron', message: `"${spec.cron}" never fires` };
  return null;
}

/** When the expression fires next after `now` (null when it is invalid or never fires). */
export function nextRunOf(spec: ScheduleSpec, now = new Date()): Date | null {
  if (cronProblem(spec, now)) return null;
  return new Cron(spec.cron, { timezone: spec.timezone, paused: true }).nextRun(now);
}

export class CronerScheduler implements Scheduler {
  private job: Cron | undefined;

  constructor(private readonly logger: Logger) {}

  set(spec: ScheduleSpec | null, fire: FireFn): void {
    this.stop();
    if (!spec) return;
    this.job = new Cron(
      spec.cron,
      {
        timezone: spec.timezone,
        // A slow run must not overlap the next one in this process (the claim covers others).
        protect: true,
        unref: true,
        catch: (error) => this.logger.error({ err: error }, 'scheduled run failed'),
      },
      async (self: Cron) => {
        await fire(self.currentRun() ?? new Date());
      },
    );
  }

  nextRun(): Date | null {
    return this.job?.nextRun() ?? null;
  }

  stop(): void {
    this.job?.stop();
    this.job = undefined;
  }
}
