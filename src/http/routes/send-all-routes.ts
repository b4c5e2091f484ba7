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
import { answer, refusal, withExamples } from '../openapi/answers.js';
import { errorExample, ids } from '../openapi/examples.js';
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
          response: {
            200: answer(
              sendAllPreviewSchema,
              'What "send all" would e-mail now, with the number of statements',
            ),
            400: errorResponseSchema,
          },
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
          body: withExamples(sendAllRequestSchema, {
            example: { periodStart: '2025-10-01', periodEnd: '2025-10-31' },
          }),
          response: {
            202: answer(
              jobAcceptedSchema.extend({ count: z.number().int() }),
              'Sending was queued as a background job for `count` statements: follow `statusUrl`',
            ),
            400: errorResponseSchema,
            409: refusal('The same sending is running already (job_running; `details.jobId` names it)', {
              example: errorExample(
                'job_running',
                `the statements of 2025-10-01 to 2025-10-31 are already being sent (job ${ids.job})`,
                { jobId: ids.job },
              ),
            }),
            422: refusal('No final, unsent statement in the period (nothing_to_send): finalize first', {
              example: errorExample(
                'nothing_to_send',
                'no final, unsent statement for 2025-10-01 to 2025-10-31; finalize statements first',
              ),
            }),
          },
        },
      },
      async (request, reply) => {
        const { job, count } = await deps.sendAll.start(deliveryRequestOf(request.body), actorOf(request));
        return reply.status(202).send({ ...presentAccepted(job.id, job.type), count });
      },
    );
  };
