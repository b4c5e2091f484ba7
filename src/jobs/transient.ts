/** Which failures are worth retrying: the same work may succeed a moment later. */
import { HostifyError } from '../hostify/errors.js';
import { JobFailure } from './job-handler.js';

const TRANSIENT_DB_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  '40001',
  '40P01',
  '57P01',
  'ECONNRESET',
  'ECONNREFUSED',
]);

export function isTransient(error: unknown): boolean {
  if (error instanceof HostifyError) return error.transient;
  if (error instanceof JobFailure) return error.transient;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_DB_CODES.has(code);
}

/** Exponential backoff with full jitter: a random wait in [0, min(max, base·2^attempt)]. */
export function backoffMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  return Math.round(random() * Math.min(maxMs, baseMs * 2 ** attempt));
}

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
