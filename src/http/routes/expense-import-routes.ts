/** Expense import: preview a CSV/XLSX file, import chosen rows as one batch, list and undo batches. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '../../contract/common.js';
import {
  importBatchParamsSchema,
  importRequestSchema,
  importResponseSchema,
  listImportsQuerySchema,
  listImportsResponseSchema,
  MAX_IMPORT_FILE_BYTES,
  MAX_IMPORT_ROWS,
  previewImportRequestSchema,
  previewImportResponseSchema,
  undoImportResponseSchema,
} from '../../contract/expense-imports.js';
import type { AppDeps } from '../app-deps.js';
import { actorOf } from '../auth-plugin.js';
import { answer, refusal, withExamples } from '../openapi/answers.js';
import { errorExample } from '../openapi/examples.js';

/**
 * The upload's body: a file of MAX_IMPORT_FILE_BYTES in base64 is a third larger; the room
 * above it lets a slightly larger file get the precise file_too_large rather than a bare 413.
 */
const UPLOAD_BODY_LIMIT = Math.ceil((MAX_IMPORT_FILE_BYTES * 4) / 3) + 256 * 1024;
const MIB = MAX_IMPORT_FILE_BYTES / 1024 / 1024;

const sampleCsv = Buffer.from(
  'Date,Property,Description,Amount,Type\n2025-10-14,Seaside Loft,Replaced hallway light,"1,234.56",expense\n',
).toString('base64');

const badFile = refusal(
  `The file cannot be read (validation_error, or its own code): over ${MIB} MiB (file_too_large), more than ${MAX_IMPORT_ROWS} rows (too_many_rows), not a CSV or XLSX (unsupported_file_type), broken (unreadable_file), no data rows (empty_file)`,
  {
    example: errorExample(
      'unsupported_file_type',
      'expenses.pdf: files of type .pdf cannot be imported; upload a .csv or .xlsx file',
    ),
  },
);
const tooLarge = refusal(`The request is larger than a ${MIB} MiB file in base64 (payload_too_large)`);

export const expenseImportRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/expense-imports/preview',
      {
        config: { permission: 'statements:edit' },
        bodyLimit: UPLOAD_BODY_LIMIT,
        schema: {
          tags: ['expense imports'],
          summary:
            'Read an expense file (CSV or XLSX, base64) and show each row as it would be imported: values, errors, likely duplicates; stores nothing',
          body: withExamples(previewImportRequestSchema, {
            example: { fileName: 'october-expenses.csv', content: sampleCsv },
          }),
          response: {
            200: answer(
              previewImportResponseSchema,
              'The rows as read with the mapping (the suggested one when none was sent); rows with errors or likely duplicates are not selected by default. A mapping that cannot be used gives `mappingProblem` and no rows',
            ),
            400: badFile,
            413: tooLarge,
          },
        },
      },
      async (request) => {
        const { mapping, ...file } = request.body;
        return deps.expenseImports.preview(file, mapping);
      },
    );

    app.post(
      '/api/expense-imports',
      {
        config: { permission: 'statements:edit' },
        bodyLimit: UPLOAD_BODY_LIMIT,
        schema: {
          tags: ['expense imports'],
          summary:
            'Import the chosen rows of an expense file as one batch (one transaction, audited); the file is read again as the preview read it',
          body: importRequestSchema,
          response: {
            201: answer(
              importResponseSchema,
              'Imported: the batch, the drafts whose period holds an imported entry (regenerate them to include it), and the final or sent statements that do (they are not changed)',
            ),
            400: refusal(
              'The file cannot be read (see the preview), the mapping cannot be used (bad_mapping), or a chosen row is not in the file (unknown_rows, `details.rows`)',
            ),
            413: tooLarge,
            422: refusal(
              'A chosen row has errors (rows_have_errors): `details.rows` lists them; nothing was imported',
              {
                example: errorExample(
                  'rows_have_errors',
                  'rows 4, 7 have errors: correct the file or leave them out',
                  {
                    rows: [4, 7],
                  },
                ),
              },
            ),
          },
        },
      },
      async (request, reply) => {
        const { mapping, rows, ...file } = request.body;
        const result = await deps.expenseImports.import(file, mapping, rows, actorOf(request));
        request.log.info({ batchId: result.batch.id, entries: result.batch.entryCount }, 'expenses imported');
        return reply.status(201).send(result);
      },
    );

    app.get(
      '/api/expense-imports',
      {
        config: { permission: 'statements:edit' },
        schema: {
          tags: ['expense imports'],
          summary: 'Imported files (batches), newest first, with their status',
          querystring: listImportsQuerySchema,
          response: {
            200: answer(listImportsResponseSchema, 'The batches, newest first'),
            400: errorResponseSchema,
          },
        },
      },
      async (request) => deps.expenseImports.list(request.query.limit),
    );

    app.post(
      '/api/expense-imports/:batchId/undo',
      {
        config: { permission: 'statements:edit' },
        schema: {
          tags: ['expense imports'],
          summary:
            "Undo an import: delete the batch's entries (one transaction, audited); the batch stays, marked undone",
          params: importBatchParamsSchema,
          response: {
            200: answer(
              undoImportResponseSchema,
              'Undone: how many entries were removed, and the drafts that listed them (regenerate them to leave them out)',
            ),
            400: errorResponseSchema,
            404: refusal('No import batch has this id (not_found)'),
            409: refusal(
              'Already undone (already_undone), or an entry is on a final or sent statement (on_final_statement, `details.statements`): move it back to draft first',
              {
                example: errorExample(
                  'on_final_statement',
                  'the import cannot be undone: its entries are on a final statement: Seaside Loft 2025-10-01..2025-10-31 (final). Move it back to draft first',
                ),
              },
            ),
          },
        },
      },
      async (request) => {
        const result = await deps.expenseImports.undo(request.params.batchId, actorOf(request));
        request.log.info(
          { batchId: result.batch.id, removed: result.removedEntries },
          'expense import undone',
        );
        return result;
      },
    );
  };
