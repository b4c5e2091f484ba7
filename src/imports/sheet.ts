/**
 * An uploaded file as a table, whatever its format: the header row and the data rows, each with
 * its number in the file (the line of a CSV, the row of a worksheet) so the preview names rows as
 * the person sees them in their spreadsheet. XLSX cells keep their type: a date cell is a date,
 * a number cell a number, so neither goes through text that could be misread.
 */
import type { IsoDate } from '../domain/types.js';

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
