/** Statement generation, listing, reading, status changes and deletion. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../../contract/common.js';
import { jobAcceptedSchema } from '../../contract/jobs.js';
import {
  generateOneResponseSchema,
  generateOwnerResponseSchema,
  generateRequestSchema,
  listStatementsQuerySchema,
  listStatementsResponseSchema,
  setStatusRequestSchema,
  statementIdParamsSchema,
  statementSchema,
} from '../../contract/statements.js';
import { rateLimited } from '../../services/errors.js';
import type { AppDeps } from '../app-deps.js';
import { actorOf } from '../auth-plugin.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { answer, noContent, refusal, withExamples } from '../openapi/answers.js';
import {
  errorExample,
  finalStatementExample,
  generateOwnerExample,
  generateRequestExamples,
  ids,
  jobAcceptedExample,
  listStatementsExample,
  statementExample,
} from '../openapi/examples.js';
import { presentAccepted, presentStatement, presentStatementSummary } from '../presenters.js';

const notFound = refusal('Not found (not_found): no statement has this id', {
  example: errorExample('not_found', `statement ${ids.seasideLoft} not found`),
});

export const statementRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/statements/generate',
      {
        config: { permission: 'statements:generate' },
        schema: {
          tags: ['statements'],
          summary:
            'Generate statements: one property or one owner now (201), or every owner in the background (202)',
          body: withExamples(generateRequestSchema, { examples: generateRequestExamples }),
          response: {
            201: answer(
              z.union([generateOneResponseSchema, generateOwnerResponseSchema]),
              'Generated now, as drafts: one property answers `statement`; one owner answers `statements` with the properties skipped (nothing to count, or a final statement exists) and those in error',
              {
                examples: {
                  oneProperty: {
                    summary: 'One property',
                    value: { message: 'Statement generated successfully', statement: statementExample },
                  },
                  oneOwner: { summary: "One owner's properties", value: generateOwnerExample },
                },
              },
            ),
            202: answer(
              jobAcceptedSchema,
              'Generate All was queued as a background job (or the same request is queued or running already: that job is answered): follow `statusUrl`, or its `/events` stream, until it ends',
              { example: jobAcceptedExample },
            ),
            400: errorResponseSchema,
            404: refusal(
              'Not found (not_found): no active owner, or no property of this owner, has this id',
              {
                example: errorExample('not_found', 'owner 7 not found'),
              },
            ),
            422: refusal(
              'This property gives no statement for the period: nothing to count (no_activity), a final or sent statement exists (finalized), amounts in another currency (mixed_currency), data Hostify sent that cannot be used (invalid_data), or no owned property has the tag (unknown_tag)',
              {
                example: errorExample(
                  'finalized',
                  'Seaside Loft: a final or sent statement already exists for this property and period; it is never overwritten',
                ),
              },
            ),
            429: refusal(
              'Too many generation requests from you (rate_limited): wait `details.retryAfterSeconds`',
              {
                example: errorExample('rate_limited', 'too many generation requests; try again in 12 s', {
                  retryAfterSeconds: 12,
                }),
              },
            ),
          },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const wait = await deps.generationLimit.take(actor.userId);
        if (wait > 0) {
          const retryAfterSeconds = Math.ceil(wait / 1000);
          throw rateLimited(
            `too many generation requests; try again in ${retryAfterSeconds} s`,
            retryAfterSeconds,
          );
        }
        const body = request.body;
        const params = {
          period: { start: body.startDate, end: body.endDate },
          calculationType: body.calculationType,
        };
        if (body.ownerId === 'all') {
          const tag = body.tag;
          // Validated; queued durably; answered at once (the work runs in the background).
          const { job } = await deps.generateAll.start(
            { ...params, ...(tag === undefined ? {} : { tag }) },
            actor,
          );
          const accepted = presentAccepted(job.id);
          if (tag !== undefined) accepted.message = `Tag-based statement generation started for "${tag}"`;
          return reply.status(202).send(accepted);
        }
        if (body.propertyId !== undefined) {
          const { statement } = await deps.immediateGeneration.generateProperty(
            body.ownerId,
            body.propertyId,
            params,
            actor,
          );
          return reply.status(201).send({
            message: 'Statement generated successfully',
            statement: presentStatement(statement),
          });
        }
        const result = await deps.immediateGeneration.generateOwner(body.ownerId, params, actor);
        return reply.status(201).send({
          message: `Generated ${result.statements.length} statement(s); ${result.skipped.length} skipped, ${result.errors.length} with errors`,
          statements: result.statements.map(presentStatement),
          skipped: result.skipped,
          errors: result.errors,
        });
      },
    );

    app.get(
      '/api/statements',
      {
        schema: {
          tags: ['statements'],
          summary: 'List statements, newest first, with filters and cursor pagination',
          querystring: listStatementsQuerySchema,
          response: {
            200: answer(
              listStatementsResponseSchema,
              'One page of statements (without their lines); pass `nextCursor` as `cursor` for the next page, null on the last. The first page (no `cursor`) also gives `total`, how many match the filters in all',
              { example: listStatementsExample },
            ),
            400: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const { cursor, limit, ...filter } = request.query;
        const page = await deps.statementQueries.listPage({ ...filter, limit, after: decodeCursor(cursor) });
        return {
          statements: page.statements.map(presentStatementSummary),
          nextCursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor),
          ...(page.total === undefined ? {} : { total: page.total }),
        };
      },
    );

    app.get(
      '/api/statements/:id',
      {
        schema: {
          tags: ['statements'],
          summary: 'One statement with its lines, expenses, adjustments, totals and settings',
          params: statementIdParamsSchema,
          response: {
            200: answer(
              statementSchema,
              'The statement, with its lines, ledger entries, totals and settings',
              {
                example: statementExample,
              },
            ),
            404: notFound,
          },
        },
      },
      async (request) => presentStatement(await deps.statementQueries.get(request.params.id)),
    );

    app.put(
      '/api/statements/:id/status',
      {
        config: { permission: 'statements:edit' },
        schema: {
          tags: ['statements'],
          summary: 'Change the status: draft → final → sent; final → draft',
          params: statementIdParamsSchema,
          body: withExamples(setStatusRequestSchema, { example: { status: 'final' } }),
          response: {
            200: answer(statementSchema, 'The statement in its new status (its version is one higher)', {
              example: finalStatementExample,
            }),
            400: errorResponseSchema,
            404: notFound,
            409: refusal(
              'Not a transition a statement can make (invalid_transition), or it changed meanwhile (concurrent_change)',
              { example: errorExample('invalid_transition', 'a sent statement cannot become draft') },
            ),
          },
        },
      },
      async (request) => {
        const after = await deps.lifecycle.setStatus(
          request.params.id,
          request.body.status,
          actorOf(request),
        );
        return presentStatement(after);
      },
    );

    app.delete(
      '/api/statements/:id',
      {
        config: { permission: 'statements:edit' },
        schema: {
          tags: ['statements'],
          summary: 'Delete a draft statement',
          params: statementIdParamsSchema,
          response: {
            204: noContent('Deleted, with its audit entry'),
            400: errorResponseSchema,
            404: notFound,
            409: refusal('Only drafts can be deleted (not_a_draft)', {
              example: errorExample('not_a_draft', 'only drafts can be deleted; this statement is final'),
            }),
          },
        },
      },
      async (request, reply) => {
        await deps.lifecycle.deleteDraft(request.params.id, actorOf(request));
        return reply.status(204).send(null);
      },
    );
  };
