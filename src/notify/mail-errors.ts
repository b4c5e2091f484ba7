/**
 * Which mail failures are worth another try: the server could not be reached, or it answered
 * with a 4xx ("try again later": greylisting, a full queue). A 5xx answer (unknown mailbox,
 * refused message) fails the same way every time.
 */
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
]);

export function isTransientMailError(error: unknown): boolean {
  const e = error as { code?: unknown; responseCode?: unknown } | null;
  if (typeof e?.responseCode === 'number') return e.responseCode >= 400 && e.responseCode < 500;
  return typeof e?.code === 'string' && TRANSIENT_CODES.has(e.code);
}
