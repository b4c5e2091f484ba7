/**
 * Retry policy helpers: which failures are worth repeating and how long to wait before the next
 * attempt. Pure functions so the policy is unit-tested without a network.
 */

/** 408/429 and every 5xx are the server (or a proxy) being busy or broken for now. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * `random(0, min(maxMs, baseMs · 2^retry))`. Full jitter spreads the retries of many concurrent
 * requests that failed together, so they do not hit Hostify again in one burst.
 * `retry` is 0 for the first retry.
 */
export function backoffDelayMs(
  retry: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** Longest Retry-After we obey; a server asking for more is treated as asking for this. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/**
 * Parses a `Retry-After` header (delta-seconds or an HTTP date) into milliseconds to wait, or
 * null when absent or unreadable.
 */
export function parseRetryAfterMs(
  value: string | null | undefined,
  nowMs: number = Date.now(),
): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(MAX_RETRY_AFTER_MS, Math.ceil(Number(text) * 1000));
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - nowMs));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
