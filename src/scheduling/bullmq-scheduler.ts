/**
 * The Scheduler port on BullMQ's job schedulers, for the distributed engines: the schedule lives
 * in the queue server (one per installation, upserted by every worker process with the same id,
 * so upserting again is a no-op), BullMQ produces one job per tick, and whichever worker takes it
 * fires. The database claim still guards the period (see scheduler.ts).
 */
import type { Job, Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { BullMqTransport } from '../jobs/engines/bullmq-transport.js';
import { BUDGETS } from '../lib/retry-budgets.js';
import { nextRunOf } from './croner-scheduler.js';
import type { FireFn, Scheduler, ScheduleSpec } from './scheduler.js';

export const SCHEDULE_QUEUE = 'schedule';
const SCHEDULER_ID = 'monthly-generation';

export class BullMqScheduler implements Scheduler {
  private queue: Queue | undefined;
  private worker: Worker | undefined;
  private spec: ScheduleSpec | null = null;
  private fire: FireFn | undefined;
  /** Queue operations one after the other, so a quick off/on lands in order. */
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly transport: BullMqTransport,
    private readonly logger: Logger,
  ) {}

  set(spec: ScheduleSpec | null, fire: FireFn): Promise<void> {
    this.spec = spec;
    this.fire = fire;
    const queue = this.openQueue();
    return this.enqueue(async () => {
      if (spec) {
        await queue.upsertJobScheduler(
          SCHEDULER_ID,
          { pattern: spec.cron, tz: spec.timezone },
          {
            name: SCHEDULER_ID,
            // A tick that fails (the store is down at that moment) is tried again: the period
            // claim makes a second try safe.
            opts: {
              attempts: BUDGETS.scheduleTick.attempts,
              backoff: { type: 'exponential', delay: BUDGETS.scheduleTick.baseMs },
              removeOnComplete: true,
              removeOnFail: true,
            },
          },
        );
        this.openWorker();
      } else {
        await queue.removeJobScheduler(SCHEDULER_ID);
      }
    });
  }

  nextRun(): Date | null {
    return this.spec ? nextRunOf(this.spec) : null;
  }

  /** Stops firing in this process; the installation's schedule stays for the other workers. */
  stop(): void {
    this.fire = undefined;
    this.spec = null;
  }

  async close(): Promise<void> {
    await this.pending;
    // The worker first: a tick it has taken still fires; then stop firing.
    await this.worker?.close();
    this.stop();
    await this.queue?.close();
    this.worker = undefined;
    this.queue = undefined;
  }

  private openQueue(): Queue {
    this.queue ??= this.transport.queue(SCHEDULE_QUEUE, { removeOnComplete: true, removeOnFail: true });
    return this.queue;
  }

  private openWorker(): void {
    if (this.worker) return;
    this.worker = this.transport.worker(SCHEDULE_QUEUE, (job) => this.onTick(job), {
      concurrency: 1,
      lockDuration: 60_000,
      stalledInterval: 30_000,
      maxStalledCount: 1,
    });
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'schedule queue error'));
  }

  private async onTick(job: Job): Promise<void> {
    // The time the tick was due, not when this worker got to it.
    const plannedAt = new Date(job.timestamp + (job.opts.delay ?? 0));
    // Not set any more (stopping): fail the tick so that another worker takes it.
    if (!this.fire) throw new Error('this process stopped firing the schedule');
    await this.fire(plannedAt);
  }

  /** Runs after the operations before it; the returned promise rejects if this one fails. */
  private enqueue(operation: () => Promise<void>): Promise<void> {
    const done = this.pending.then(operation);
    this.pending = done.catch((error: unknown) =>
      this.logger.error({ err: error }, 'could not update the schedule in the job queue'),
    );
    return done;
  }
}
