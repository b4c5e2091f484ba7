/**
 * The BullMQ engine's view of the jobs whose batches run in this process, and of cancellations:
 * which jobs were cancelled (so a late batch aborts at once), the batches of a job in flight here,
 * and the settling of a cancelled job's result, which the last of its batches in flight here does
 * (as the embedded engine does), or the cancel itself when none is.
 */
import type { Logger } from 'pino';
import type { JobLifecycle } from '../lifecycle.js';

/** The batches of one job running in this process. */
export interface InFlight {
  running: number;
  abort: AbortController;
  /** A batch of this group passed the status check and ran. */
  ran: boolean;
  /** This process was asked to cancel the job and left the settling to the last batch. */
  settle: boolean;
}

const REMEMBERED_CANCELS = 1000;

export class InFlightJobs {
  private readonly groups = new Map<string, InFlight>();
  /** Jobs this process heard were cancelled (recent ones). */
  private readonly cancelled = new Set<string>();
  /** Settling of a job in this process, one after the other. */
  private readonly settling = new Map<string, Promise<void>>();

  constructor(private readonly deps: { lifecycle: JobLifecycle; logger: Logger }) {}

  /** Remembers the cancel and aborts this process's items of the job. */
  markCancelled(jobId: string): void {
    this.cancelled.add(jobId);
    if (this.cancelled.size > REMEMBERED_CANCELS) {
      const oldest = this.cancelled.values().next().value;
      if (oldest !== undefined) this.cancelled.delete(oldest);
    }
    this.groups.get(jobId)?.abort.abort();
  }

  wasCancelled(jobId: string): boolean {
    return this.cancelled.has(jobId);
  }

  jobIds(): Iterable<string> {
    return this.groups.keys();
  }

  /** Counts a batch in flight; call before its status check, so a cancel cannot settle under it. */
  enter(jobId: string): InFlight {
    let group = this.groups.get(jobId);
    if (!group) {
      group = { running: 0, abort: new AbortController(), ran: false, settle: false };
      if (this.cancelled.has(jobId)) group.abort.abort();
      this.groups.set(jobId, group);
    }
    group.running++;
    return group;
  }

  async leave(jobId: string, group: InFlight): Promise<void> {
    group.running--;
    const last = group.running === 0;
    if (last && this.groups.get(jobId) === group) this.groups.delete(jobId);
    if (!group.ran && !group.settle) return;
    const status = await this.deps.lifecycle.store.jobs.getStatus(jobId).catch(() => undefined);
    // The store is the safety net for a cancel message this process missed (only a status read:
    // a failed read says nothing, and must not drop this job's batches here).
    if (status === 'cancelled' || status === 'completed' || status === 'failed') group.abort.abort();
    if (last && status === 'cancelled') await this.settle(jobId);
  }

  /** After a cancel here: items in flight here settle the job when the last ends; else now. */
  async settleAfterCancel(jobId: string): Promise<void> {
    const group = this.groups.get(jobId);
    if (group) group.settle = true;
    else await this.settle(jobId);
  }

  /** Resolves when every settle started here has ended (at stop). */
  async settled(): Promise<void> {
    await Promise.all([...this.settling.values()]);
  }

  /** Stores a cancelled job's partial result and announces it, one settle at a time per job here. */
  private settle(jobId: string): Promise<void> {
    const { lifecycle, logger } = this.deps;
    const previous = this.settling.get(jobId) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        await lifecycle.settleCancelled(jobId);
      } catch (error) {
        logger.error({ jobId, err: error }, 'could not store the result of a cancelled job');
      }
    });
    this.settling.set(jobId, next);
    void next.then(() => {
      if (this.settling.get(jobId) === next) this.settling.delete(jobId);
    });
    return next;
  }
}
