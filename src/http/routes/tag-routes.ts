/** `GET /api/tags`: the Hostify listing tags of the owned properties, for "Generate All" by tag (§6). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { tagsResponseSchema } from '../../contract/statements.js';
import type { AppDeps } from '../app-deps.js';
import { answer } from '../openapi/answers.js';

export const tagRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/tags',
      {
        config: { permission: 'read' },
        schema: {
          tags: ['catalog'],
          summary: 'Tags of the owned properties (from their Hostify listings) with property counts',
          response: {
            200: answer(tagsResponseSchema, 'Each tag with the number of owned properties carrying it'),
          },
        },
      },
      async () => ({ tags: await deps.catalogQueries.tags() }),
    );
  };
