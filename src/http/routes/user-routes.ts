/** User management and the audit log, for admins; users' display names, for everyone. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  auditQuerySchema,
  auditResponseSchema,
  createUserRequestSchema,
  createUserResponseSchema,
  resetPasswordResponseSchema,
  updateUserRequestSchema,
  userIdParamsSchema,
  userNamesResponseSchema,
  userSchema,
} from '../../contract/auth.js';
import { errorResponseSchema } from '../../contract/common.js';
import type { AppDeps } from '../app-deps.js';
import { actorOf } from '../auth-plugin.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { answer, refusal, withExamples } from '../openapi/answers.js';
import { errorExample } from '../openapi/examples.js';

const errors = {
  400: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};

export const userRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/users',
      {
        config: { permission: 'users:manage' },
        schema: {
          tags: ['users'],
          summary: 'All users',
          response: {
            200: answer(z.object({ users: z.array(userSchema) }), 'Every user, disabled ones too'),
          },
        },
      },
      async () => ({ users: await deps.userService.list() }),
    );

    app.get(
      '/api/users/names',
      {
        // Every role reads statements and jobs, which name their authors by user id.
        config: { permission: 'read' },
        schema: {
          tags: ['users'],
          summary: "Every user's display name (id and name only), for showing who did what",
          response: {
            200: answer(
              userNamesResponseSchema,
              'Every user, disabled ones too, with their display name only',
              {
                example: {
                  users: [
                    { id: 'usr_01k7abcd0000000000000000aa', name: 'Maria Lopez' },
                    { id: 'usr_01k7abcd0000000000000000ab', name: 'Ahmed Khan' },
                  ],
                },
              },
            ),
          },
        },
      },
      async () => ({ users: await deps.userService.names() }),
    );

    app.post(
      '/api/users',
      {
        config: { permission: 'users:manage' },
        schema: {
          tags: ['users'],
          summary: 'Create a user; without a password one is generated and returned once',
          body: withExamples(createUserRequestSchema, {
            example: { email: 'bookkeeper@example.com', name: 'Maria Lopez', role: 'editor' },
          }),
          response: {
            201: answer(
              createUserResponseSchema,
              'Created: `password` is the generated one (shown only here), null when the request gave one',
            ),
            ...errors,
            409: refusal('Another user has this e-mail (email_taken)', {
              example: errorExample(
                'email_taken',
                'a user with e-mail bookkeeper@example.com already exists',
              ),
            }),
          },
        },
      },
      async (request, reply) => {
        const { user, generatedPassword } = await deps.userService.create(request.body, actorOf(request));
        return reply.status(201).send({ user, password: generatedPassword });
      },
    );

    app.patch(
      '/api/users/:id',
      {
        config: { permission: 'users:manage' },
        schema: {
          tags: ['users'],
          summary: "Change a user's role or name, or disable them (their sessions and tokens stop at once)",
          params: userIdParamsSchema,
          body: withExamples(updateUserRequestSchema, { example: { role: 'viewer' } }),
          response: {
            200: answer(userSchema, 'The user as changed'),
            ...errors,
            409: refusal('The change would leave no active admin (last_admin)', {
              example: errorExample('last_admin', 'the last active admin cannot be demoted or disabled'),
            }),
          },
        },
      },
      async (request) => deps.userService.update(request.params.id, request.body, actorOf(request)),
    );

    app.post(
      '/api/users/:id/reset-password',
      {
        config: { permission: 'users:manage' },
        schema: {
          tags: ['users'],
          summary:
            'Reset a password: a one-time password, shown only in this answer, that the user must replace at sign-in; their sessions end',
          params: userIdParamsSchema,
          response: {
            200: answer(
              resetPasswordResponseSchema,
              'Reset: `password` works once, for signing in and choosing a new one',
            ),
            ...errors,
          },
        },
      },
      async (request) => {
        const { password } = await deps.userService.resetPassword(
          request.params.id,
          undefined,
          actorOf(request),
        );
        return {
          user: await deps.userService.get(request.params.id),
          password,
          mustChangePassword: true as const,
        };
      },
    );

    app.post(
      '/api/users/:id/unlock',
      {
        config: { permission: 'users:manage' },
        schema: {
          tags: ['users'],
          summary: "Clear a user's sign-in delays (failed attempts from every address)",
          params: userIdParamsSchema,
          response: {
            200: answer(z.object({ user: userSchema }), 'Unlocked: the user may sign in again at once'),
            ...errors,
          },
        },
      },
      async (request) => {
        return { user: await deps.userService.unlock(request.params.id, actorOf(request)) };
      },
    );

    app.get(
      '/api/audit',
      {
        config: { permission: 'audit:read' },
        schema: {
          tags: ['users'],
          summary: 'Audit log, newest first, with filters and cursor pagination',
          querystring: auditQuerySchema,
          response: {
            200: answer(
              auditResponseSchema,
              'One page of audit entries; pass `nextCursor` as `cursor` for the next page, null on the last',
            ),
            400: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const { cursor, limit, from, to, ...filter } = request.query;
        const page = await deps.audit.list({
          ...filter,
          ...(from ? { from } : {}),
          ...(to ? { to: `${to}T23:59:59.999Z` } : {}),
          limit,
          after: decodeCursor(cursor),
        });
        return {
          entries: page.entries,
          nextCursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor),
        };
      },
    );
  };
