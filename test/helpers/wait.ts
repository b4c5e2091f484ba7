/**
 * Waiting for work without fixed sleeps: resolve on the job's own events, or poll a condition
 * with a deadline (for a server in another process).
 */
import type { JobService } from '../../src/jobs/job-service.js';
import type { JobRecord } from '../../src/jobs/types.js';

const isFinished = (job: JobRecord) =>
  job.status === 'completed' || job.status === 'failed' || job.status === 'cancelled';

/** Resolves with the job once it has finished (completed, failed or cancelled). */
export function waitForJobEnd(jobService: JobService, jobId: string, timeoutMs = 60_000): Promise<JobRecord> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`job ${jobId} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = (job: JobRecord) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(job);
    };
    const unsubscribe = jobService.subscribe((event) => {
      if (event.jobId === jobId && event.type === 'finished') done(event.job);
    });
    // It may have finished before we subscribed.
    void jobService.getJob(jobId).then((job) => {
      if (isFinished(job) && job.result !== null) done(job);
      else if (job.status === 'failed') done(job);
    });
  });
}

/** Resolves once the job has finished at least `count` items. */
export function waitForProgress(
  jobService: JobService,
  jobId: string,
  count: number,
  timeoutMs = 60_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`job ${jobId} did not reach ${count} items within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = jobService.subscribe((event) => {
      if (
        event.jobId === jobId &&
        (event.type === 'items' || event.type === 'progress') &&
        event.progress >= count
      ) {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
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
