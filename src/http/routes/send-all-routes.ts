/** Sending every final statement of a period in the background (POST /api/statements/send). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../../contract/common.js';
import {
  type SendAllRequest,
  sendAllPreviewQuerySchema,
  sendAllPreviewSchema,
  sendAllRequestSchema,
} from '../../contract/delivery.js';
import { jobAcceptedSchema } from '../../contract/jobs.js';
import type { StatementDeliveryRequest } from '../../services/job-starter.js';
import type { AppDeps } from '../app-deps.js';
import { actorOf } from '../auth-plugin.js';
import { presentAccepted } from '../presenters.js';

/** The API's `periodStart`/`periodEnd` → the server's `Period`. */
function deliveryRequestOf(body: SendAllRequest): StatementDeliveryRequest {
  return {
    period: { start: body.periodStart, end: body.periodEnd },
    ...(body.ownerId === undefined ? {} : { ownerId: body.ownerId }),
  };
}

export const sendAllRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/statements/send/preview',
      {
        schema: {
          tags: ['documents'],
          summary: 'The final, not yet sent statements of exactly this period that "send all" would e-mail',
          querystring: sendAllPreviewQuerySchema,
          response: { 200: sendAllPreviewSchema, 400: errorResponseSchema },
        },
      },
      async (request) => {
        const statements = await deps.sendAll.preview(deliveryRequestOf(request.query));
        return { count: statements.length, statements };
      },
    );

    app.post(
      '/api/statements/send',
      {
        config: { permission: 'statements:edit' },
        schema: {
          tags: ['documents'],
          summary:
            'E-mail every final (not yet sent) statement of the period to its owner, as a background job',
          body: sendAllRequestSchema,
          response: {
            202: jobAcceptedSchema.extend({ count: z.number().int() }),
            400: errorResponseSchema,
            409: errorResponseSchema,
            422: errorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const { job, count } = await deps.sendAll.start(deliveryRequestOf(request.body), actorOf(request));
        return reply.status(202).send({ ...presentAccepted(job.id, job.type), count });
      },
    );
  };
