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
import { answer, refusal } from '../openapi/answers.js';
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
            200: answer(
              bulkResultSchema,
              'Carried out in the request: what was done (changed or already so) and what was refused, with the reason of each',
              {
                example: {
                  action: 'finalize',
                  done: [
                    {
                      id: 'stmt_01k94q2m3n4p5r6s7t8v9w0x1y',
                      propertyId: '101',
                      propertyName: 'Seaside Loft',
                      periodStart: '2025-10-01',
                      periodEnd: '2025-10-31',
                      status: 'final',
                      changed: true,
                    },
                  ],
                  refused: [
                    {
                      id: 'stmt_01k94q2m3n4p5r6s7t8v9w0x2z',
                      propertyId: '104',
                      propertyName: 'Harbor View',
                      periodStart: '2025-10-01',
                      periodEnd: '2025-10-31',
                      code: 'invalid_transition',
                      message: 'a sent statement cannot become final',
                    },
                  ],
                },
              },
            ),
            202: answer(
              bulkAcceptedSchema,
              'A large selection: a background job carries it out; follow it at statusUrl (its items say per statement what was done)',
            ),
            400: errorResponseSchema,
            403: errorResponseSchema,
            422: refusal('More statements match the filters than one action may take (too_many_statements)'),
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
