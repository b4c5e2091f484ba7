/**
 * Every retry budget of the service in one place, multiplied out. Why: retries nest — the Hostify
 * transport retries a request, and job planning retries the plan that made it — so a Hostify 503
 * during planning was sent up to 6 × 3 = 18 times, and that was written nowhere.
 *
 * The layers take their default numbers from here (createHostifyClient, the job lifecycle, the
 * BullMQ engine and scheduler). Overrides replace one layer's number — createHostifyClient's
 * `maxRetries` (attempts = maxRetries + 1), `retryBaseMs`, `retryMaxMs`, `timeoutMs`
 * (HOSTIFY_TIMEOUT_MS); compose's `jobRetry` ({ itemAttempts, planAttempts, baseMs, maxMs }) —
 * and `failureBudgets(…)` gives the products with the replaced numbers.
 *
 * With the defaults:
 *
 *   failure                                    retried by (attempts)            worst case
 *   Hostify 5xx/408, timeout, network error
 *     in a request (single generation, sync)   HTTP 6                           6 sends
 *     in job planning                          HTTP 6 × plan 3                  18 sends of that request, job fails
 *   Hostify 429: as above, each wait ≥ its Retry-After (capped at 5 min), except
 *     in job planning on a BullMQ engine       HTTP 6, then the plan queue      unbounded: 6 sends per plan run until
 *                                              pauses 15 s and plans again      Hostify lets up or the job is cancelled
 *   Hostify 401/403, other 4xx, bad 2xx body   never                            1 send; planning fails the job at once
 *   job batch, transient (store busy, …)       item 4 (per item, persisted)     4 runs, then its items are errors
 *   e-mail that certainly sent nothing         item 4 (per statement)           4 SMTP sends, then the item is an error
 *   e-mail that may have gone out              never                            1 send, reported for a person
 *   queue work interrupted (store outage,      BullMQ 10 (1 s doubling,         10 deliveries, each with the budgets
 *     stopping worker; BullMQ engines)         no jitter)                       above (plan attempts restart at 1)
 *   schedule tick that fails (BullMQ)          BullMQ 8 (5 s doubling)          8 tries of the tick
 *
 * Items never call Hostify (only planning and synchronous requests do), so no Hostify failure is
 * multiplied by the item budget. Waits: before HTTP retry n, random(0, min(10 s, 250 ms·2^(n−1)));
 * before plan or item retry n, random(0, min(15 s, 1 s·2^(n−1))).
 */
import type { Backoff } from './retry.js';

/** One layer's budget: attempts in all (the first included) and the backoff between them. */
export interface Budget extends Backoff {
  attempts: number;
}

/** Job planning and job items share one backoff (compose's `jobRetry.baseMs` / `maxMs`). */
const JOB_BACKOFF = { baseMs: 1000, maxMs: 15_000 } as const;

export const BUDGETS = {
  /** Per Hostify request (http.ts): 429, 408, 5xx, timeouts and network errors. */
  hostifyRequest: { attempts: 6, baseMs: 250, maxMs: 10_000 },
  /** Per plan run of a job (lifecycle.plan): transient errors, Hostify's included. */
  jobPlan: { attempts: 3, ...JOB_BACKOFF },
  /** Per item, counted in the store so a restart does not reset it (lifecycle.runItems, outcomeWithRetries). */
  jobItem: { attempts: 4, ...JOB_BACKOFF },
  /** BullMQ's redelivery of queue work that threw (an interrupted plan or batch); exponential, no jitter. */
  queueRedelivery: { attempts: 10, baseMs: 1000, maxMs: Number.POSITIVE_INFINITY, jitter: 'none' },
  /** BullMQ's redelivery of a schedule tick that failed (the period claim makes a second try safe). */
  scheduleTick: { attempts: 8, baseMs: 5000, maxMs: Number.POSITIVE_INFINITY, jitter: 'none' },
} as const satisfies Record<string, Budget>;

/** Per Hostify attempt, body included (HOSTIFY_TIMEOUT_MS). */
export const HOSTIFY_TIMEOUT_MS = 15_000;
/** Longest Retry-After obeyed; a server asking for more is treated as asking for this. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;
/** How long the BullMQ plan queue pauses, on every worker, when Hostify keeps answering 429. */
export const PLAN_RATE_LIMIT_PAUSE_MS = 15_000;

