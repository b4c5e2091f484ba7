/**
 * The port of the shared Hostify rate window: a count, kept in a store every process of the
 * installation reaches (Redis or PostgreSQL), of the requests started in the last window. The
 * shared limiter (shared-rate-limiter.ts) asks it before each request; the stores only count.
 */
import { createHash } from 'node:crypto';

export type RateWindowAnswer =
  /** A start was recorded; the caller may send its request now. */
  | { acquired: true }
  /** The window is full; by the store's clock, a slot frees in about `retryInMs`. */
  | { acquired: false; retryInMs: number };

export interface RateWindowLimit {
  /** At most this many starts … */
  max: number;
  /** … in any window of this many milliseconds (sliding, measured on the store's clock). */
  windowMs: number;
}

export interface SharedRateWindow {
  /** `Redis` or `PostgreSQL`, for logs. */
  readonly label: string;
  /** Records one start if the window has room, atomically for every process sharing the store. */
  tryAcquire(limit: RateWindowLimit): Promise<RateWindowAnswer>;
  /** Releases what the window owns (its connection; never the application's database). */
  close(): Promise<void>;
}

/**
 * The name of one installation's window for one Hostify account: the installation's namespace
 * (JOB_QUEUE_PREFIX) and a hash of the API key. Hostify throttles per key, so installations
 * sharing a key share nothing else, and the key itself never reaches the store or a log.
 */
export function rateWindowKey(namespace: string, apiKey: string): string {
  const digest = createHash('sha256').update(apiKey).digest('hex').slice(0, 24);
  return `${namespace}:hostify-rate:${digest}`;
}
