/** Sign in and out, who am I, preferences, and one's own API tokens. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, PERMISSIONS } from '../../auth/roles.js';
import {
  apiTokenSchema,
  changePasswordRequestSchema,
  changePasswordResponseSchema,
  createTokenRequestSchema,
  createTokenResponseSchema,
  loginRequestSchema,
  loginResponseSchema,
  meResponseSchema,
  tokenIdParamsSchema,
  updatePreferencesRequestSchema,
  userSchema,
} from '../../contract/auth.js';
import { errorResponseSchema } from '../../contract/common.js';
import type { AppDeps } from '../app-deps.js';
import { actorOf, principalOf, SESSION_COOKIE } from '../auth-plugin.js';

export const authRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/auth/login',
      {
        config: { auth: 'public' },
        schema: {
          tags: ['auth'],
          security: [],
          summary: 'Sign in: returns the user and a session token, and sets the session cookie',
          body: loginRequestSchema,
          response: {
            200: loginResponseSchema,
            401: errorResponseSchema,
            403: errorResponseSchema,
            429: errorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const { user, token, expiresAt } = await deps.authService.login(
          request.body.email,
          request.body.password,
          request.ip,
        );
        reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: request.protocol === 'https',
          path: '/',
          expires: new Date(expiresAt),
        });
        return { user, token, expiresAt };
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { permission: 'self' },
        schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null() } },
      },
      async (request, reply) => {
        await deps.authService.logout(principalOf(request), request.ip);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/auth/me',
      {
        schema: {
          tags: ['auth'],
          summary: 'The signed-in user and what they may do',
          response: { 200: meResponseSchema },
        },
      },
      async (request) => {
        const p = principalOf(request);
        const user = await deps.userService.get(p.userId);
        return { user, permissions: PERMISSIONS.filter((perm) => can(p.role, perm)), via: p.via };
      },
    );

    app.put(
      '/api/auth/me/preferences',
      {
        config: { permission: 'self' },
        schema: {
          tags: ['auth'],
          summary: 'Own preferences (e-mail when my jobs end)',
          body: updatePreferencesRequestSchema,
          response: { 200: userSchema },
        },
      },
      async (request) => {
        return deps.authService.setPreferences(principalOf(request), request.body, request.ip);
      },
    );

    app.put(
      '/api/auth/me/password',
      {
        config: { permission: 'self' },
        schema: {
          tags: ['auth'],
          summary: 'Change my password (with the current one); my other sessions end, this one stays',
          body: changePasswordRequestSchema,
          response: {
            200: changePasswordResponseSchema,
            400: errorResponseSchema,
            429: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const user = await deps.authService.changePassword(
          principalOf(request),
          request.body.currentPassword,
          request.body.newPassword,
          request.ip,
        );
        return { user };
      },
    );

    app.get(
      '/api/auth/tokens',
      {
        schema: {
          tags: ['auth'],
          summary: 'My API tokens (never their secrets)',
          response: { 200: z.object({ tokens: z.array(apiTokenSchema) }) },
        },
      },
      async (request) => ({ tokens: await deps.authService.listApiTokens(principalOf(request).userId) }),
    );

    app.post(
      '/api/auth/tokens',
      {
        config: { permission: 'self' },
        schema: {
          tags: ['auth'],
          summary: 'Create an API token for scripts; the token is shown only in this answer',
          body: createTokenRequestSchema,
          response: { 201: createTokenResponseSchema },
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const { token, record } = await deps.authService.createApiToken(
          p.userId,
          request.body.name,
          p.userId,
          request.ip,
        );
        return reply.status(201).send({ token, apiToken: record });
      },
    );

    app.delete(
      '/api/auth/tokens/:id',
      {
        config: { permission: 'self' },
        schema: {
          tags: ['auth'],
          summary: 'Revoke one of my API tokens (admins: any token)',
          params: tokenIdParamsSchema,
          response: { 204: z.null(), 404: errorResponseSchema, 409: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const owner = p.role === 'admin' ? undefined : p.userId;
        await deps.authService.revokeApiToken(request.params.id, actorOf(request), owner);
        return reply.status(204).send(null);
      },
    );
  };
