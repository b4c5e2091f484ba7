/**
 * Expense import (HTTP contract): a CSV or XLSX file of expenses and adjustments is uploaded as
 * base64 in JSON (cookie writes are JSON-only, the CSRF rule), previewed row by row with errors
 * and duplicate warnings, imported (the chosen rows, in one transaction, as one batch), and
 * undone while none of its entries is on a final or sent statement. The preview is stateless:
 * the import sends the file again, and the server reads it again the same way.
 */
import { z } from 'zod';
import { DATE_FORMATS } from '../domain/date-text.js';
import { IMPORT_FIELDS } from '../imports/mapping.js';
import { ROW_ERROR_CODES } from '../imports/read-rows.js';
import { cleanText } from './common.js';
import { MAX_IMPORT_ROWS } from './import-limits.js';
import { calculationTypeSchema, statementStatusSchema } from './statements.js';

export { MAX_IMPORT_COLUMNS, MAX_IMPORT_FILE_BYTES, MAX_IMPORT_ROWS } from './import-limits.js';

const cents = z.number().int();
const entryTypeSchema = z.enum(['expense', 'adjustment']);
const column = z.number().int().min(0).max(999).nullable();

export const importMappingSchema = z.strictObject({
  /** The 0-based column of each field; null for none (type, category and vendor may be none). */
  columns: z.strictObject(
    Object.fromEntries(IMPORT_FIELDS.map((f) => [f, column])) as Record<
      (typeof IMPORT_FIELDS)[number],
      typeof column
    >,
  ),
  /** How day/month dates read; year-first dates always read. Default: only unambiguous ones. */
  dateFormat: z.enum(DATE_FORMATS).default('YYYY-MM-DD'),
  /** The file's decimal separator; 'auto': each amount must show its own. */
  decimalSeparator: z.enum(['auto', '.', ',']).default('auto'),
  /** The type of every row when no column holds the type. */
  defaultType: entryTypeSchema.default('expense'),
  /**
   * What a negative amount (`-12.50`, `(12.50)`) means. 'refuse' (default): an error, the type
   * says which way an entry counts. 'expense': the file writes money out as negatives, so an
   * expense row's negative amount is read as its size; a negative adjustment is still refused.
   */
  negativeAmounts: z.enum(['refuse', 'expense']).default('refuse'),
});
export type ImportMappingDto = z.infer<typeof importMappingSchema>;

const fileFields = {
  fileName: cleanText()
    .min(1, 'must not be empty')
    .max(255, 'must be at most 255 characters')
    .regex(/^[^\r\n/\\]*$/, 'must be a file name, not a path'),
  /**
   * The file's bytes, base64-encoded (no `data:` prefix). No length limit here: the route's body
   * limit bounds the request, and the reader refuses a file over MAX_IMPORT_FILE_BYTES with
   * file_too_large, whatever its size below that bound.
   */
  content: z.base64('must be base64'),
};

export const previewImportRequestSchema = z.strictObject({
  ...fileFields,
  /** Omitted: the suggested mapping is used. */
  mapping: importMappingSchema.optional(),
});
export type PreviewImportRequest = z.input<typeof previewImportRequestSchema>;

export const importRequestSchema = z.strictObject({
  ...fileFields,
  mapping: importMappingSchema,
  /** The row numbers (as the preview gives them) to import. */
  rows: z
    .array(z.number().int().min(1))
    .min(1, 'choose at least one row')
    .max(MAX_IMPORT_ROWS, `at most ${MAX_IMPORT_ROWS} rows`),
  /**
   * Import a file whose earlier import (the same bytes) is not undone: without it that is 409
   * already_imported, so the same file is not imported twice by mistake.
   */
  allowReimport: z.boolean().default(false),
});
export type ImportRequest = z.input<typeof importRequestSchema>;

export const rowErrorSchema = z.object({
  code: z.enum(ROW_ERROR_CODES),
  field: z.enum(IMPORT_FIELDS),
  message: z.string(),
});

export const rowDuplicateSchema = z.discriminatedUnion('kind', [
  /** Another, earlier row of the same file. */
  z.object({ kind: z.literal('row'), row: z.number().int() }),
  /** An entry already stored (added by hand, or by an import not undone). */
  z.object({
    kind: z.literal('entry'),
    entryId: z.string(),
    date: z.string(),
    description: z.string(),
    amount: cents,
    type: entryTypeSchema,
    importBatchId: z.string().nullable(),
  }),
]);

const statementRefSchema = z.object({
  id: z.string(),
  propertyId: z.string(),
  propertyName: z.string().nullable(),
  ownerId: z.string().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  calculationType: calculationTypeSchema,
  status: statementStatusSchema,
});
export type StatementRefDto = z.infer<typeof statementRefSchema>;

