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
import { tagKey } from '../../db/repositories/catalog-repository.js';
import { AppError } from '../../services/errors.js';
import type { AppDeps } from '../app-deps.js';
import { actorOf, principalOf } from '../auth-plugin.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { presentAccepted, presentStatement, presentStatementSummary } from '../presenters.js';

const errors = { 400: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema };

/**
 * A tag some owned property carries (matched trimmed, any letter case), syncing once when it is
 * not known yet; else 422 `unknown_tag` (DESIGN.md §6).
 */
async function requireKnownTag(deps: AppDeps, wanted: string): Promise<void> {
  // Through the on-demand path: made-up tags cannot each sync the catalog.
  await deps.onDemandCatalog.requireTag(
    wanted,
    async () => (await deps.catalog.listTags()).some((t) => tagKey(t.tag) === tagKey(wanted)),
    () => new AppError(422, 'unknown_tag', `no owned property is tagged "${wanted}" in Hostify`),
  );
}

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
        const principal = principalOf(request);
        const actor = actorOf(request);
        const wait = await deps.generationLimit.take(principal.userId);
        if (wait > 0) {
          const retryAfterSeconds = Math.ceil(wait / 1000);
          throw new AppError(
            429,
            'rate_limited',
            `too many generation requests; try again in ${retryAfterSeconds} s`,
            {
              retryAfterSeconds,
            },
          );
        }
        const body = request.body;
        const params = {
          period: { start: body.startDate, end: body.endDate },
          calculationType: body.calculationType,
        };
        if (body.ownerId === 'all') {
          const tag = body.tag;
          if (tag !== undefined) await requireKnownTag(deps, tag);
          // Validated above; queued durably; answered at once (the work runs in the background).
          const { job, created } = await deps.jobService.startBulkGeneration(
            {
              startDate: body.startDate,
              endDate: body.endDate,
              calculationType: body.calculationType,
              ...(tag === undefined ? {} : { tag }),
            },
            principal.userId,
          );
          if (created) await deps.audit.record(actor, 'job.created', { type: 'job', id: job.id }, job.params);
          const accepted = presentAccepted(job.id);
          if (tag !== undefined) accepted.message = `Tag-based statement generation started for "${tag}"`;
          return reply.status(202).send(accepted);
        }
        if (body.propertyId !== undefined) {
          const { statement, replaced } = await deps.syncGeneration.generateProperty(
            body.ownerId,
            body.propertyId,
            params,
            principal.userId,
          );
          await deps.audit.record(
            actor,
            replaced ? 'statement.regenerated' : 'statement.generated',
            {
              type: 'statement',
              id: statement.id,
            },
            { propertyId: statement.propertyId, period: statement.period, version: statement.version },
          );
          return reply.status(201).send({
            message: 'Statement generated successfully',
            statement: presentStatement(statement),
          });
        }
        const result = await deps.syncGeneration.generateOwner(body.ownerId, params, principal.userId);
        await deps.audit.record(
          actor,
          'owner.generated',
          { type: 'owner', id: body.ownerId },
          {
            period: params.period,
            statements: result.statements.map((s) => s.id),
            skipped: result.skipped.length,
            errors: result.errors.length,
          },
        );
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
        const page = await deps.statements.list({ ...filter, limit, after: decodeCursor(cursor) });
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
      async (request) => presentStatement(await deps.lifecycle.get(request.params.id)),
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
        const principal = principalOf(request);
        const before = await deps.lifecycle.get(request.params.id);
        const after = await deps.lifecycle.setStatus(
          request.params.id,
          request.body.status,
          principal.userId,
        );
        if (before.status !== after.status) {
          await deps.audit.record(
            actorOf(request),
            'statement.status_changed',
            { type: 'statement', id: after.id },
            {
              from: before.status,
              to: after.status,
            },
          );
        }
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
        const statement = await deps.lifecycle.get(request.params.id);
        await deps.lifecycle.deleteDraft(request.params.id);
        await deps.audit.record(
          actorOf(request),
          'statement.deleted',
          { type: 'statement', id: statement.id },
          {
            propertyId: statement.propertyId,
            period: statement.period,
          },
        );
        return reply.status(204).send(null);
      },
    );
  };
