/**
 * The Hostify limiter of the distributed engines: HOSTIFY_MAX_RPS holds for the whole
 * installation, because every request start is counted in a window all processes share (Redis
 * or PostgreSQL, rate-window.ts). Hostify's reference documents no rate limit (its Errors section
 * lists 400/401/403/404/405/500/503 and no 429; agame41-debug/propertx,
 * docs/reference/hostify/HOSTIFY_DOCS_COMBINED.md), but in practice it answers 429 when many
 * calls run in parallel (DESIGN.md §4), presumably counting per API key — so N processes each
 * allowed HOSTIFY_MAX_RPS would be N × too many.
 *
 * In front of the shared window sits the process's own limit, as in rate-limiter.ts: at most
 * HOSTIFY_MAX_CONCURRENCY requests in flight **per process** (concurrency is not shared: a shared
 * semaphore would need leases that outlive crashed holders and a wake-up on release; the shared
 * rate already bounds what all processes start) and at most HOSTIFY_MAX_RPS starts per second
 * per process, so a process alone never exceeds the limit, also while the store is away.
 *
 * Order: one loop per process takes the queue's head, waits for a concurrency slot and the local
 * window, then asks the store; when the store says "full, a slot frees in n ms", the loop sleeps
 * those n ms and asks again (no polling interval of its own). So calls start in FIFO order within
 * a process; across processes, whoever asks first after a slot frees gets it.
 *
 * Store unreachable (error or no answer in `storeTimeoutMs`): the call goes on under the local
 * limit alone, and the store is not asked again for `storeRetryMs`, so an outage costs one
 * failed ask (at most `storeTimeoutMs`) per `storeRetryMs`, not a delay per call. Hostify then sees up to N × HOSTIFY_MAX_RPS from N processes, never an unlimited
 * burst; a warning says so, at most once per `warnEveryMs`, with the number of calls affected.
 */

import { CallQueue } from './call-queue.js';
import type { HostifyLogger } from './logger.js';
import type { RateLimiter } from './rate-limiter.js';
import type { SharedRateWindow } from './rate-window.js';

const SECOND_MS = 1000;

export interface SharedRateLimiterOptions {
  window: SharedRateWindow;
  /** Requests in flight at once in this process. */
  maxConcurrency: number;
  /** Request starts per second in the whole installation (and in this process). */
  maxRps: number;
  logger: HostifyLogger;
  /**
   * Both windows (shared and local) are this much longer than a second. The store stamps a
   * start before the request leaves (a round trip, more when the process is short of CPU or
   * opens a connection) and Hostify sees each request after its own network delay; when one
   * request lags more than a later one, their gap as Hostify sees it shrinks. The margin keeps
   * that from letting maxRps + 1 into some second as Hostify counts it (measured on a loaded
   * 2-core test machine: lags up to ~90 ms). Default 100 (at most 9 % of the rate).
   */
  guardMs?: number;
  /** A store answer slower than this counts as the store being away. Default 1000. */
  storeTimeoutMs?: number;
  /** After a store failure, calls use the local limit only for this long. Default 5000. */
  storeRetryMs?: number;
  /** At most one fallback warning per this. Default 60000. */
  warnEveryMs?: number;
  /** Clock in ms for the local window and the pauses; default performance.now. */
  now?: () => number;
}

export interface SharedRateLimiter extends RateLimiter {
  /** Closes the window's connection; calls scheduled later use the local limit only. */
  close(): Promise<void>;
}

type StoreAnswer = 'granted' | 'unavailable' | { waitMs: number };

