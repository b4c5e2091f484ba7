/**
 * The one retry loop of the service: the Hostify transport, job planning, job batches and the
 * items a handler retries itself all repeat failed work through `retry`, so "how long to wait",
 * "when to stop" and "what an abort does" are decided once. How many attempts each layer makes
 * is not decided here but in retry-budgets.ts (where the layers' budgets are multiplied out).
 *
 * A leaf: no I/O but the wait, and that one is injectable (`sleep`), as is the jitter's
 * randomness (`random`).
 */
import { setTimeout as delay } from 'node:timers/promises';

export interface Backoff {
  /** Ceiling of the wait before the first retry; it doubles for each further retry. */
  baseMs: number;
  /** The ceiling never grows past this. */
  maxMs: number;
  /**
   * `full` (default): a random wait in [0, ceiling) — "full jitter" (AWS Architecture Blog,
   * "Exponential Backoff And Jitter"), which spreads the retries of many callers that failed
   * together so they do not come back in one burst. `none`: exactly the ceiling.
   */
  jitter?: 'full' | 'none';
}

/** The wait before the `retry`-th retry (1 = the first): ceiling min(maxMs, baseMs·2^(retry−1)). */
export function backoffMs(retry: number, backoff: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, retry - 1));
  return backoff.jitter === 'none' ? ceiling : Math.floor(random() * ceiling);
}

/** Waits `ms`; rejects when `signal` aborts first. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

const timerSleep: Sleep = (ms, signal) => delay(ms, undefined, signal ? { signal } : {});

/** `retry` stopped because its signal aborted (before an attempt or during a wait). */
export class RetryAbortedError extends Error {
  constructor(cause?: unknown) {
    super('stopped before the next attempt', { cause });
    this.name = 'RetryAbortedError';
  }
}

export interface RetryOptions {
  /** Attempts in all, the first included. One attempt always runs, even with a spent budget. */
  attempts: number;
  backoff: Backoff;
  /** Attempts already spent on this work (a count kept across restarts). Default 0. */
  spent?: number;
  /** Default: every error is. A non-retryable error is rethrown at once. */
  isRetryable?: (error: unknown) => boolean;
  /** A minimum wait the failure itself asks for (a server's Retry-After), if any. */
  retryAfterMs?: (error: unknown) => number | null | undefined;
  /** After every failed attempt, retried or not (to count it). */
  onFailure?: (error: unknown, attempt: number) => void | Promise<void>;
  /** Before each wait (to log it). */
  onRetry?: (retry: { error: unknown; attempt: number; waitMs: number }) => void | Promise<void>;
  /** Stops the loop before the next attempt or during a wait, with RetryAbortedError. */
  signal?: AbortSignal;
  sleep?: Sleep;
  random?: () => number;
}

/**
 * Runs `work` until it resolves, its error is not retryable, or the attempts are spent (then the
 * last error is rethrown). `attempt` counts from `spent + 1`. An attempt that is running when the
 * signal aborts is not interrupted: `work` takes the signal itself if it should stop.
 */
export async function retry<T>(work: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { signal } = options;
  const sleep = options.sleep ?? timerSleep;
  for (let attempt = (options.spent ?? 0) + 1; ; attempt++) {
    if (signal?.aborted) throw new RetryAbortedError(signal.reason);
    try {
      return await work(attempt);
    } catch (error) {
      await options.onFailure?.(error, attempt);
      if (attempt >= options.attempts || !(options.isRetryable?.(error) ?? true)) throw error;
      const asked = options.retryAfterMs?.(error) ?? 0;
      const waitMs = Math.max(backoffMs(attempt, options.backoff, options.random), asked);
      await options.onRetry?.({ error, attempt, waitMs });
      try {
        await sleep(waitMs, signal);
      } catch (stopped) {
        throw new RetryAbortedError(signal?.reason ?? stopped);
      }
    }
  }
}
