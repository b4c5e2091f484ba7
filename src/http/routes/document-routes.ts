/** Statement documents: PDF and CSV of one statement, CSV of a filtered list, ZIP of PDFs. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../../contract/common.js';
import { listStatementsQuerySchema, statementIdParamsSchema } from '../../contract/statements.js';
import type { StoredStatement } from '../../db/repositories/statement-repository.js';
import { pdfFileName, zipPdfs } from '../../documents/pdf-zip.js';
import { statementCsv, statementListCsv } from '../../documents/statement-csv.js';
import { renderStatementPdf } from '../../documents/statement-pdf.js';
import { notFound } from '../../services/errors.js';
import type { AppDeps } from '../app-deps.js';

/** A file (PDF, CSV, ZIP), not JSON. */
const binary = z.unknown().describe('a file');
const MAX_EXPORT = 5000;
const MAX_ZIP = 200;

export const documentRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const pdfOf = async (s: StoredStatement) => {
      const owner = s.ownerId ? await deps.catalog.getOwner(s.ownerId) : undefined;
      return renderStatementPdf(s, {
        companyName: deps.companyName,
        ownerName: owner ? `${owner.firstName} ${owner.lastName}`.trim() : null,
      });
    };

    app.get(
      '/api/statements/:id/pdf',
      {
        schema: {
          tags: ['documents'],
          summary: 'The statement as a PDF',
          params: statementIdParamsSchema,
          response: { 200: binary, 404: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const s = await deps.lifecycle.get(request.params.id);
        const pdf = await pdfOf(s);
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
          response: { 200: binary, 404: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const s = await deps.lifecycle.get(request.params.id);
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
          response: { 200: binary, 400: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const page = await deps.statements.list({ ...request.query, limit: MAX_EXPORT });
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
          body: z.strictObject({ ids: z.array(statementIdParamsSchema.shape.id).min(1).max(MAX_ZIP) }),
          response: { 200: binary, 400: errorResponseSchema, 404: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const files: Array<{ name: string; pdf: Buffer }> = [];
        for (const id of new Set(request.body.ids)) {
          const s = await deps.statements.get(id);
          if (!s) throw notFound('statement', id);
          files.push({ name: pdfFileName(s), pdf: await pdfOf(s) });
        }
        return reply
          .type('application/zip')
          .header('content-disposition', 'attachment; filename="statements.zip"')
          .send(await zipPdfs(files));
      },
    );
  };
