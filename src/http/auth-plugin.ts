/**
 * Authentication and authorization for every route, decided on the **matched route**.
 *
 * Deny by default: a route needs an authenticated principal unless its config says
 * `auth: 'public'`. The decision reads the route the router matched (`request.routeOptions`), never
 * the raw URL: the router decodes `/%61pi/users` to `/api/users` before matching, so a check on
 * `request.url` would let such a request through unauthenticated.
 *
 * Each non-public route declares a `permission` in its config; a safe read (GET/HEAD/OPTIONS) that
 * declares none needs `read`, and any other route that declares none fails at start-up, so no
 * route can be left open by accident. Credentials come from the session cookie or
 * `Authorization: Bearer <token>`; cookie-authenticated writes must also come from the app's own
 * origin (see host-policy.ts), and bodies are JSON only, so a cross-site form cannot forge one.
 */
import '@fastify/cookie';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Principal, UserActor } from '../auth/principal.js';
import { can, type Permission } from '../auth/roles.js';
import type { AuthService } from '../services/auth-service.js';
import { type HostPolicy, isAllowedOrigin } from './host-policy.js';
import { HttpError } from './http-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    auth?: 'public';
    permission?: Permission;
  }
  interface FastifyInstance {
    /** Every registered route with what it requires (tests walk each one). */
    apiRoutes: ApiRoute[];
  }
}

export interface ApiRoute {
  method: string;
  url: string;
  auth: 'public' | 'authenticated';
  permission: Permission | null;
}

export const SESSION_COOKIE = 'os_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type RouteAuthConfig = { auth?: string; permission?: Permission } | undefined;

/**
 * The principal of the request; 401 when there is none. The one way handlers get the user: a
 * route that reaches its handler without a principal is a bug, and it must fail closed.
 */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new HttpError(401, 'unauthorized', 'sign in first');
  return request.principal;
}

/** Who acts, for the audit log and created_by columns: the signed-in user and the client's IP. */
export function actorOf(request: FastifyRequest): UserActor {
  const p = principalOf(request);
  return { userId: p.userId, email: p.email, ip: request.ip };
}

function credentialsOf(request: FastifyRequest): { secret: string; via: Principal['via'] } | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m?.[1])
      throw new HttpError(401, 'unauthorized', 'the Authorization header must be "Bearer <token>"');
    return { secret: m[1], via: 'bearer' };
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie ? { secret: cookie, via: 'cookie' } : undefined;
}

/** A cookie-authenticated write must come from the app's own origin (APP_URL, or HOST:PORT). */
function checkSameOrigin(request: FastifyRequest, policy: HostPolicy): void {
  const origin = request.headers.origin ?? originOf(request.headers.referer);
  if (!isAllowedOrigin(policy, origin, request)) {
    throw new HttpError(403, 'csrf_rejected', 'cross-site request refused: the Origin is not this app');
  }
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * Routes registered inside `plugin` are public (third-party plugins whose routes we cannot
 * configure: the API docs, the web app's static files). Fastify runs a child context's onRoute
 * hooks after the parent's, so this marking is what the route is registered with.
 */
export function publicScope(plugin: (scope: FastifyInstance) => Promise<void>) {
  return async (scope: FastifyInstance) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), auth: 'public' } as typeof route.config;
    });
    await plugin(scope);
  };
}

function describeRoute(route: RouteOptions): ApiRoute[] {
  const config = route.config as RouteAuthConfig;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  return methods
    .filter((m) => m !== 'HEAD')
    .map((method) => ({
      method,
      url: route.url,
      auth: config?.auth === 'public' ? 'public' : 'authenticated',
      permission: config?.auth === 'public' ? null : (config?.permission ?? null),
    }));
}

export function installAuth(app: FastifyInstance, authService: AuthService, policy: HostPolicy): void {
  // Route options objects, read when listed: a public scope marks its routes after this hook ran.
  const registered: RouteOptions[] = [];
  Object.defineProperty(app, 'apiRoutes', {
    get: (): ApiRoute[] => registered.flatMap(describeRoute),
  });
  app.addHook('onRoute', (route) => {
    registered.push(route);
    const config = route.config as RouteAuthConfig;
    if (config?.auth === 'public' || config?.permission) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.every((m) => SAFE_METHODS.has(m))) {
      // A public scope marks its routes after this hook; only its safe reads can be public that
      // way, so any write without a permission is refused here, at start-up.
      throw new Error(
        `route ${methods.join(',')} ${route.url} declares neither a permission nor auth: 'public'`,
      );
    }
    route.config = { ...(config ?? {}), permission: 'read' } as typeof route.config;
  });
  app.addHook('onReady', async () => {
    for (const route of registered) {
      const config = route.config as RouteAuthConfig;
      if (config?.auth !== 'public' && !config?.permission) {
        throw new Error(`route ${String(route.method)} ${route.url} declares no permission`);
      }
    }
  });

  app.addHook('onRequest', async (request) => {
    // No route matched: the not-found handler answers (the SPA's index.html or a JSON 404) and
    // reaches no handler, so there is nothing to guard.
    if (request.is404) return;
    const config = request.routeOptions.config as RouteAuthConfig;
    if (config?.auth === 'public') return;
    const credentials = credentialsOf(request);
    if (!credentials)
      throw new HttpError(
        401,
        'unauthorized',
        'sign in first: send the session cookie or Authorization: Bearer <token>',
      );
    const principal = await authService.authenticate(credentials.secret, credentials.via);
    request.principal = principal;
    if (credentials.via === 'cookie' && !SAFE_METHODS.has(request.method)) checkSameOrigin(request, policy);
    // Deny by default: a route without a permission (impossible after start-up checks) is refused.
    const permission = config?.permission;
    if (!permission || !can(principal.role, permission)) {
      throw new HttpError(
        403,
        'forbidden',
        `your role (${principal.role}) may not do this (needs ${permission ?? 'a permission'})`,
      );
    }
  });
}
