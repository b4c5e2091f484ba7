/**
 * What the Hostify transport needs on top of the shared retry loop (src/lib/retry.ts): which HTTP
 * statuses are worth repeating, and how long a `Retry-After` asks us to wait. Pure functions, so
 * the policy is unit-tested without a network; the budget itself is in src/lib/retry-budgets.ts.
 */
import { MAX_RETRY_AFTER_MS } from '../lib/retry-budgets.js';

/** 408/429 and every 5xx are the server (or a proxy) being busy or broken for now. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * Parses a `Retry-After` header (delta-seconds or an HTTP date) into milliseconds to wait, at
 * most MAX_RETRY_AFTER_MS, or null when absent or unreadable.
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
