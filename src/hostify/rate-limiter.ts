/**
 * The limiter every Hostify request of one client goes through, in this process: at most
 * HOSTIFY_MAX_CONCURRENCY in flight and HOSTIFY_MAX_RPS starts a second. On the distributed
 * engines, shared-rate-limiter.ts puts a window shared by every process of the installation
 * (Redis or PostgreSQL) behind it, so the rate holds for all workers; this one still bounds each
 * process on its own.
 */

import { CallQueue } from './call-queue.js';

export interface RateLimiter {
  /** Runs `fn` when a concurrency slot and a rate token are free; resolves/rejects as `fn` does. */
  schedule<T>(fn: () => Promise<T>): Promise<T>;
}

export interface LocalRateLimiterOptions {
  /** At most this many `fn`s running at once. */
  maxConcurrency: number;
  /** At most this many `fn` starts in any window of one second. */
  maxRps: number;
  /** Clock in ms; injectable for tests. Default performance.now (monotonic, below-ms steps). */
  now?: () => number;
}

const WINDOW_MS = 1000;

/**
 * FIFO queue + concurrency counter + sliding window of the last `maxRps` start times. A sliding
 * window (rather than a fixed per-second counter) never lets 2×maxRps through across a second
 * boundary, which is what a server-side limiter would punish with 429s.
 */
export function createLocalRateLimiter(options: LocalRateLimiterOptions): RateLimiter {
  const { maxConcurrency, maxRps } = options;
  if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1) {
    throw new RangeError(`maxConcurrency must be an integer ≥ 1, got ${maxConcurrency}`);
  }
  if (!Number.isInteger(maxRps) || maxRps < 1) {
    throw new RangeError(`maxRps must be an integer ≥ 1, got ${maxRps}`);
  }
  // Not Date.now: its whole-ms steps let two starts be up to 1 ms closer than a window, and a
  // wall clock can be set back.
  const now = options.now ?? (() => performance.now());
  const queue = new CallQueue();
  let inFlight = 0;
  const starts: number[] = []; // start times inside the current window, oldest first (≤ maxRps)
  let timer: ReturnType<typeof setTimeout> | null = null;

  function pump(): void {
    while (queue.size > 0 && inFlight < maxConcurrency) {
      const t = now();
      while (starts.length > 0 && (starts[0] ?? t) <= t - WINDOW_MS) starts.shift();
      if (starts.length >= maxRps) {
        // Wake up when the oldest start leaves the window; one timer is enough.
        if (timer === null) {
          const wait = Math.max(1, (starts[0] ?? t) + WINDOW_MS - t);
          timer = setTimeout(() => {
            timer = null;
            pump();
          }, wait);
        }
        return;
      }
      starts.push(t);
      inFlight += 1;
      queue.startNext();
    }
  }

  return {
    schedule<T>(fn: () => Promise<T>): Promise<T> {
      const call = queue.enqueue(fn, () => {
        inFlight -= 1;
        pump();
      });
      pump();
      return call;
    },
  };
}
