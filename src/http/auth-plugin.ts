/**
 * Authentication and authorization for every /api route.
 *
 * Each route declares what it needs in its config: `auth: 'public'` (login only), or a
 * `permission` (GET routes default to `read`). A write route that declares nothing fails at
 * start-up, so no route can be left open by accident. Credentials come from the session cookie
 * or `Authorization: Bearer <token>`; cookie-authenticated writes must also pass a CSRF check
 * (same Origin), and bodies are JSON only, so a cross-site form cannot forge a request.
 */
import '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { can, type Permission } from '../auth/roles.js';
import type { AuthService } from '../services/auth-service.js';
import { AppError } from '../services/errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    auth?: 'public';
    permission?: Permission;
  }
  interface FastifyInstance {
    /** Every /api route with what it requires (tests check each answers 401/403 as it should). */
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

/** The principal of an authenticated route (the hook guarantees it). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError(401, 'unauthorized', 'sign in first');
  return request.principal;
}

function credentialsOf(request: FastifyRequest): { secret: string; via: Principal['via'] } | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m?.[1]) throw new AppError(401, 'unauthorized', 'the Authorization header must be "Bearer <token>"');
    return { secret: m[1], via: 'bearer' };
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie ? { secret: cookie, via: 'cookie' } : undefined;
}

/** A cookie-authenticated write must come from our own origin. */
function checkSameOrigin(request: FastifyRequest): void {
  const expected = `${request.protocol}://${request.host}`;
  const origin = request.headers.origin ?? originOf(request.headers.referer);
  if (origin !== expected) {
    throw new AppError(
      403,
      'csrf_rejected',
      'cross-site request refused: the Origin does not match this server',
    );
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

export function installAuth(app: FastifyInstance, authService: AuthService): void {
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const config = (route.config ?? {}) as { auth?: string; permission?: Permission };
    if (config.auth !== 'public' && !config.permission) {
      if (!methods.every((m) => SAFE_METHODS.has(m))) {
        throw new Error(`route ${methods.join(',')} ${route.url} declares no permission`);
      }
      route.config = { ...config, permission: 'read' } as typeof route.config;
    }
    const permission = (route.config as { permission?: Permission } | undefined)?.permission ?? null;
    for (const method of methods) {
      if (method === 'HEAD') continue;
      apiRoutes.push({
        method,
        url: route.url,
        auth: config.auth === 'public' ? 'public' : 'authenticated',
        permission,
      });
    }
  });

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api')) return;
    const config = request.routeOptions.config as { auth?: string; permission?: Permission } | undefined;
    if (config?.auth === 'public') return;
    const credentials = credentialsOf(request);
    if (!credentials)
      throw new AppError(
        401,
        'unauthorized',
        'sign in first: send the session cookie or Authorization: Bearer <token>',
      );
    const principal = await authService.authenticate(credentials.secret, credentials.via);
    request.principal = principal;
    if (credentials.via === 'cookie' && !SAFE_METHODS.has(request.method)) checkSameOrigin(request);
    const permission = config?.permission;
    if (permission && !can(principal.role, permission)) {
      throw new AppError(
        403,
        'forbidden',
        `your role (${principal.role}) may not do this (needs ${permission})`,
      );
    }
  });
}