/** The most the backoff can add to a layer's work: the ceilings of its retries, summed. */
export function maxTotalWaitMs(budget: Budget): number {
  let total = 0;
  for (let retry = 1; retry < budget.attempts; retry++)
    total += Math.min(budget.maxMs, budget.baseMs * 2 ** (retry - 1));
  return total;
}

export interface FailureBudget {
  /** What fails, and where. */
  failure: string;
  /** The layers that retry it, innermost first, with their attempts. */
  layers: ReadonlyArray<{ layer: string; attempts: number }>;
  /** The most times one operation is sent or run: the product of the layers; null = unbounded. */
  worstCase: number | null;
  unit: 'HTTP requests' | 'batch runs' | 'SMTP sends' | 'deliveries';
  note?: string;
}

/** The attempts of the layers that multiply; the defaults unless a layer is configured otherwise. */
export interface LayerAttempts {
  hostifyRequest: number;
  jobPlan: number;
  jobItem: number;
}

const DEFAULT_ATTEMPTS: LayerAttempts = {
  hostifyRequest: BUDGETS.hostifyRequest.attempts,
  jobPlan: BUDGETS.jobPlan.attempts,
  jobItem: BUDGETS.jobItem.attempts,
};

const budget = (
  failure: string,
  unit: FailureBudget['unit'],
  layers: FailureBudget['layers'],
  note?: string,
): FailureBudget => ({
  failure,
  layers,
  worstCase: layers.reduce((n, l) => n * l.attempts, 1),
  unit,
  ...(note === undefined ? {} : { note }),
});

/** The table of the header, computed from the layers' attempts. */
export function failureBudgets(attempts: Partial<LayerAttempts> = {}) {
  const a = { ...DEFAULT_ATTEMPTS, ...attempts };
  const http = { layer: 'Hostify HTTP', attempts: a.hostifyRequest };
  const plan = { layer: 'job planning', attempts: a.jobPlan };
  const item = { layer: 'job item', attempts: a.jobItem };
  return {
    hostifyUnavailableInRequest: budget(
      'Hostify 5xx/408, timeout or network error in a request',
      'HTTP requests',
      [http],
    ),
    hostifyUnavailableInPlanning: budget(
      'Hostify 5xx/408, timeout or network error while planning a job',
      'HTTP requests',
      [http, plan],
    ),
    hostifyRateLimitedInRequest: budget(
      'Hostify 429 in a request',
      'HTTP requests',
      [http],
      'each wait is at least the Retry-After',
    ),
    hostifyRateLimitedInPlanning: budget(
      'Hostify 429 while planning a job (embedded engine)',
      'HTTP requests',
      [http, plan],
      'each wait is at least the Retry-After',
    ),
    hostifyRateLimitedInPlanningBullMq: {
      failure: 'Hostify 429 while planning a job (BullMQ engines)',
      layers: [http, { layer: 'plan queue pause', attempts: Number.POSITIVE_INFINITY }],
      worstCase: null,
      unit: 'HTTP requests',
      note: `the plan queue pauses ${PLAN_RATE_LIMIT_PAUSE_MS} ms and plans again, until Hostify lets up or the job is cancelled`,
    },
    hostifyRefused: budget(
      'Hostify 401/403, another 4xx, or a 2xx body that is not as documented',
      'HTTP requests',
      [],
      'never retried; planning fails the job at once',
    ),
    jobBatchTransient: budget('a transient error in a job batch (store busy, …)', 'batch runs', [item]),
    mailCertainlyNotSent: budget('an e-mail the server certainly did not take', 'SMTP sends', [item]),
    mailMaybeSent: budget(
      'an e-mail that may have gone out',
      'SMTP sends',
      [],
      'never retried: a person decides',
    ),
    queueWorkInterrupted: budget('queue work interrupted (store outage, stopping worker)', 'deliveries', [
      { layer: 'BullMQ redelivery', attempts: BUDGETS.queueRedelivery.attempts },
    ]),
    scheduleTickFailed: budget('a schedule tick that fails (BullMQ scheduler)', 'deliveries', [
      { layer: 'BullMQ redelivery', attempts: BUDGETS.scheduleTick.attempts },
    ]),
  } satisfies Record<string, FailureBudget>;
}