export const previewRowSchema = z.object({
  /** The row's number in the file (header = 1 in a file that starts with it). */
  row: z.number().int(),
  /** The row's cells as text, as the file has them. */
  cells: z.array(z.string()),
  date: z.string().nullable(),
  property: z
    .object({
      id: z.string(),
      name: z.string(),
      currency: z.string(),
      matchedBy: z.enum(['id', 'name', 'nickname']),
    })
    .nullable(),
  description: z.string().nullable(),
  amount: z.object({
    /** The cell as written. */
    text: z.string(),
    /** Cents as read (signed; refused when not positive), null when unreadable. */
    cents: cents.nullable(),
    /** How it was read, e.g. `1,234.56` or `−12.50`. */
    readAs: z.string().nullable(),
    /** The currency written with it, if any. */
    currency: z.string().nullable(),
  }),
  type: entryTypeSchema.nullable(),
  category: z.string().nullable(),
  vendor: z.string().nullable(),
  errors: z.array(rowErrorSchema),
  /** At most 5 likely duplicates: stored entries first, then the earliest rows above it. */
  duplicates: z.array(rowDuplicateSchema),
  /** How many more likely duplicates there are than `duplicates` lists. */
  moreDuplicates: z.number().int(),
  /** Final or sent statements whose period holds this row's date: they will not show it. */
  finalStatements: z.array(statementRefSchema),
  /** Chosen by default: no error and no duplicate. */
  selected: z.boolean(),
});
export type PreviewRowDto = z.infer<typeof previewRowSchema>;

export const importTotalSchema = z.object({
  type: entryTypeSchema,
  currency: z.string(),
  count: z.number().int(),
  amount: cents,
});

export const importBatchSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  createdAt: z.string(),
  /** The user id of who imported it. */
  createdBy: z.string().nullable(),
  entryCount: z.number().int(),
  /** Per type and currency: never summed across currencies. */
  totals: z.array(importTotalSchema),
  status: z.enum(['imported', 'undone']),
  undoneAt: z.string().nullable(),
  undoneBy: z.string().nullable(),
});
export type ImportBatchDto = z.infer<typeof importBatchSchema>;

export const previewImportResponseSchema = z.object({
  file: z.object({
    name: z.string(),
    kind: z.enum(['csv', 'xlsx']),
    /** CSV: the delimiter found; XLSX: the worksheet read. */
    detail: z.string(),
    rowCount: z.number().int(),
  }),
  headers: z.array(z.string()),
  /** The mapping the rows were read with (the request's, or the suggestion). */
  mapping: importMappingSchema,
  suggestedMapping: importMappingSchema,
  /** What the file's values show about their format (null: nothing, or they disagree). */
  detected: z.object({
    dateFormat: z.enum(DATE_FORMATS).nullable(),
    /** The row whose date decided dateFormat (a date like 25/10/2025 can only be day first). */
    dateFormatFrom: z.object({ row: z.number().int(), text: z.string() }).nullable(),
    decimalSeparator: z.enum(['.', ',']).nullable(),
  }),
  /** Null when the mapping can be used; else what to change (the rows are then not read). */
  mappingProblem: z.string().nullable(),
  rows: z.array(previewRowSchema),
  summary: z.object({
    rows: z.number().int(),
    withErrors: z.number().int(),
    withDuplicates: z.number().int(),
    selected: z.number().int(),
  }),
  /**
   * Earlier imports of a file with the same bytes, newest first. While one of them is not undone,
   * importing needs `allowReimport`.
   */
  previousImports: z.array(importBatchSchema),
});
export type PreviewImportResponse = z.infer<typeof previewImportResponseSchema>;

export const importResponseSchema = z.object({
  batch: importBatchSchema,
  /** Drafts whose property and period hold an imported entry: regenerate them to include it. */
  touchedDrafts: z.array(statementRefSchema),
  /** Final and sent statements whose period holds an imported entry: not changed. */
  finalStatements: z.array(statementRefSchema),
});
export type ImportResponse = z.infer<typeof importResponseSchema>;

export const undoImportResponseSchema = z.object({
  batch: importBatchSchema,
  /** How many entries were deleted. */
  removedEntries: z.number().int(),
  /** Drafts that list a removed entry: regenerate them to leave it out. */
  touchedDrafts: z.array(statementRefSchema),
});
export type UndoImportResponse = z.infer<typeof undoImportResponseSchema>;

export const listImportsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const listImportsResponseSchema = z.object({ batches: z.array(importBatchSchema) });
export const importBatchParamsSchema = z.object({
  batchId: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be an import batch id'),
});
