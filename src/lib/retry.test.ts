/**
 * The shared retry loop: backoff growth and cap, jitter, Retry-After as a minimum wait, stops on
 * a non-retryable error, on a spent budget and on an abort. Waits go through an injected sleep
 * that records them (and returns at once), except where the real timer's abort is the point.
 */
import { describe, expect, it } from 'vitest';
import { backoffMs, RetryAbortedError, type RetryOptions, retry, type Sleep } from './retry.js';
import { BUDGETS, failureBudgets, maxTotalWaitMs } from './retry-budgets.js';

const top = () => 0.999999;

/** A sleep that records each wait and returns at once. */
function recordingSleep(): { sleep: Sleep; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

/** Work that fails with `errors` in turn, then resolves with the attempt number. */
function failing(errors: unknown[]): { work: (attempt: number) => Promise<number>; attempts: number[] } {
  const attempts: number[] = [];
  return {
    attempts,
    work: async (attempt) => {
      attempts.push(attempt);
      const error = errors.shift();
      if (error !== undefined) throw error;
      return attempt;
    },
  };
}

const fail = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail('expected a rejection'),
    (e: unknown) => e,
  );

describe('backoffMs', () => {
  it('doubles the ceiling from baseMs for each retry, up to maxMs', () => {
    const b = { baseMs: 250, maxMs: 10_000, jitter: 'none' } as const;
    expect([1, 2, 3, 4, 5, 6, 7, 20, 2000].map((n) => backoffMs(n, b))).toEqual([
      250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000,
    ]);
  });

  it('with full jitter, waits a random part of that ceiling', () => {
    const b = { baseMs: 250, maxMs: 10_000 };
    expect(backoffMs(1, b, top)).toBe(249);
    expect(backoffMs(4, b, top)).toBe(1999);
    expect(backoffMs(11, b, top)).toBe(9999);
    expect(backoffMs(4, b, () => 0)).toBe(0);
    expect(backoffMs(3, b, () => 0.5)).toBe(500);
  });
});

describe('retry', () => {
  const base = (sleep: Sleep): RetryOptions => ({
    attempts: 4,
    backoff: { baseMs: 100, maxMs: 1000, jitter: 'none' },
    sleep,
  });

  it('retries until the work succeeds, waiting the growing backoff in between', async () => {
    const { sleep, waits } = recordingSleep();
    const { work, attempts } = failing([new Error('a'), new Error('b')]);
    expect(await retry(work, base(sleep))).toBe(3);
    expect(attempts).toEqual([1, 2, 3]);
    expect(waits).toEqual([100, 200]);
  });

  it('rethrows the last error when the attempts are spent, after attempts − 1 waits', async () => {
    const { sleep, waits } = recordingSleep();
    const errors = [1, 2, 3, 4, 5].map((n) => new Error(`e${n}`));
    const { work, attempts } = failing([...errors]);
    const failures: number[] = [];
    const options = { ...base(sleep), onFailure: (_e: unknown, n: number) => void failures.push(n) };
    expect(await fail(retry(work, options))).toBe(errors[3]);
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(failures).toEqual([1, 2, 3, 4]);
    expect(waits).toEqual([100, 200, 400]);
  });

  it('stops at once on an error that is not retryable', async () => {
    const { sleep, waits } = recordingSleep();
    const refused = new Error('refused');
    const { work, attempts } = failing([refused]);
    const options = { ...base(sleep), isRetryable: (e: unknown) => e !== refused };
    expect(await fail(retry(work, options))).toBe(refused);
    expect(attempts).toEqual([1]);
    expect(waits).toEqual([]);
  });

  it('waits at least what the failure asks for (Retry-After), and the backoff when that is longer', async () => {
    const { sleep, waits } = recordingSleep();
    const asked = new Map<unknown, number>();
    const slow = new Error('429, retry after 5 s');
    const quick = new Error('429, retry after 0 s');
    asked.set(slow, 5000).set(quick, 0);
    const { work } = failing([slow, quick, new Error('503')]);
    await retry(work, { ...base(sleep), retryAfterMs: (e) => asked.get(e) });
    expect(waits).toEqual([5000, 200, 400]);
  });

  it('continues a budget already partly spent, and always runs one attempt', async () => {
    const { sleep, waits } = recordingSleep();
    const { work, attempts } = failing([new Error('a'), new Error('b')]);
    await expect(retry(work, { ...base(sleep), spent: 2 })).rejects.toThrow('b');
    expect(attempts).toEqual([3, 4]);
    expect(waits).toEqual([400]);

    const spent = failing([new Error('c')]);
    await expect(retry(spent.work, { ...base(sleep), spent: 9 })).rejects.toThrow('c');
    expect(spent.attempts).toEqual([10]);
  });

  it('reports each retry before its wait', async () => {
    const { sleep } = recordingSleep();
    const seen: Array<{ attempt: number; waitMs: number }> = [];
    const { work } = failing([new Error('a')]);
    await retry(work, {
      ...base(sleep),
      onRetry: ({ attempt, waitMs }) => void seen.push({ attempt, waitMs }),
    });
    expect(seen).toEqual([{ attempt: 1, waitMs: 100 }]);
  });

  it('runs nothing when the signal aborted before the first attempt', async () => {
    const controller = new AbortController();
    controller.abort();
    const { work, attempts } = failing([]);
    const error = await fail(
      retry(work, { attempts: 3, backoff: { baseMs: 1, maxMs: 1 }, signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(RetryAbortedError);
    expect(attempts).toEqual([]);
  });

  it('stops waiting when the signal aborts (real timer)', async () => {
    const controller = new AbortController();
    const { work, attempts } = failing([new Error('503'), new Error('503')]);
    const started = performance.now();
    const running = retry(work, {
      attempts: 3,
      // A minute's wait: only the abort can end it within the test's time.
      backoff: { baseMs: 60_000, maxMs: 60_000, jitter: 'none' },
      signal: controller.signal,
      onRetry: () => controller.abort(),
    });
    expect(await fail(running)).toBeInstanceOf(RetryAbortedError);
    expect(attempts).toEqual([1]);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('the budget table', () => {
  it('multiplies the layers that nest, with the defaults or configured attempts', () => {
    const table = failureBudgets();
    expect(table.hostifyUnavailableInRequest.worstCase).toBe(BUDGETS.hostifyRequest.attempts);
    expect(table.hostifyUnavailableInPlanning.worstCase).toBe(
      BUDGETS.hostifyRequest.attempts * BUDGETS.jobPlan.attempts,
    );
    expect(table.hostifyUnavailableInPlanning.worstCase).toBe(18);
    expect(table.hostifyRateLimitedInPlanningBullMq.worstCase).toBeNull();
    expect(table.hostifyRefused.worstCase).toBe(1);
    expect(table.mailCertainlyNotSent.worstCase).toBe(BUDGETS.jobItem.attempts);
    expect(failureBudgets({ hostifyRequest: 3, jobPlan: 2 }).hostifyUnavailableInPlanning.worstCase).toBe(6);
  });

  it('sums the ceilings of a layer’s waits', () => {
    // 250 + 500 + 1000 + 2000 + 4000 before the 2nd … 6th HTTP attempt.
    expect(maxTotalWaitMs(BUDGETS.hostifyRequest)).toBe(7750);
    expect(maxTotalWaitMs({ attempts: 5, baseMs: 1000, maxMs: 3000 })).toBe(1000 + 2000 + 3000 + 3000);
    expect(maxTotalWaitMs({ attempts: 1, baseMs: 1000, maxMs: 3000 })).toBe(0);
  });
});
