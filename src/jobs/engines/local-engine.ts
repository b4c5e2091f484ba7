/**
 * The embedded engine: jobs and items live in the same SQLite file as the statements, and this
 * process runs them — one job at a time in creation order, batches of items with bounded
 * concurrency. Durable by construction: every batch commits with its statements, so after a
 * crash `start()` finds the unfinished jobs and runs only their pending batches.
 */
import type { Logger } from 'pino';
import type { JobRecord } from '../../model/jobs.js';
import type { JobEventBus } from '../event-bus.js';
import type { JobLifecycle } from '../lifecycle.js';
import type { JobEngine } from './job-engine.js';

export interface LocalEngineOptions {
  /** Batches run at once for one job (they interleave on the event loop; I/O is the store). */
  concurrency?: number;
  /** How often a running job's progress is logged. */
  progressLogMs?: number;
}

export class LocalJobEngine implements JobEngine {
  private readonly concurrency: number;
  private readonly progressLogMs: number;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** Set by enqueue/stop; checked before sleeping, so a wake-up during a store read is not lost. */
  private wakeRequested = false;
  private current: { jobId: string; abort: AbortController } | undefined;
  private readonly stopController = new AbortController();

  constructor(
    private readonly deps: { lifecycle: JobLifecycle; events: JobEventBus; logger: Logger },
    options: LocalEngineOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 4;
    this.progressLogMs = options.progressLogMs ?? 2000;
  }

  get events(): JobEventBus {
    return this.deps.events;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const unfinished = await this.deps.lifecycle.resumable();
    if (unfinished.length > 0) {
      this.deps.logger.info({ jobs: unfinished.map((j) => j.id) }, 'resuming unfinished jobs');
    }
    this.loop = this.runLoop();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopController.abort();
    this.current?.abort.abort();
    this.signal();
    await this.loop;
  }

  async enqueue(_jobId: string): Promise<void> {
    this.signal();
  }

  private signal(): void {
    this.wakeRequested = true;
    this.wake?.();
  }

  async cancel(jobId: string): Promise<void> {
    if (this.current?.jobId === jobId) {
      // The run loop settles the job once the items in flight have finished.
      this.current.abort.abort();
      return;
    }
    await this.deps.lifecycle.settleCancelled(jobId);
  }

  private async runLoop(): Promise<void> {
    while (this.running) {
      this.wakeRequested = false;
      const next = (await this.deps.lifecycle.resumable())[0];
      if (!next) {
        if (this.wakeRequested || !this.running) continue;
        // Sleep until enqueue/stop; no await between the check above and here, so no lost wake-up.
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = undefined;
        continue;
      }
      try {
        await this.runJob(next);
      } catch (error) {
        // A store failure mid-job: log, wait a moment, and pick the job up again.
        this.deps.logger.error({ jobId: next.id, err: error }, 'job run interrupted; will resume');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  private async runJob(initial: JobRecord): Promise<void> {
    const { lifecycle } = this.deps;
    const { jobs } = lifecycle.store;
    const abort = new AbortController();
    const onStop = () => abort.abort();
    this.stopController.signal.addEventListener('abort', onStop);
    this.current = { jobId: initial.id, abort };
    const progressTimer = setInterval(() => void lifecycle.logProgress(initial.id), this.progressLogMs);
    progressTimer.unref();
    try {
      if (!(await lifecycle.plan(initial, abort.signal))) return;
      const job = await jobs.get(initial.id);
      if (job?.status !== 'processing') return;
      await this.runBatches(job, abort);
      if (this.stopController.signal.aborted) return;
      const status = await jobs.getStatus(job.id);
      if (status === 'cancelled') await lifecycle.settleCancelled(job.id);
      else await lifecycle.finishIfDone(job.id);
    } finally {
      clearInterval(progressTimer);
      this.stopController.signal.removeEventListener('abort', onStop);
      this.current = undefined;
      // A cancel that arrived during planning leaves a cancelled job with nothing in flight.
      const status = await jobs.getStatus(initial.id).catch(() => undefined);
      if (status === 'cancelled' && abort.signal.aborted && !this.stopController.signal.aborted) {
        const job = await jobs.get(initial.id);
        if (job && job.result === null) await lifecycle.settleCancelled(initial.id);
      }
    }
  }

  /**
   * Runs the pending batches with bounded concurrency until none is left or the job is aborted.
   * Every runner ends before this returns (so a stop waits for them all); the first error, if
   * any, is thrown afterwards and the run loop picks the job up again.
   */
  private async runBatches(job: JobRecord, abort: AbortController): Promise<void> {
    const { lifecycle } = this.deps;
    const { signal } = abort;
    const batches = await lifecycle.pendingBatches(job.id);
    let index = 0;
    let lastStatusCheck = Date.now();
    const runner = async () => {
      while (!signal.aborted) {
        const batch = batches[index++];
        if (batch === undefined) return;
        await lifecycle.runBatch(job, batch, signal).catch((error: unknown) => {
          abort.abort(); // the others stop at their next batch; the job is picked up again
          throw error;
        });
        // Cancellation normally arrives through cancel(); the store check is the safety net.
        if (Date.now() - lastStatusCheck > 500) {
          lastStatusCheck = Date.now();
          if ((await lifecycle.store.jobs.getStatus(job.id)) !== 'processing') abort.abort();
        }
        // Yield to the event loop so status requests are served between batches.
        await new Promise<void>((r) => setImmediate(r));
      }
    };
    const results = await Promise.allSettled(Array.from({ length: this.concurrency }, runner));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
