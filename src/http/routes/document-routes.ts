/**
 * Statement documents: PDF and CSV of one statement, CSV of a filtered list, ZIP of PDFs.
 *
 * PDFs are rendered in the worker-thread pool, never on the event loop: a ZIP of 200 takes
 * seconds of CPU, and even one PDF is tens of milliseconds that every other request would wait
 * for. The pool renders a few at once and refuses more than it can queue (429 renderer_busy);
 * heavy exports (ZIPs, list CSVs) also count against a per-user allowance (429 too_many_exports).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../../contract/common.js';
import {
  listStatementsQuerySchema,
  MAX_PDF_ZIP_IDS,
  statementIdParamsSchema,
} from '../../contract/statements.js';
import { pdfFileName } from '../../documents/pdf-zip.js';
import { statementCsv, statementListCsv } from '../../documents/statement-csv.js';
import { yieldToEventLoop } from '../../lib/yield.js';
import type { AppDeps } from '../app-deps.js';
import { principalOf } from '../auth-plugin.js';
import { HttpError } from '../http-error.js';
import { nonJson, refusal, withExamples } from '../openapi/answers.js';
import { errorExample, ids, statementExample } from '../openapi/examples.js';
import { busyExample, rendered, rendererBusy } from '../pdf-rendering.js';

const MAX_EXPORT = 5000;
const MAX_ZIP = MAX_PDF_ZIP_IDS;

/** The example statement's CSV, written by the code that writes every other. */
function csvExample(): string {
  const { periodStart, periodEnd, ...rest } = statementExample;
  return statementCsv({ ...rest, period: { start: periodStart, end: periodEnd } });
}

const exportBusy = refusal(
  'Too many exports in a minute (too_many_exports), or the PDF renderer is busy (renderer_busy): try again after `details.retryAfterSeconds`',
  {
    examples: {
      exports: {
        summary: 'Too many exports',
        value: errorExample(
          'too_many_exports',
          'too many exports (ZIPs of PDFs, list CSVs) in a minute; try again in 42 s',
          { retryAfterSeconds: 42 },
        ),
      },
      busy: { summary: 'Renderer busy', value: busyExample },
    },
  },
);

export const documentRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    /** Counts a heavy export against the user's allowance; 429 when it is used up. */
    const takeExport = async (userId: string) => {
      const wait = await deps.exportLimiter.take(userId);
      if (wait <= 0) return;
      const retryAfterSeconds = Math.ceil(wait / 1000);
      throw new HttpError(
        429,
        'too_many_exports',
        `too many exports (ZIPs of PDFs, list CSVs) in a minute; try again in ${retryAfterSeconds} s`,
        { retryAfterSeconds },
      );
    };

    app.get(
      '/api/statements/:id/pdf',
      {
        schema: {
          tags: ['documents'],
          summary: 'The statement as a PDF',
          params: statementIdParamsSchema,
          response: {
            200: nonJson('application/pdf', 'The PDF, as an attachment named after the property and period', {
              file: true,
            }),
            404: errorResponseSchema,
            429: rendererBusy,
          },
        },
      },
      async (request, reply) => {
        const { statement: s, ctx } = await deps.statementQueries.document(request.params.id);
        const pdf = await rendered(deps.pdfRenderer.pdf(s, ctx));
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${pdfFileName(s)}"`)
          .send(pdf);
      },
    );

    app.get(
      '/api/statements/:id/csv',
      {
        schema: {
          tags: ['documents'],
          summary: 'The statement as CSV (lines, ledger entries, totals)',
          params: statementIdParamsSchema,
          response: {
            200: nonJson('text/csv', 'The CSV (UTF-8), as an attachment', {
              example: csvExample(),
            }),
            404: errorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const s = await deps.statementQueries.get(request.params.id);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${pdfFileName(s).replace(/\.pdf$/, '.csv')}"`)
          .send(statementCsv(s));
      },
    );

    app.get(
      '/api/statements/export.csv',
      {
        schema: {
          tags: ['documents'],
          summary: `CSV of the statements matching the list filters (at most ${MAX_EXPORT})`,
          querystring: listStatementsQuerySchema.omit({ limit: true, cursor: true }),
          response: {
            200: nonJson('text/csv', 'One row per matching statement (UTF-8), as statements.csv', {
              file: true,
            }),
            400: errorResponseSchema,
            429: exportBusy,
          },
        },
      },
      async (request, reply) => {
        await takeExport(principalOf(request).userId);
        const page = await deps.statementQueries.list({ ...request.query, limit: MAX_EXPORT });
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="statements.csv"')
          .send(statementListCsv(page.statements));
      },
    );

    app.post(
      '/api/statements/pdf-zip',
      {
        config: { permission: 'read' },
        schema: {
          tags: ['documents'],
          summary: `A ZIP of the PDFs of the given statements (at most ${MAX_ZIP})`,
          body: withExamples(
            z.strictObject({ ids: z.array(statementIdParamsSchema.shape.id).min(1).max(MAX_ZIP) }),
            { example: { ids: [ids.seasideLoft, ids.harborView] } },
          ),
          response: {
            200: nonJson('application/zip', 'statements.zip: one PDF per statement', { file: true }),
            400: errorResponseSchema,
            404: errorResponseSchema,
            429: exportBusy,
          },
        },
      },
      async (request, reply) => {
        await takeExport(principalOf(request).userId);
        // Reading 200 statements from SQLite is synchronous work; other requests are let in between.
        const docs = await deps.statementQueries.documents(request.body.ids, yieldToEventLoop);
        const files = docs.map((d) => ({ name: pdfFileName(d.statement), ...d }));
        const zip = await rendered(deps.pdfRenderer.zip(files));
        return reply
          .type('application/zip')
          .header('content-disposition', 'attachment; filename="statements.zip"')
          .send(zip);
      },
    );
  };
