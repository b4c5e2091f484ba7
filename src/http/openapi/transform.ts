/**
 * The route → OpenAPI transform: fastify-type-provider-zod's (zod schemas → JSON Schema), then
 * what every route shares, in one place rather than in each route:
 *
 * - the 401 and 403 every signed-in route can answer (the auth hooks answer them before any
 *   handler, so the routes do not list them), with the permission the route needs;
 * - a description and an example for each error status a route lists without describing it;
 * - 204 answers without a body.
 *
 * A success status (2xx) gets no default: what it means is the route's to say (`answer()`), and
 * an undescribed one shows as "Default Response", which test/integration/api-docs.test.ts refuses.
 */
import type { SwaggerTransform } from '@fastify/swagger';
import type { RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, type Permission, ROLES } from '../../auth/roles.js';
import { type ErrorResponse, errorResponseSchema } from '../../contract/common.js';
import { OPEN_DURING_CHANGE } from '../password-change-gate.js';
import { errorExample, ids, validationErrorExample } from './examples.js';

type Json = Record<string, unknown>;
type RouteAuth = { auth?: string; permission?: Permission } | undefined;

/** @fastify/swagger's key for a response's description (it is not kept in the schema). */
const DESCRIPTION = 'x-response-description';

const errorJson = (): Json =>
  z.toJSONSchema(errorResponseSchema, { target: 'openapi-3.0', io: 'output' }) as Json;

/** The thing a path names, for a 404 example: the most specific match first. */
const NOT_FOUND: Array<[RegExp, string]> = [
  [/\/jobs\//, `job ${ids.job} not found`],
  [/^\/api\/statements/, `statement ${ids.seasideLoft} not found`],
  [/^\/api\/users/, 'user usr_01k56aadr0q9w3e5r7t2y4u6i8 not found'],
  [/^\/api\/auth\/tokens/, 'API token tok_01k56aadr0h2j4k6m8n1p3q5r7 not found'],
  [/^\/api\/outbox/, 'outbox mail 2025-11-03T10-47-31-208Z-4f9a1c.eml not found'],
  [/^\/api\/(properties|expenses)/, 'property 101 not found'],
];

/** "admins and editors": the roles that hold a permission. */
function rolesWith(permission: Permission): string {
  const roles = ROLES.filter((r) => can(r, permission)).map((r) => `${r}s`);
  return roles.length > 1 ? `${roles.slice(0, -1).join(', ')} and ${roles.at(-1)}` : (roles[0] ?? 'nobody');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why a signed-in request to this route can be refused (see auth-plugin.ts, password-change-gate.ts). */
function forbidden(route: RouteOptions, permission: Permission | undefined) {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const reasons: string[] = [];
  if (!methods.some((m) => OPEN_DURING_CHANGE.has(`${m} ${route.url}`))) {
    reasons.push(
      'a session signed in with a one-time password that has not been replaced yet (password_change_required)',
    );
  }
  if (!methods.every((m) => SAFE_METHODS.has(m))) {
    reasons.unshift('a cookie-authenticated write from another origin (csrf_rejected)');
  }
  const lacking = permission === undefined ? undefined : ROLES.find((r) => !can(r, permission));
  if (permission !== undefined && lacking !== undefined) {
    reasons.unshift(`a role without \`${permission}\` (forbidden; ${rolesWith(permission)} have it)`);
  }
  if (reasons.length === 0) return undefined;
  return {
    description: `Refused: ${reasons.join(', or ')}`,
    example:
      permission !== undefined && lacking !== undefined
        ? errorExample('forbidden', `your role (${lacking}) may not do this (needs ${permission})`)
        : errorExample(
            'password_change_required',
            'choose a new password first (PUT /api/auth/me/password): the one you signed in with was a one-time password',
          ),
  };
}

/** The default meaning of an error status, when the route does not say more. */
function defaultError(
  status: string,
  route: RouteOptions,
  url: string,
): { description: string; example?: ErrorResponse } | undefined {
  switch (status) {
    case '400':
      return {
        description:
          'The request is not valid (validation_error, invalid_json): `message` names the first problem, `details` lists each field with what is wrong',
        example: validationErrorExample,
      };
    case '401':
      return {
        description:
          'Not signed in (unauthorized): send the session cookie or `Authorization: Bearer <token>`; an expired or revoked one counts as none',
        example: errorExample(
          'unauthorized',
          'sign in first: send the session cookie or Authorization: Bearer <token>',
        ),
      };
    case '403':
      return forbidden(route, (route.config as RouteAuth)?.permission);
    case '404': {
      const message = NOT_FOUND.find(([pattern]) => pattern.test(url))?.[1];
      return {
        description: 'Not found (not_found): nothing has this id',
        ...(message === undefined ? {} : { example: errorExample('not_found', message) }),
      };
    }
    case '409':
      return { description: 'Refused by the current state of the record (`code` says which rule)' };
    case '422':
      return { description: 'Understood, but the data cannot give this result (`code` says why)' };
    case '429':
      return {
        description: 'Too many requests: try again after `details.retryAfterSeconds` seconds',
        example: errorExample('rate_limited', 'too many requests; try again in 12 s', {
          retryAfterSeconds: 12,
        }),
      };
    case '502':
      return {
        description:
          'A server this one relies on failed: Hostify (hostify_error, hostify_auth_failed) or the mail server (mail_failed)',
      };
    case '503':
      return { description: 'Not available right now; try again shortly' };
    default:
      return undefined;
  }
}

const hasDescription = (r: Json) => typeof r.description === 'string' || typeof r[DESCRIPTION] === 'string';
const hasExample = (r: Json) => r.examples !== undefined || r['x-examples'] !== undefined;
/** A response given as `{ description, content }` rather than as one JSON schema. */
const isContentResponse = (r: Json) => typeof r.content === 'object' && r.content !== null;

function completeResponse(status: string, response: Json, route: RouteOptions, url: string): Json {
  if (status === '204') {
    // No body: @fastify/swagger leaves out the content of a schema of type null.
    return { type: 'null', description: response.description ?? 'Done; no body' };
  }
  const fallback = Number(status) >= 400 ? defaultError(status, route, url) : undefined;
  if (!fallback) return response;
  // A route that describes its own refusal gets no default example: it would show another code.
  if (hasDescription(response)) return response;
  const completed = { ...response };
  completed[isContentResponse(completed) ? 'description' : DESCRIPTION] = fallback.description;
  if (fallback.example && !isContentResponse(completed) && !hasExample(completed)) {
    completed.examples = [fallback.example];
  }
  return completed;
}

export const openApiTransform: SwaggerTransform = (input) => {
  const transformed = jsonSchemaTransform(input as Parameters<typeof jsonSchemaTransform>[0]);
  const schema = transformed.schema as Json & { hide?: boolean };
  if (schema.hide) return transformed;
  const route = input.route as RouteOptions;
  const auth = route.config as RouteAuth;
  const responses: Record<string, Json> = { ...((schema.response as Record<string, Json>) ?? {}) };
  if (auth?.auth !== 'public') {
    responses['401'] ??= errorJson();
    if (forbidden(route, auth?.permission)) responses['403'] ??= errorJson();
  }
  for (const [status, response] of Object.entries(responses)) {
    responses[status] = completeResponse(status, response, route, input.url);
  }
  return { ...transformed, schema: { ...schema, response: responses } };
};
