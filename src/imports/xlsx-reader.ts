/**
 * XLSX files as a Sheet, with exceljs: the first worksheet; date cells as dates, number cells as
 * numbers, text as text, and formulas by their cached results (what the spreadsheet showed when
 * it was saved; nothing is recalculated).
 */
import ExcelJS from 'exceljs';
import { MAX_XLSX_UNPACKED_BYTES } from '../contract/import-limits.js';
import { FileRefused } from './file-refused.js';
import { EMPTY, type SheetCell, type SheetRow, toSheet } from './sheet.js';
import { zipDirectory } from './zip-size.js';

/** ISO date of a JS Date as exceljs makes them: the cell's calendar day at UTC midnight. */
const isoOfDate = (d: Date): string => d.toISOString().slice(0, 10);

/** Excel's day numbers count from 1899-12-30 (its 1900 leap-year quirk included). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const isoOfSerial = (serial: number): string =>
  isoOfDate(new Date(EXCEL_EPOCH_MS + Math.floor(serial) * 86_400_000));

/** A number format that shows a date (d, m, y in it), not a plain number. */
const isDateFormat = (format: string | undefined): boolean =>
  !!format && /[dy]/i.test(format.replace(/"[^"]*"|\[[^\]]*\]/g, '')) && !/^general$/i.test(format);

function fromValue(value: unknown, numFmt: string | undefined): SheetCell {
  if (value === null || value === undefined) return EMPTY;
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? EMPTY : { kind: 'date', date: isoOfDate(value) };
  if (typeof value === 'number') {
    return isDateFormat(numFmt) ? { kind: 'date', date: isoOfSerial(value) } : { kind: 'number', value };
  }
  if (typeof value === 'string') return value.trim() === '' ? EMPTY : { kind: 'text', text: value };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('result' in v || 'formula' in v || 'sharedFormula' in v) return fromValue(v.result, numFmt);
    if (Array.isArray(v.richText)) {
      return fromValue((v.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join(''), numFmt);
    }
    if (typeof v.text === 'string') return fromValue(v.text, numFmt);
    if (typeof v.error === 'string') return { kind: 'text', text: v.error };
  }
  return { kind: 'text', text: String(value) };
}

export async function readXlsx(bytes: Uint8Array, maxRows: number) {
  const directory = zipDirectory(bytes);
  if (!directory) throw new FileRefused('unreadable_file', 'the file is not a readable XLSX workbook');
  if (directory.unpacked > MAX_XLSX_UNPACKED_BYTES) {
    throw new FileRefused(
      'file_too_large',
      `the workbook unpacks to more than ${MAX_XLSX_UNPACKED_BYTES / 1024 / 1024} MiB; save the expenses alone in a smaller file`,
    );
  }
  if (!directory.names.includes('xl/workbook.xml')) {
    throw new FileRefused('unreadable_file', 'the file is an archive but not an XLSX workbook');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw new FileRefused('unreadable_file', 'the file is not a readable XLSX workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new FileRefused('empty_file', 'the workbook has no worksheet');
  const rows: SheetRow[] = [];
  const columns = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    // The header and maxRows rows; one more says the file has too many.
    if (rows.length > maxRows + 1) return;
    const cells: SheetCell[] = [];
    for (let c = 1; c <= columns; c += 1) {
      const cell = row.getCell(c);
      cells.push(fromValue(cell.value, cell.numFmt));
    }
    rows.push({ number, cells });
  });
  return { sheet: toSheet(rows), worksheet: sheet.name };
}
