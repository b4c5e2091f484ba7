/**
 * Which mail failures are worth another automatic try. Only those where the message certainly
 * did not reach the server: it answered with a 4xx ("try again later": greylisting, a full
 * queue — the message was refused, so sending again cannot duplicate it), or the connection was
 * never made. A connection lost or timed out later is ambiguous (the server may have accepted
 * the message before the reply was lost): that is reported, and a person decides to send again.
 * A 5xx answer (unknown mailbox, refused message) fails the same way every time.
 */
const NEVER_CONNECTED = [
  /\bconnect ECONNREFUSED\b/,
  /\bgetaddrinfo\b/,
  /^Connection timeout\b/,
  /^Greeting never received\b/,
];

export function isTransientMailError(error: unknown): boolean {
  const e = error as { code?: unknown; responseCode?: unknown; message?: unknown } | null;
  if (typeof e?.responseCode === 'number') return e.responseCode >= 400 && e.responseCode < 500;
  if (e?.code === 'EDNS') return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return (
    (e?.code === 'ESOCKET' || e?.code === 'ECONNECTION' || e?.code === 'ETIMEDOUT') &&
    NEVER_CONNECTED.some((pattern) => pattern.test(message))
  );
}
