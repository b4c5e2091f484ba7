/**
 * An uploaded file as a table, whatever its format: the header row and the data rows, each with
 * its number in the file (the line of a CSV, the row of a worksheet) so the preview names rows as
 * the person sees them in their spreadsheet. XLSX cells keep their type: a date cell is a date,
 * a number cell a number, so neither goes through text that could be misread.
 */
import { MAX_IMPORT_COLUMNS } from '../contract/import-limits.js';
import type { IsoDate } from '../domain/types.js';
import { FileRefused } from './file-refused.js';

export type SheetCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; date: IsoDate };

export interface SheetRow {
  /** 1-based, as the spreadsheet numbers it (the header is usually row 1). */
  number: number;
  cells: SheetCell[];
}

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

export const EMPTY: SheetCell = { kind: 'empty' };

/** The cell as text, for the preview and for reading a text column. */
export function cellText(cell: SheetCell | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'text':
      return cell.text;
    case 'number':
      return String(cell.value);
    case 'date':
      return cell.date;
  }
}

export const isBlank = (cell: SheetCell | undefined): boolean => cellText(cell).trim() === '';

/**
 * The filled cells of one row, as [1-based column, cell] in column order, as a row of cells up to
 * its last filled one (blank cells between stay, as empty). Refused when that last cell is beyond
 * MAX_IMPORT_COLUMNS, before a row that wide is made.
 */
export function rowOfFilledCells(
  number: number,
  filled: ReadonlyArray<readonly [column: number, cell: SheetCell]>,
): SheetRow {
  const width = filled.reduce((w, [column]) => Math.max(w, column), 0);
  if (width > MAX_IMPORT_COLUMNS) {
    throw new FileRefused(
      'too_many_columns',
      `row ${number} has a value in column ${width}; at most ${MAX_IMPORT_COLUMNS} columns can be read (delete what is to the right of the expenses)`,
    );
  }
  const cells: SheetCell[] = Array.from({ length: width }, () => EMPTY);
  for (const [column, cell] of filled) cells[column - 1] = cell;
  return { number, cells };
}

/**
 * Reads rows until the header and `maxRows` rows with anything in them are taken, plus one more
 * to show there are too many (then the caller refuses the file). Blank rows are not counted: they
 * are left out of the sheet, so counting them would drop rows below them without a refusal.
 */
export class RowCollector {
  readonly rows: SheetRow[] = [];
  constructor(private readonly maxRows: number) {}

  /** False once enough rows are taken: the rest need not be read. */
  get wantsMore(): boolean {
    return this.rows.length < this.maxRows + 2;
  }

  add(row: SheetRow): void {
    if (this.wantsMore && !row.cells.every(isBlank)) this.rows.push(row);
  }
}

/**
 * A table from rows of cells: the first row with anything in it is the header; rows with nothing
 * in them are left out.
 */
export function toSheet(rows: Iterable<SheetRow>): Sheet {
  let headers: string[] | null = null;
  const data: SheetRow[] = [];
  for (const row of rows) {
    if (row.cells.every(isBlank)) continue;
    if (headers === null) headers = row.cells.map((c) => cellText(c).trim());
    else data.push(row);
  }
  return { headers: headers ?? [], rows: data };
}
