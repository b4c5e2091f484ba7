/** E-mailing a statement to its owner, and the history of those e-mails. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../../contract/common.js';
import { deliverySchema } from '../../contract/delivery.js';
import { statementIdParamsSchema, statementSchema } from '../../contract/statements.js';
import type { AppDeps } from '../app-deps.js';
import { actorOf } from '../auth-plugin.js';
import { answer, refusal, withExamples } from '../openapi/answers.js';
import { errorExample } from '../openapi/examples.js';
import { presentStatement } from '../presenters.js';

export const deliveryRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/statements/:id/send',
      {
        config: { permission: 'statements:edit' },
        schema: {
          tags: ['documents'],
          summary:
            "E-mail the statement's PDF to the owner and mark it sent (final statements; a sent one only with resend: true)",
          params: statementIdParamsSchema,
          body: withExamples(z.strictObject({ resend: z.boolean().default(false) }), {
            example: { resend: false },
          }),
          response: {
            200: answer(
              z.object({ statement: statementSchema, delivery: deliverySchema }),
              'E-mailed: the statement, now sent (sentAt, sentTo), and the delivery record',
            ),
            404: errorResponseSchema,
            409: refusal(
              'A draft cannot be sent (not_final); a sent one only with `resend: true` (already_sent); or it changed meanwhile (concurrent_change)',
              { example: errorExample('not_final', 'finalize the statement before sending it') },
            ),
            422: refusal("The property's owner has no e-mail address (no_recipient)", {
              example: errorExample('no_recipient', 'the property has no owner with an e-mail address'),
            }),
            502: refusal(
              'The mail server refused or did not answer (mail_failed); the statement stays final',
              {
                example: errorExample(
                  'mail_failed',
                  'the e-mail to olivia.owner@example.com could not be sent: connect ECONNREFUSED 10.0.0.25:587',
                ),
              },
            ),
          },
        },
      },
      async (request) => {
        const { statement, delivery } = await deps.delivery.send(
          request.params.id,
          { resend: request.body.resend },
          actorOf(request),
        );
        return { statement: presentStatement(statement), delivery };
      },
    );

    app.get(
      '/api/statements/:id/deliveries',
      {
        schema: {
          tags: ['documents'],
          summary: 'Every attempt to e-mail this statement',
          params: statementIdParamsSchema,
          response: {
            200: answer(
              z.object({ deliveries: z.array(deliverySchema) }),
              'Every e-mail attempt, oldest first (failed ones too)',
            ),
            404: errorResponseSchema,
          },
        },
      },
      async (request) => {
        return { deliveries: await deps.delivery.history(request.params.id) };
      },
    );
  };
