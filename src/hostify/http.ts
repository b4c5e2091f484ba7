/**
 * The transport: one GET → JSON, with the global limiter, a per-attempt timeout, retries (the
 * shared loop of src/lib/retry.ts; the budget is in src/lib/retry-budgets.ts), logging and the
 * mapping of failures to the error classes of errors.ts.
 *
 * The API key is only ever placed in the `x-api-key` header. Everything that could carry text
 * from elsewhere into an error or a log line (server error bodies, network error messages) goes
 * through `redact`, so even a server that echoes the key cannot leak it through us.
 */
import { retry } from '../lib/retry.js';
import {
  HostifyAuthError,
  HostifyError,
  HostifyRequestError,
  HostifyResponseError,
  HostifyUnavailableError,
} from './errors.js';
import type { HostifyLogger } from './logger.js';
import type { RateLimiter } from './rate-limiter.js';
import { isTransientStatus, parseRetryAfterMs } from './retry.js';

export interface HttpTransportOptions {
  baseUrl: string;
  apiKey: string;
  limiter: RateLimiter;
  logger: HostifyLogger;
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  random?: () => number;
}

export interface GetJsonRequest {
  /** Path below the base URL, e.g. `/reservations`. */
  path: string;
  query: URLSearchParams;
  /** Only for messages and logs. */
  page?: number;
}

export interface HttpTransport {
  getJson(request: GetJsonRequest): Promise<unknown>;
  /** HTTP requests actually sent (each retry counts). */
  readonly requestCount: number;
  /** Replaces every occurrence of the API key in `text`. */
  redact(text: string): string;
}

type Attempt =
  | { kind: 'response'; status: number; statusText: string; retryAfter: string | null; body: string }
  | { kind: 'timeout' }
  | { kind: 'network'; detail: string };

export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const base = options.baseUrl.replace(/\/+$/, '');
  const { apiKey, limiter, logger } = options;
  let requestCount = 0;

  const redact = (text: string): string => (apiKey === '' ? text : text.split(apiKey).join('[redacted]'));

  async function sendOnce(
    url: string,
    path: string,
    page: number | undefined,
    attempt: number,
  ): Promise<Attempt> {
    requestCount += 1;
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    try {
      const response = await fetch(url, {
        method: 'GET',
        headers: { 'x-api-key': apiKey, accept: 'application/json' },
        // One budget for the whole attempt, body included: a server that stalls mid-body is
        // as unavailable as one that never answers.
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const body = await response.text();
      logger.debug(
        { method: 'GET', path, page, status: response.status, ms: ms(), attempt },
        'hostify request',
      );
      return {
        kind: 'response',
        status: response.status,
        statusText: redact(response.statusText).slice(0, 100),
        retryAfter: response.headers.get('retry-after'),
        body,
      };
    } catch (error) {
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        logger.debug(
          { method: 'GET', path, page, status: null, ms: ms(), attempt, error: 'timeout' },
          'hostify request',
        );
        return { kind: 'timeout' };
      }
      const detail = redact(networkErrorDetail(error));
      logger.debug(
        { method: 'GET', path, page, status: null, ms: ms(), attempt, error: detail },
        'hostify request',
      );
      return { kind: 'network', detail };
    }
  }

  async function getJson({ path, query, page }: GetJsonRequest): Promise<unknown> {
    const qs = query.toString();
    const url = `${base}${path}${qs === '' ? '' : `?${qs}`}`;
    const request = `GET ${path}${page === undefined ? '' : ` (page ${page})`}`;
    let last = '';

    /** A 2xx is the answer; anything else becomes the error of errors.ts it stands for. */
    const attemptOnce = async (attempt: number): Promise<unknown> => {
      const result = await limiter.schedule(() => sendOnce(url, path, page, attempt));
      const details = { path, attempts: attempt };
      if (result.kind === 'response') {
        const { status } = result;
        if (status >= 200 && status < 300) return parseBody(result.body, request, path, status);
        if (status === 401 || status === 403) throw new HostifyAuthError(status, request, details);
        if (!isTransientStatus(status)) {
          const why = serverErrorText(result.body, redact);
          throw new HostifyRequestError(
            `Hostify refused ${request} with ${status}${why === '' ? '' : `: ${why}`}`,
            { ...details, status },
          );
        }
      }
      last = describeFailure(result, options.timeoutMs);
      const verb = result.kind === 'response' ? 'answered errors for' : 'could not be reached for';
      const retryAfterMs = result.kind === 'response' ? parseRetryAfterMs(result.retryAfter) : null;
      throw new HostifyUnavailableError(
        `Hostify ${verb} ${request} after ${attempt} attempts (last: ${last})`,
        {
          ...details,
          ...(result.kind === 'response' ? { status: result.status } : {}),
          ...(retryAfterMs === null ? {} : { retryAfterMs }),
        },
      );
    };

    return retry(attemptOnce, {
      attempts: options.maxRetries + 1,
      backoff: { baseMs: options.retryBaseMs, maxMs: options.retryMaxMs },
      // Only 429/408/5xx, timeouts and network errors; the other errors would come back the same.
      isRetryable: (error) => error instanceof HostifyUnavailableError,
      // Honour Retry-After: wait at least what the server asked for.
      retryAfterMs: (error) => (error instanceof HostifyError ? error.retryAfterMs : undefined),
      onRetry: ({ error, attempt, waitMs }) => {
        const status = error instanceof HostifyError ? (error.status ?? null) : null;
        logger.warn(
          { path, page, status, attempt, waitMs, reason: last },
          'hostify request failed; retrying',
        );
      },
      ...(options.random === undefined ? {} : { random: options.random }),
    });
  }

  function parseBody(body: string, request: string, path: string, status: number): unknown {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new HostifyResponseError(`Hostify sent a response that is not JSON for ${request}`, {
        path,
        status,
      });
    }
    if (isRecord(json) && json.success === false) {
      const why = typeof json.error === 'string' ? redact(json.error).slice(0, 200) : 'no reason given';
      throw new HostifyResponseError(`Hostify answered success:false for ${request}: ${why}`, {
        path,
        status,
      });
    }
    return json;
  }

  return {
    getJson,
    get requestCount() {
      return requestCount;
    },
    redact,
  };
}

function describeFailure(result: Attempt, timeoutMs: number): string {
  switch (result.kind) {
    case 'response':
      return `HTTP ${result.status}${result.statusText === '' ? '' : ` ${result.statusText}`}`;
    case 'timeout':
      return `no answer within ${timeoutMs} ms`;
    case 'network':
      return `network error: ${result.detail}`;
  }
}

/** Undici reports `TypeError: fetch failed` with the useful part (ECONNREFUSED, …) in `cause`. */
function networkErrorDetail(error: unknown): string {
  if (error instanceof Error) {
    const cause: unknown = error.cause;
    if (cause instanceof Error) {
      const code = (cause as Error & { code?: unknown }).code;
      return typeof code === 'string' ? code : cause.message.slice(0, 200);
    }
    return error.message.slice(0, 200);
  }
  return 'unknown error';
}

/** The `error` text of a `{success:false,error}` body, if the body is that; never raw HTML. */
function serverErrorText(body: string, redact: (text: string) => string): string {
  try {
    const json: unknown = JSON.parse(body);
    if (isRecord(json)) {
      const text = json.error ?? json.message;
      if (typeof text === 'string') return redact(text).slice(0, 200);
    }
  } catch {
    // Not JSON (a proxy's HTML page): the status says enough.
  }
  return '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
