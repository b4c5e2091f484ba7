/**
 * Waiting for work without fixed sleeps: resolve on the job's own events, or poll a condition
 * with a deadline (for a server in another process).
 *
 * The job waiters subscribe to the job's events first and read the job from the store after:
 * whatever happened before the read is in what the read returns, whatever happens after it
 * arrives as an event, so nothing falls between the two — a job that is already far enough (or
 * finished) when the wait starts resolves at once.
 */
import type { JobService } from '../../src/jobs/job-service.js';
import type { JobEvent, JobRecord } from '../../src/model/jobs.js';

const RECHECK_MS = 200;

const isFinished = (job: JobRecord) =>
  job.status === 'completed' || job.status === 'failed' || job.status === 'cancelled';

/**
 * Finished for good: a cancelled job is marked cancelled before its partial result is stored
 * (the `finished` event follows the result); a failed job may have no result at all.
 */
const isSettled = (job: JobRecord) => isFinished(job) && (job.result !== null || job.status === 'failed');

type Seen = { job: JobRecord } | { event: JobEvent };
type Outcome<T> = { value: T } | { error: Error };

/**
 * Watches one job until `decide` returns an outcome for what the store or an event shows. With
 * `recheck`, the store is read again every RECHECK_MS until then.
 */
function watchJob<T>(
  jobService: JobService,
  jobId: string,
  options: { timeoutMs: number; timeoutMessage: string; recheck: boolean },
  decide: (seen: Seen) => Outcome<T> | undefined,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let over = false;
    let recheck: NodeJS.Timeout | undefined;
    const finish = (outcome: Outcome<T>) => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      clearTimeout(recheck);
      unsubscribe();
      if ('value' in outcome) resolve(outcome.value);
      else reject(outcome.error);
    };
    const timer = setTimeout(() => finish({ error: new Error(options.timeoutMessage) }), options.timeoutMs);
    const unsubscribe = jobService.subscribe((event) => {
      if (over || event.jobId !== jobId) return;
      const outcome = decide({ event });
      if (outcome) finish(outcome);
    });
    const read = () => {
      jobService.getJob(jobId).then(
        (job) => {
          if (over) return;
          const outcome = decide({ job });
          if (outcome) finish(outcome);
          else if (options.recheck) recheck = setTimeout(read, RECHECK_MS);
        },
        (error: unknown) => finish({ error: error instanceof Error ? error : new Error(String(error)) }),
      );
    };
    read();
  });
}

/**
 * Resolves with the job once it has finished (completed, failed or cancelled) and settled. A job
 * still running when the wait starts resolves on its `finished` event, never on a later read of
 * the store: callers go on to check the events this process heard, which such a read could
 * overtake while they are on their way from another process.
 */
export function waitForJobEnd(jobService: JobService, jobId: string, timeoutMs = 60_000): Promise<JobRecord> {
  const timeoutMessage = `job ${jobId} did not finish within ${timeoutMs} ms`;
  return watchJob(jobService, jobId, { timeoutMs, timeoutMessage, recheck: false }, (seen) => {
    if ('event' in seen) return seen.event.type === 'finished' ? { value: seen.event.job } : undefined;
    return isSettled(seen.job) ? { value: seen.job } : undefined;
  });
}

/**
 * Resolves once the job has finished at least `count` items — already when the wait starts, or
 * later. Only `progress` values count (the engines publish one `items` event per batch, with the
 * job's progress after it; runInBackground jobs publish `progress` events). Rejects at once if the job ends before getting there. Events
 * between processes are delivered at most once, so the store is read again every RECHECK_MS: a
 * lost progress event costs a moment, not the whole timeout.
 */
export function waitForProgress(
  jobService: JobService,
  jobId: string,
  count: number,
  timeoutMs = 60_000,
): Promise<void> {
  const timeoutMessage = `job ${jobId} did not reach ${count} items within ${timeoutMs} ms`;
  const reached = (job: JobRecord): Outcome<void> | undefined => {
    if (job.progress >= count) return { value: undefined };
    if (isSettled(job)) {
      return {
        error: new Error(
          `job ${jobId} ended ${job.status} after ${job.progress} items, before reaching ${count}`,
        ),
      };
    }
    return undefined;
  };
  return watchJob(jobService, jobId, { timeoutMs, timeoutMessage, recheck: true }, (seen) => {
    if ('job' in seen) return reached(seen.job);
    const { event } = seen;
    if (event.type === 'items' || event.type === 'progress')
      return event.progress >= count ? { value: undefined } : undefined;
    if (event.type === 'finished') return reached(event.job);
    return undefined;
  });
}

/** Polls `check` until it returns a value, or fails after the deadline. */
export async function pollUntil<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 60_000,
  intervalMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
