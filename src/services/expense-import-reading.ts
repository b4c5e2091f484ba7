/**
 * One uploaded expense file read against the store, as the preview shows it and the import
 * uses it: the file's rows with a mapping, each row's errors, its likely duplicates (in the file
 * and among the stored entries) and the final statements its date falls in. Reads only.
 */
import { createHash } from 'node:crypto';
import type { PreviewRowDto, StatementRefDto } from '../contract/expense-imports.js';
import type {
  CoveringStatement,
  ImportBatch,
  ImportRepository,
} from '../db/repositories/import-repository.js';
import { shiftDate } from '../domain/date-text.js';
import type { CalculationType, IsoDate, Period } from '../domain/types.js';
import { FileRefused } from '../imports/file-refused.js';
import { type Duplicate, findDuplicates } from '../imports/find-duplicates.js';
import { type Detected, type ImportMapping, mappingProblem, suggestMapping } from '../imports/mapping.js';
import { PropertyIndex, type PropertyRef, type ReadRow, readRows } from '../imports/read-rows.js';
import { type ReadUpload, readUpload } from '../imports/read-upload.js';
import { DomainError } from './errors.js';

export interface UploadedFile {
  fileName: string;
  /** Base64 (validated by the contract). */
  content: string;
}

export interface ReadFile {
  upload: ReadUpload;
  sha256: string;
  mapping: ImportMapping;
  suggested: ImportMapping;
  detected: Detected;
  problem: string | null;
  rows: ReadRow[];
}

/** The file read with `mapping` (or the suggested one); FileRefused becomes a 400 with its code. */
export async function readFile(
  file: UploadedFile,
  mapping: ImportMapping | undefined,
  properties: readonly PropertyRef[],
): Promise<ReadFile> {
  const bytes = Buffer.from(file.content, 'base64');
  let upload: ReadUpload;
  try {
    upload = await readUpload(file.fileName, bytes);
  } catch (error) {
    if (error instanceof FileRefused)
      throw new DomainError('invalid', error.code, `${file.fileName}: ${error.message}`);
    throw error;
  }
  const suggestion = suggestMapping(upload.sheet);
  const used = mapping ?? suggestion.mapping;
  const problem = mappingProblem(used, upload.sheet.headers.length);
  return {
    upload,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    mapping: used,
    suggested: suggestion.mapping,
    detected: suggestion.detected,
    problem,
    rows: problem ? [] : readRows(upload.sheet, used, new PropertyIndex(properties)),
  };
}

/** The first and last date of the rows that name a property, or null when none does. */
export function dateSpan(rows: readonly { date: IsoDate | null; property: unknown }[]): Period | null {
  const dates = rows.flatMap((r) => (r.date && r.property ? [r.date] : [])).sort();
  const start = dates[0];
  const end = dates.at(-1);
  return start && end ? { start, end } : null;
}

export const propertyIdsOf = (rows: readonly { property: { id: string } | null }[]): string[] => [
  ...new Set(rows.flatMap((r) => (r.property ? [r.property.id] : []))),
];

export const holds = (
  s: Pick<CoveringStatement, 'propertyId' | 'period'>,
  propertyId: string,
  date: IsoDate,
) => s.propertyId === propertyId && s.period.start <= date && date <= s.period.end;

export const isClosed = (s: CoveringStatement) => s.status === 'final' || s.status === 'sent';

export function presentStatementRef(s: CoveringStatement): StatementRefDto {
  return {
    id: s.id,
    propertyId: s.propertyId,
    propertyName: s.propertyName,
    ownerId: s.ownerId,
    periodStart: s.period.start,
    periodEnd: s.period.end,
    calculationType: s.calculationType as CalculationType,
    status: s.status,
  };
}

export function presentBatch(b: ImportBatch) {
  return {
    id: b.id,
    fileName: b.fileName,
    createdAt: b.createdAt,
    createdBy: b.createdBy,
    entryCount: b.entryCount,
    totals: b.totals,
    status: b.undoneAt ? ('undone' as const) : ('imported' as const),
    undoneAt: b.undoneAt,
    undoneBy: b.undoneBy,
  };
}

export interface RowContext {
  duplicates: Map<number, Duplicate[]>;
  statements: CoveringStatement[];
}

/** The stored entries and statements around the rows' dates (a day either side, for duplicates). */
export async function rowContext(imports: ImportRepository, rows: readonly ReadRow[]): Promise<RowContext> {
  const span = dateSpan(rows);
  const propertyIds = propertyIdsOf(rows);
  if (!span || propertyIds.length === 0) return { duplicates: findDuplicates(rows, []), statements: [] };
  const near = { start: shiftDate(span.start, -1), end: shiftDate(span.end, 1) };
  const [stored, statements] = await Promise.all([
    imports.entriesNear(propertyIds, near),
    imports.statementsOverlapping(propertyIds, span),
  ]);
  return { duplicates: findDuplicates(rows, stored), statements };
}

export function presentRow(row: ReadRow, context: RowContext): PreviewRowDto {
  const duplicates = context.duplicates.get(row.number) ?? [];
  const { property, date } = row;
  const finalStatements =
    property && date
      ? context.statements.filter((s) => isClosed(s) && holds(s, property.id, date)).map(presentStatementRef)
      : [];
  return {
    row: row.number,
    cells: row.cells,
    date: row.date,
    property: property
      ? { id: property.id, name: property.name, currency: property.currency, matchedBy: property.matchedBy }
      : null,
    description: row.description,
    amount: {
      text: row.amountText,
      cents: row.amount,
      readAs: row.amountReadAs,
      currency: row.amountCurrency,
    },
    type: row.type,
    category: row.category,
    vendor: row.vendor,
    errors: row.errors,
    duplicates,
    finalStatements,
    selected: row.errors.length === 0 && duplicates.length === 0,
  };
}
