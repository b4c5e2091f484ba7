/**
 * How the job lifecycle retries transient failures (429, 5xx, timeouts, a busy store): through
 * the shared loop of src/lib/retry.ts, a bounded number of times, then the work is an error. The
 * default numbers are the `jobPlan` and `jobItem` budgets of src/lib/retry-budgets.ts; compose's
 * `jobRetry` overrides them.
 */
import { type Backoff, RetryAbortedError, retry } from '../lib/retry.js';
import { BUDGETS } from '../lib/retry-budgets.js';
import type { ItemOutcome } from '../model/jobs.js';
import { errorMessage, isTransient } from './transient.js';

export interface RetryPolicy {
  /** Attempts per item (or batch) before it is recorded as an error. */
  itemAttempts: number;
  /** Attempts at planning before a transient failure fails the job. */
  planAttempts: number;
  /** Ceiling of the wait before the first retry (it doubles for each further one). */
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  itemAttempts: BUDGETS.jobItem.attempts,
  planAttempts: BUDGETS.jobPlan.attempts,
  baseMs: BUDGETS.jobItem.baseMs,
  maxMs: BUDGETS.jobItem.maxMs,
};

export const backoffOf = (policy: RetryPolicy): Backoff => ({ baseMs: policy.baseMs, maxMs: policy.maxMs });

export function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/**
 * Runs one item's work, retrying transient failures: for handlers whose items each call the
 * outside world (an e-mail per statement). `attemptsSoFar` are the item's recorded attempts.
 * Undefined when the signal aborted before an outcome (the item stays pending). A failure is an
 * outcome even when the signal aborted meanwhile: `work` ignores the signal, so the failure is
 * real (an e-mail that may have gone out must be reported, not run again).
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
  try {
    return await retry(work, {
      attempts: options.policy.itemAttempts,
      backoff: backoffOf(options.policy),
      spent: options.attemptsSoFar,
      isRetryable: isTransient,
      onFailure: options.onFailedAttempt,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof RetryAbortedError) return undefined;
    return { status: 'failed', code: codeOf(error), error: errorMessage(error) };
  }
}
