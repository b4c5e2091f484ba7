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
import { answer, noContent, refusal, withExamples } from '../openapi/answers.js';
import { errorExample } from '../openapi/examples.js';

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
          body: withExamples(loginRequestSchema, {
            example: { email: 'accountant@example.com', password: 'correct horse battery staple' },
          }),
          response: {
            200: answer(
              loginResponseSchema,
              'Signed in: the session cookie is set, and the same token is in the body for `Authorization: Bearer`',
            ),
            401: refusal('Wrong e-mail or password (invalid_credentials)', {
              example: errorExample('invalid_credentials', 'e-mail or password is wrong'),
            }),
            403: refusal('The password is right but the account is disabled (account_disabled)', {
              example: errorExample(
                'account_disabled',
                'this account is disabled; ask an administrator to enable it',
              ),
            }),
            429: refusal(
              'Too many failed sign-ins (too_many_attempts): every attempt waits until `details.retryAfterSeconds` have passed, whatever the password',
              {
                example: errorExample('too_many_attempts', 'too many failed sign-ins; try again in 30 s', {
                  retryAfterSeconds: 30,
                }),
              },
            ),
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
        schema: {
          tags: ['auth'],
          summary: 'End this session',
          response: { 204: noContent('Signed out: the session ended and its cookie is cleared') },
        },
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
          response: {
            200: answer(
              meResponseSchema,
              'The signed-in user, their permissions, and how they authenticated',
            ),
          },
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
          body: withExamples(updatePreferencesRequestSchema, { example: { notifyOnJobEnd: false } }),
          response: { 200: answer(userSchema, 'The user with the new preferences') },
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
            200: answer(changePasswordResponseSchema, 'Changed: the other sessions of this user have ended'),
            400: refusal(
              'Not valid (validation_error), the current password is wrong (wrong_current_password), or the new one is too weak (weak_password)',
              { example: errorExample('wrong_current_password', 'the current password is wrong') },
            ),
            429: refusal(
              'Too many wrong current passwords (too_many_attempts): wait `details.retryAfterSeconds`',
              {
                example: errorExample('too_many_attempts', 'too many failed sign-ins; try again in 30 s', {
                  retryAfterSeconds: 30,
                }),
              },
            ),
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
          response: {
            200: answer(z.object({ tokens: z.array(apiTokenSchema) }), 'My API tokens, revoked ones too'),
          },
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
          body: withExamples(createTokenRequestSchema, { example: { name: 'Month-end export script' } }),
          response: {
            201: answer(
              createTokenResponseSchema,
              'Created: `token` is the secret, shown only here; send it as `Authorization: Bearer`',
            ),
          },
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
          response: {
            204: noContent('Revoked: the token stops working at once'),
            404: errorResponseSchema,
            409: refusal('Revoked already (already_revoked)', {
              example: errorExample(
                'already_revoked',
                'API token tok_01k56aadr0h2j4k6m8n1p3q5r7 is already revoked',
              ),
            }),
          },
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
