/**
 * Errors the use cases raise on purpose. Each says what kind of failure it is (the use case's
 * words: not found, a conflict, refused input…) and carries a stable `code` and a message; it
 * knows nothing of HTTP. The HTTP error handler maps the kind to a status
 * (src/http/error-handler.ts), the CLI prints the message, and job handlers test the class.
 */

export type ErrorKind =
  /** The request is malformed or breaks a rule on its own (a weak password, an unknown field). */
  | 'invalid'
  /** Who is asking is not known (no or a wrong credential). */
  | 'unauthenticated'
  /** Who is asking may not do this. */
  | 'forbidden'
  | 'not_found'
  /** The record's state forbids it now (already sent, still running, changed meanwhile). */
  | 'conflict'
  /** Well formed, but nothing can be done with it (no activity, no recipient, an unknown tag). */
  | 'unprocessable'
  /** Too many attempts; `details.retryAfterSeconds` says when to try again. */
  | 'rate_limited'
  /** A service we depend on (the mail server) failed. */
  | 'upstream_failed';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string) =>
  new DomainError('not_found', 'not_found', `${what} ${id} not found`);

export const conflict = (message: string, code = 'conflict') => new DomainError('conflict', code, message);

export const badRequest = (message: string, details?: unknown) =>
  new DomainError('invalid', 'validation_error', message, details);

export const unprocessable = (code: string, message: string) =>
  new DomainError('unprocessable', code, message);

export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new DomainError('rate_limited', 'rate_limited', message, { retryAfterSeconds });

/** The record changed between reading and writing it; reading again and retrying may succeed. */
export class ConcurrentChangeError extends DomainError {
  constructor(message = 'the record changed meanwhile; reload and try again') {
    super('conflict', 'concurrent_change', message);
  }
}

/** The statement was already sent: sending it again would mail the owner twice. */
export class AlreadySentError extends DomainError {
  constructor(message: string) {
    super('conflict', 'already_sent', message);
  }
}

/** Only final statements are sent: this one is still a draft. */
export class NotFinalError extends DomainError {
  constructor(message = 'finalize the statement before sending it') {
    super('conflict', 'not_final', message);
  }
}

/**
 * An owner's combined e-mail waits (`not_ready`): some of their statements of the period are still
 * drafts, and an owner is never sent half of a period. `details.drafts` names them.
 */
export class OwnerNotReadyError extends DomainError {
  constructor(
    message: string,
    readonly drafts: ReadonlyArray<{ statementId: string; propertyId: string; propertyName: string | null }>,
  ) {
    super('conflict', 'not_ready', message, { drafts });
  }
}

/**
 * A statement's e-mail could not be sent (`mail_failed`). `transient`: the mail certainly did
 * not reach the server (src/notify/mail-errors.ts decides), so another automatic try cannot mail
 * the owner twice; the send-all job retries only those. The mailer's own error is the `cause`.
 */
export class MailFailedError extends DomainError {
  constructor(
    message: string,
    readonly transient: boolean,
    cause: unknown,
  ) {
    super('upstream_failed', 'mail_failed', message);
    this.cause = cause;
  }
}
