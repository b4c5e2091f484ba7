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
          summary:
            'What "send all" would e-mail for exactly this period, per owner: e-mails, the statements they mark sent, owners not ready',
          querystring: sendAllPreviewQuerySchema,
          response: {
            200: answer(
              sendAllPreviewSchema,
              'The e-mails "send all" would send now (one per combined owner, one per statement of per-property owners), the statements they mark sent (`count`), and the owners with drafts left (`notReady`)',
            ),
            400: errorResponseSchema,
          },
        },
      },
      async (request) => deps.sendAll.preview(deliveryRequestOf(request.query)),
    );

    app.post(
      '/api/statements/send',
      {
        config: { permission: 'statements:edit' },
        schema: {
          tags: ['documents'],
          summary:
            'E-mail the final (not yet sent) statements of the period to their owners, as a background job: one e-mail per combined owner whose statements are all final, one per statement for per-property owners',
          body: withExamples(sendAllRequestSchema, {
            example: { periodStart: '2025-10-01', periodEnd: '2025-10-31' },
          }),
          response: {
            202: answer(
              jobAcceptedSchema.extend({
                count: z.number().int(),
                emails: z.number().int(),
                owners: z.number().int(),
              }),
              'Sending was queued as a background job: `emails` e-mails to `owners` owners, marking `count` statements sent; follow `statusUrl`',
            ),
            400: errorResponseSchema,
            409: refusal('The same sending is running already (job_running; `details.jobId` names it)', {
              example: errorExample(
                'job_running',
                `the statements of 2025-10-01 to 2025-10-31 are already being sent (job ${ids.job})`,
                { jobId: ids.job },
              ),
            }),
            422: refusal(
              'No e-mail to send (nothing_to_send): no final, unsent statement in the period, or only owners with drafts left; finalize first',
              {
                example: errorExample(
                  'nothing_to_send',
                  'no final, unsent statement for 2025-10-01 to 2025-10-31; finalize statements first',
                ),
              },
            ),
          },
        },
      },
      async (request, reply) => {
        const { job, count, emails, owners } = await deps.sendAll.start(
          deliveryRequestOf(request.body),
          actorOf(request),
        );
        return reply.status(202).send({ ...presentAccepted(job.id, job.type), count, emails, owners });
      },
    );
  };