export function createSharedRateLimiter(options: SharedRateLimiterOptions): SharedRateLimiter {
  const { window, maxConcurrency, maxRps, logger } = options;
  if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1)
    throw new RangeError(`maxConcurrency must be an integer ≥ 1, got ${maxConcurrency}`);
  if (!Number.isInteger(maxRps) || maxRps < 1)
    throw new RangeError(`maxRps must be an integer ≥ 1, got ${maxRps}`);
  const now = options.now ?? (() => performance.now());
  const windowMs = SECOND_MS + (options.guardMs ?? 100);
  const sharedLimit = { max: maxRps, windowMs };
  const storeTimeoutMs = options.storeTimeoutMs ?? 1000;
  const storeRetryMs = options.storeRetryMs ?? 5000;
  const warnEveryMs = options.warnEveryMs ?? 60_000;

  const queue = new CallQueue();
  let inFlight = 0;
  const localStarts: number[] = []; // this process's starts in the last window, oldest first
  let pumping = false;
  let closed = false;
  let storeDownUntil = 0;
  let warnedOutage = false;
  let lastWarn = Number.NEGATIVE_INFINITY;
  let fallbacksSinceWarn = 0;

  function localWaitMs(): number {
    const t = now();
    while (localStarts.length > 0 && (localStarts[0] ?? t) <= t - windowMs) localStarts.shift();
    return localStarts.length < maxRps ? 0 : Math.max(1, (localStarts[0] ?? t) + windowMs - t);
  }

  function noteFallback(error: unknown): void {
    fallbacksSinceWarn += 1;
    const t = now();
    if (t - lastWarn < warnEveryMs) return;
    lastWarn = t;
    warnedOutage = true;
    logger.warn(
      {
        store: window.label,
        err: (error instanceof Error ? error.message : String(error)).slice(0, 200),
        calls: fallbacksSinceWarn,
        retryStoreInMs: storeRetryMs,
      },
      `Hostify rate limit: the shared ${window.label} window is unreachable; calls go on under this process's own limit (HOSTIFY_MAX_RPS per process) until it is back`,
    );
    fallbacksSinceWarn = 0;
  }

  async function askStore(): Promise<StoreAnswer> {
    if (closed || now() < storeDownUntil) {
      if (!closed) fallbacksSinceWarn += 1;
      return 'unavailable';
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const answer = await Promise.race([
        window.tryAcquire(sharedLimit),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${storeTimeoutMs} ms`)),
            storeTimeoutMs,
          );
        }),
      ]);
      if (warnedOutage) {
        // Said once per warning, so a flapping store logs no more often than warnEveryMs.
        warnedOutage = false;
        (logger.info ?? logger.warn).call(
          logger,
          { store: window.label, calls: fallbacksSinceWarn },
          `Hostify rate limit: the shared ${window.label} window is reachable again`,
        );
        fallbacksSinceWarn = 0;
      }
      if (answer.acquired) return 'granted';
      return { waitMs: Math.min(sharedLimit.windowMs, Math.max(1, Math.ceil(answer.retryInMs))) };
    } catch (error) {
      storeDownUntil = now() + storeRetryMs;
      noteFallback(error);
      return 'unavailable';
    } finally {
      clearTimeout(timer);
    }
  }

  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  /** The one loop of this process: starts queued calls while slots, local and shared room allow. */
  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.size > 0 && inFlight < maxConcurrency) {
        const localWait = localWaitMs();
        if (localWait > 0) {
          await sleep(localWait);
          continue;
        }
        const answer = await askStore();
        if (typeof answer === 'object') {
          await sleep(answer.waitMs);
          continue;
        }
        localStarts.push(now());
        inFlight += 1;
        queue.startNext();
      }
    } finally {
      pumping = false;
    }
  }

  const kick = () => {
    pump().catch((error: unknown) => {
      // Not expected (askStore catches the store's failures); keep the queue moving regardless.
      logger.warn({ err: String(error) }, 'Hostify rate limiter loop failed');
    });
  };

  return {
    schedule<T>(fn: () => Promise<T>): Promise<T> {
      const call = queue.enqueue(fn, () => {
        inFlight -= 1;
        kick();
      });
      kick();
      return call;
    },
    async close(): Promise<void> {
      closed = true;
      await window.close();
    },
  };
}
