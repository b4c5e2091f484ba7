/**
 * How the job lifecycle retries transient failures (429, 5xx, timeouts, a busy store): with
 * exponential backoff and jitter, a bounded number of times, then the work is an error.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ItemOutcome } from '../model/jobs.js';
import { backoffMs, errorMessage, isTransient } from './transient.js';

export interface RetryPolicy {
  /** Attempts per item (or batch) before it is recorded as an error. */
  itemAttempts: number;
  /** Attempts at planning before a transient failure fails the job. */
  planAttempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  itemAttempts: 4,
  planAttempts: 3,
  baseMs: 500,
  maxMs: 15_000,
};

/** Waits the backoff of `attempt`; false when the signal aborted the wait. */
export async function waitBeforeRetry(
  attempt: number,
  policy: RetryPolicy,
  signal: AbortSignal,
): Promise<boolean> {
  const wait = backoffMs(attempt, policy.baseMs, policy.maxMs);
  return sleep(wait, undefined, { signal }).then(
    () => true,
    () => false,
  );
}

export function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/**
 * Runs one item's work, retrying transient failures: for handlers whose items each call the
 * outside world (an e-mail per statement). `attemptsSoFar` are the item's recorded attempts.
 * Undefined when the signal aborted before an outcome (the item stays pending).
 */
export async function outcomeWithRetries(
  work: () => Promise<ItemOutcome>,
  options: {
    policy: RetryPolicy;
    signal: AbortSignal;
    attemptsSoFar: number;
    onFailedAttempt: (error: unknown, attempt: number) => Promise<void>;
  },
): Promise<ItemOutcome | undefined> {
  for (let attempt = options.attemptsSoFar; ; attempt++) {
    if (options.signal.aborted) return undefined;
    try {
      return await work();
    } catch (error) {
      await options.onFailedAttempt(error, attempt + 1);
      if (isTransient(error) && attempt + 1 < options.policy.itemAttempts) {
        if (!(await waitBeforeRetry(attempt + 1, options.policy, options.signal))) return undefined;
        continue;
      }
      return { status: 'failed', code: codeOf(error), error: errorMessage(error) };
    }
  }
}
