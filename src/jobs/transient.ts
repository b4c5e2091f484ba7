/** Which failures are worth retrying: the same work may succeed a moment later. */
import { HostifyError } from '../hostify/errors.js';
import { JobFailure } from './job-handler.js';

const TRANSIENT_DB_CODES = new Set([
  // SQLite (better-sqlite3 reports extended codes too)
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_RECOVERY',
  'SQLITE_BUSY_TIMEOUT',
  'SQLITE_LOCKED',
  'SQLITE_LOCKED_SHAREDCACHE',
  // PostgreSQL: serialization failure, deadlock, shutting down / starting up, connection
  // failures, too many connections
  '40001',
  '40P01',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
  '53300',
  // the network
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
]);

/** node-postgres reports a dropped connection without a code. */
const TRANSIENT_DB_MESSAGES =
  /Connection terminated|connection timeout|Client has encountered a connection error/i;

export function isTransient(error: unknown): boolean {
  if (error instanceof HostifyError) return error.transient;
  if (error instanceof JobFailure) return error.transient;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return TRANSIENT_DB_CODES.has(code);
  return error instanceof Error && TRANSIENT_DB_MESSAGES.test(error.message);
}

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
