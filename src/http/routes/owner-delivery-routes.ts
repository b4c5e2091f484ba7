/** How "send all" e-mails an owner's statements: combined (one e-mail per owner) or per property. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ownerIdParamsSchema,
  ownerSchema,
  updateOwnerDeliveryRequestSchema,
} from '../../contract/catalog.js';
import { errorResponseSchema } from '../../contract/common.js';
import type { AppDeps } from '../app-deps.js';
import { actorOf } from '../auth-plugin.js';
import { answer, withExamples } from '../openapi/answers.js';
import { presentOwner } from '../presenters.js';

export const ownerDeliveryRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.put(
      '/api/owners/:id/delivery',
      {
        // Editors send the statements, so they choose how each owner gets them.
        config: { permission: 'statements:edit' },
        schema: {
          tags: ['catalog'],
          summary:
            'Choose how "send all" e-mails the owner\'s statements of a period: combined (one e-mail, one PDF for all their properties) or per_property',
          params: ownerIdParamsSchema,
          body: withExamples(updateOwnerDeliveryRequestSchema, { example: { delivery: 'per_property' } }),
          response: {
            200: answer(ownerSchema, 'The owner with the delivery preference now in force'),
            400: errorResponseSchema,
            404: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const { owner, propertyCount, delivery } = await deps.ownerDeliverySettings.update(
          request.params.id,
          request.body.delivery,
          actorOf(request),
        );
        request.log.info({ ownerId: owner.id, delivery }, 'owner delivery preference changed');
        return presentOwner(owner, propertyCount, delivery);
      },
    );
  };
