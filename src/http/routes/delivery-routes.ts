/** E-mailing a statement to its owner, and the history of those e-mails. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../../contract/common.js';
import { statementIdParamsSchema, statementSchema } from '../../contract/statements.js';
import type { AppDeps } from '../app-deps.js';
import { actorOf } from '../auth-plugin.js';
import { presentStatement } from '../presenters.js';

const deliverySchema = z.object({
  id: z.string(),
  statementId: z.string(),
  recipient: z.string(),
  status: z.enum(['sent', 'failed']),
  via: z.string().nullable(),
  messageId: z.string().nullable(),
  error: z.string().nullable(),
  resend: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

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
          body: z.strictObject({ resend: z.boolean().default(false) }),
          response: {
            200: z.object({ statement: statementSchema, delivery: deliverySchema }),
            404: errorResponseSchema,
            409: errorResponseSchema,
            422: errorResponseSchema,
            502: errorResponseSchema,
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
          response: { 200: z.object({ deliveries: z.array(deliverySchema) }), 404: errorResponseSchema },
        },
      },
      async (request) => {
        return { deliveries: await deps.delivery.history(request.params.id) };
      },
    );
  };
