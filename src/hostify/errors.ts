/**
 * Errors the Hostify client raises. Callers branch on the class (or `code`) and on `transient`:
 * a transient error may succeed later (the job engine may retry the work item), the others will
 * not until something is fixed (the key, the request, Hostify's data).
 *
 * Messages name the request (`GET /reservations (page 2)`) but never the API key: the key travels
 * only in the `x-api-key` header, and any text that comes from the server is redacted before it
 * is put in a message (see `redact` in http.ts).
 */

export type HostifyErrorCode =
  | 'hostify_auth'
  | 'hostify_unavailable'
  | 'hostify_request'
  | 'hostify_response';

export interface HostifyErrorDetails {
  status?: number;
  /** The request path without query string, e.g. `/reservations`. */
  path?: string;
  /** How many HTTP attempts were made for the failing request. */
  attempts?: number;
  /** The wait the server asked for (its Retry-After), when it named one. */
  retryAfterMs?: number;
}

export class HostifyError extends Error {
  readonly code: HostifyErrorCode;
  readonly status?: number;
  readonly transient: boolean;
  readonly path?: string;
  readonly attempts?: number;
  readonly retryAfterMs?: number;

  constructor(
    code: HostifyErrorCode,
    message: string,
    transient: boolean,
    details: HostifyErrorDetails = {},
  ) {
    super(message);
    this.name = 'HostifyError';
    this.code = code;
    this.transient = transient;
    if (details.status !== undefined) this.status = details.status;
    if (details.path !== undefined) this.path = details.path;
    if (details.attempts !== undefined) this.attempts = details.attempts;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/** 401/403: the key is wrong or lacks rights. Never retried: repeating it cannot help. */
export class HostifyAuthError extends HostifyError {
  constructor(status: number, request: string, details: HostifyErrorDetails = {}) {
    super(
      'hostify_auth',
      `Hostify rejected the API key (${status}) for ${request}. Check HOSTIFY_API_KEY.`,
      false,
      { ...details, status },
    );
    this.name = 'HostifyAuthError';
  }
}

/** 429/5xx/timeouts/network errors that persisted through every retry. */
export class HostifyUnavailableError extends HostifyError {
  constructor(message: string, details: HostifyErrorDetails = {}) {
    super('hostify_unavailable', message, true, details);
    this.name = 'HostifyUnavailableError';
  }
}

/** Any other 4xx: our request is wrong (bad filter, unknown path); retrying would not change it. */
export class HostifyRequestError extends HostifyError {
  constructor(message: string, details: HostifyErrorDetails = {}) {
    super('hostify_request', message, false, details);
    this.name = 'HostifyRequestError';
  }
}

/** A 2xx response whose body is not what DESIGN.md §4 describes (not JSON, a bad field, …). */
export class HostifyResponseError extends HostifyError {
  constructor(message: string, details: HostifyErrorDetails = {}) {
    super('hostify_response', message, false, details);
    this.name = 'HostifyResponseError';
  }
}
