/** The demo outbox: e-mails written to DATA_DIR/outbox when no SMTP_URL is set. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '../../contract/common.js';
import { outboxIdParamsSchema, outboxListSchema, outboxMailContentSchema } from '../../contract/delivery.js';
import { notFound } from '../../services/errors.js';
import type { AppDeps } from '../app-deps.js';
import { answer } from '../openapi/answers.js';

export const outboxRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    // Owners' e-mails and payouts: for the people who send statements, not for viewers.
    app.get(
      '/api/outbox',
      {
        config: { permission: 'statements:edit' },
        schema: {
          tags: ['documents'],
          summary: 'E-mails in the outbox (demo mode, no SMTP_URL), newest first',
          response: {
            200: answer(
              outboxListSchema,
              'The outbox e-mails; `active` is false when mail goes out over SMTP',
            ),
          },
        },
      },
      async () => ({ active: deps.outbox.active, mails: await deps.outbox.list() }),
    );

    app.get(
      '/api/outbox/:id',
      {
        config: { permission: 'statements:edit' },
        schema: {
          tags: ['documents'],
          summary: "One outbox e-mail's headers, text and attachment names",
          params: outboxIdParamsSchema,
          response: {
            200: answer(outboxMailContentSchema, 'The e-mail: headers, plain text and attachments'),
            400: errorResponseSchema,
            404: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const mail = await deps.outbox.read(request.params.id);
        if (!mail) throw notFound('outbox mail', request.params.id);
        return mail;
      },
    );
  };
