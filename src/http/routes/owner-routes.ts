/**
 * One owner: their details, properties and statements by period (the owner page), and the owner
 * statement of a period — the owner's property statements of exactly that period with the
 * owner's totals per currency — as JSON and as the owner PDF (rendered in the worker pool).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ownerDetailsSchema,
  ownerIdParamsSchema,
  ownerStatementQuerySchema,
  ownerStatementSchema,
} from '../../contract/owner-statements.js';
import { ownerPdfFileName } from '../../documents/owner-statement-pdf.js';
import type { AppDeps } from '../app-deps.js';
import { attachment } from '../content-disposition.js';
import { answer, nonJson, refusal } from '../openapi/answers.js';
import { errorExample } from '../openapi/examples.js';
import { ownerDetailsExample, ownerStatementExample } from '../openapi/owner-examples.js';
import { rendered, rendererBusy } from '../pdf-rendering.js';
import { presentOwnerDetails, presentOwnerStatement } from '../presenters.js';

const ownerNotFound = refusal(
  'Not found (not_found): neither this app nor Hostify knows an owner with this id',
  {
    example: errorExample('not_found', 'owner 7 not found'),
  },
);
const badPeriod = refusal(
  'The period is not one (validation_error): both dates must exist, periodEnd not before periodStart, at most 366 days',
  {
    example: errorExample(
      'validation_error',
      'querystring.periodEnd: periodEnd must not be before periodStart',
    ),
  },
);

export const ownerRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/owners/:id',
      {
        config: { permission: 'read' },
        schema: {
          tags: ['owners'],
          summary:
            'One owner: details, the properties they own with their settings, and their statements by period',
          params: ownerIdParamsSchema,
          response: {
            200: answer(
              ownerDetailsSchema,
              "The owner, the properties they own now, and every period they have statements of (latest first), each with those statements' status and net payout",
              { example: ownerDetailsExample },
            ),
            400: refusal('The id is not a Hostify id (validation_error)', {
              example: errorExample(
                'validation_error',
                'params.id: must contain only letters, digits, _ and -',
              ),
            }),
            404: ownerNotFound,
          },
        },
      },
      async (request) => presentOwnerDetails(await deps.ownerStatements.overview(request.params.id)),
    );

    app.get(
      '/api/owners/:id/statement',
      {
        config: { permission: 'read' },
        schema: {
          tags: ['owners'],
          summary:
            "The owner statement of a period: the owner's property statements of exactly that period and the owner's totals per currency",
          params: ownerIdParamsSchema,
          querystring: ownerStatementQuerySchema,
          response: {
            200: answer(
              ownerStatementSchema,
              "One section per statement of the owner whose period is exactly [periodStart, periodEnd] (by property name); the totals per currency, never summed across currencies; each of the owner's properties with its state for the period (`missing`: no statement; `other_owner`: the statement of the period was made for an earlier owner); `ready` when no section is a draft and at least one is final or sent",
              { example: ownerStatementExample },
            ),
            400: badPeriod,
            404: ownerNotFound,
          },
        },
      },
      async (request) => {
        const { periodStart, periodEnd } = request.query;
        const statement = await deps.ownerStatements.forOwner(request.params.id, {
          start: periodStart,
          end: periodEnd,
        });
        return presentOwnerStatement(statement);
      },
    );

    app.get(
      '/api/owners/:id/statement.pdf',
      {
        config: { permission: 'read' },
        schema: {
          tags: ['owners'],
          summary:
            'The owner statement of a period as one PDF: a summary page, then one section per property statement',
          params: ownerIdParamsSchema,
          querystring: ownerStatementQuerySchema,
          response: {
            200: nonJson(
              'application/pdf',
              'The owner PDF, as an attachment named "Owner statement – <owner> – <period>.pdf" (`filename*`, with an ASCII `filename` beside it). Drafts are marked "Draft — not final"',
              { file: true },
            ),
            400: badPeriod,
            404: ownerNotFound,
            422: refusal('The owner has no statement of exactly this period (no_statements)', {
              example: errorExample(
                'no_statements',
                "Olivia Owner has no statement of 2025-10-01 to 2025-10-31; generate the period's statements first",
              ),
            }),
            429: rendererBusy,
          },
        },
      },
      async (request, reply) => {
        const { periodStart, periodEnd } = request.query;
        const { statement, ctx } = await deps.ownerStatements.document(request.params.id, {
          start: periodStart,
          end: periodEnd,
        });
        const pdf = await rendered(deps.pdfRenderer.ownerPdf(statement, ctx));
        return reply
          .type('application/pdf')
          .header('content-disposition', attachment(ownerPdfFileName(statement)))
          .send(pdf);
      },
    );
  };
