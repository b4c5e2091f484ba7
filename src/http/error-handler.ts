/**
 * One error format for every route: `{ error: { code, message, details? } }`. Expected errors
 * (a use case's DomainError, the HTTP layer's own refusals, validation, Hostify trouble) keep their message; anything else is a 500 whose
 * message leaks nothing about internals.
 */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HostifyError } from '../hostify/errors.js';
import { DomainError, type ErrorKind } from '../services/errors.js';
import { HttpError } from './http-error.js';

interface Reply {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

function hostifyReply(error: HostifyError): Reply {
  if (error.code === 'hostify_auth') {
    return { status: 502, code: 'hostify_auth_failed', message: error.message };
  }
  if (error.transient || error.code === 'hostify_unavailable') {
    return { status: 503, code: 'hostify_unavailable', message: error.message };
  }
  return { status: 502, code: 'hostify_error', message: error.message };
}

/** The status of each kind of use-case failure: the one place the use cases meet HTTP. */
const STATUS_OF: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  upstream_failed: 502,
};

function describe(error: FastifyError | Error): Reply {
  if (error instanceof DomainError) {
    return {
      status: STATUS_OF[error.kind],
      code: error.code,
      message: error.message,
      details: error.details,
    };
  }
  if (error instanceof HttpError) {
    return { status: error.status, code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof HostifyError) return hostifyReply(error);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: `${error.validationContext ?? ''}${v.instancePath.replace(/\//g, '.')}`.replace(/^body\./, ''),
      message: v.message ?? 'invalid',
    }));
    const first = issues[0];
    return {
      status: 400,
      code: 'validation_error',
      message: first ? `${first.path || 'request'}: ${first.message}` : 'invalid request',
      details: issues,
    };
  }
  const fe = error as FastifyError;
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code =
      fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
        ? 'invalid_json'
        : fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? 'payload_too_large'
          : fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? 'unsupported_media_type'
            : 'bad_request';
    return { status, code, message: error.message };
  }
  return {
    status: 500,
    code: 'internal_error',
    message: 'Something went wrong on our side; it has been logged.',
  };
}

/**
 * Errors the router raises before any route runs (FST_ERR_BAD_URL: a malformed percent-encoding),
 * in the one error format.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 400;
  const code = error.code === 'FST_ERR_BAD_URL' ? 'bad_url' : 'bad_request';
  request.log.info({ code, status }, error.message);
  void reply
    .status(status)
    .header('cache-control', 'no-store')
    .send({
      error: { code, message: error.code === 'FST_ERR_BAD_URL' ? 'the URL is not valid' : error.message },
    });
}

const CLIENT_ERRORS: Record<string, { status: number; reason: string; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'headers_too_large',
    message: 'the request headers are too large',
  },
  HPE_URI_TOO_LONG: {
    status: 414,
    reason: 'URI Too Long',
    code: 'uri_too_long',
    message: 'the URL is too long',
  },
};

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (431 headers too large, 414, bad
 * requests): answered on the socket in the one error format, then the connection is closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return;
  const known = CLIENT_ERRORS[error.code ?? ''] ?? {
    status: 400,
    reason: 'Bad Request',
    code: 'bad_request',
    message: 'the request could not be read',
  };
  const body = JSON.stringify({ error: { code: known.code, message: known.message } });
  socket.end(
    `HTTP/1.1 ${known.status} ${known.reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const r = describe(error);
    if (r.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: r.code, status: r.status }, r.message);
    const retryAfter = (r.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (r.status === 429 && typeof retryAfter === 'number')
      void reply.header('retry-after', String(retryAfter));
    const body: { error: Record<string, unknown> } = { error: { code: r.code, message: r.message } };
    if (r.details !== undefined) body.error.details = r.details;
    return reply.status(r.status).send(body);
  });
}
