/**
 * Errors the services raise on purpose. Each carries an HTTP status and a stable `code`, so the
 * HTTP layer maps them without knowing the use case, and job handlers can record the code.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: string) =>
  new AppError(404, 'not_found', `${what} ${id} not found`);

export const conflict = (message: string, code = 'conflict') => new AppError(409, code, message);

export const badRequest = (message: string, details?: unknown) =>
  new AppError(400, 'validation_error', message, details);

/**
 * A statement's e-mail could not be sent (502 `mail_failed`). `transient`: the mail certainly did
 * not reach the server (src/notify/mail-errors.ts decides), so another automatic try cannot mail
 * the owner twice; the send-all job retries only those. The mailer's own error is the `cause`.
 */
export class MailFailedError extends AppError {
  constructor(
    message: string,
    readonly transient: boolean,
    cause: unknown,
  ) {
    super(502, 'mail_failed', message);
    this.cause = cause;
  }
}
