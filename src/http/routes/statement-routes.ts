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
import { presentAccepted, presentStatement, presentStatementSummary } from '../presenters.js';

const errors = { 400: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema };

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
          body: generateRequestSchema,
          response: {
            201: z.union([generateOneResponseSchema, generateOwnerResponseSchema]),
            202: jobAcceptedSchema,
            ...errors,
            422: errorResponseSchema,
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
          response: { 200: listStatementsResponseSchema, 400: errorResponseSchema },
        },
      },
      async (request) => {
        const { cursor, limit, ...filter } = request.query;
        const page = await deps.statementQueries.list({ ...filter, limit, after: decodeCursor(cursor) });
        return {
          statements: page.statements.map(presentStatementSummary),
          nextCursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor),
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
          response: { 200: statementSchema, 404: errorResponseSchema },
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
          body: setStatusRequestSchema,
          response: { 200: statementSchema, ...errors },
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
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await deps.lifecycle.deleteDraft(request.params.id, actorOf(request));
        return reply.status(204).send(null);
      },
    );
  };
