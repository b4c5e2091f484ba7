/** One action on many statements: POST /api/statements/bulk. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  bulkAcceptedSchema,
  bulkRequestSchema,
  bulkResultSchema,
  MAX_BULK_MATCHING,
} from '../../contract/bulk-actions.js';
import { errorResponseSchema } from '../../contract/common.js';
import { SYNC_LIMITS } from '../../services/bulk-statement-actions.js';
import type { AppDeps } from '../app-deps.js';
import { actorOf } from '../auth-plugin.js';
import { presentBulkAccepted, presentBulkResult } from '../presenters.js';

export const bulkRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/statements/bulk',
      {
        config: { permission: 'statements:edit' },
        schema: {
          tags: ['statements'],
          summary: 'Finalize, move back to draft, send or delete many statements (by ids or by filters)',
          description: [
            'Each statement goes through the single action (its rules, its own audit row); a refused',
            'statement rolls nothing else back. A statement already in the asked status is done with',
            '`changed: false`; an already sent one is refused `already_sent` (a resend is a single',
            'action); only drafts are deleted. Up to',
            `${SYNC_LIMITS.finalize} statements (${SYNC_LIMITS.send} for send) are carried out in the`,
            "request (200); more start a background job (202, the job's items say per statement what",
            `was done). Filters select at most ${MAX_BULK_MATCHING} statements (422 too_many_statements).`,
          ].join(' '),
          body: bulkRequestSchema,
          response: {
            200: bulkResultSchema,
            202: bulkAcceptedSchema,
            400: errorResponseSchema,
            403: errorResponseSchema,
            422: errorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const { action, ids, filter } = request.body;
        const answer = await deps.bulkActions.run(
          { action, ...(ids ? { ids } : {}), ...(filter ? { filter } : {}) },
          actorOf(request),
        );
        if (answer.kind === 'job') {
          return reply.status(202).send(presentBulkAccepted(answer.job.id, action, answer.count));
        }
        return presentBulkResult(answer.result);
      },
    );
  };
