/**
 * XLSX files as a Sheet, with exceljs: the first worksheet; date cells as dates, number cells as
 * numbers, text as text, and formulas by their cached results (what the spreadsheet showed when
 * it was saved; nothing is recalculated). The archive is unpacked within a limit first
 * (zip-size.ts), so a small file that unpacks to gigabytes is refused, not held in memory.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { MAX_XLSX_UNPACKED_BYTES } from '../contract/import-limits.js';
import { FileRefused } from './file-refused.js';
import { EMPTY, isBlank, RowCollector, rowOfFilledCells, type SheetCell, toSheet } from './sheet.js';
import { unzipWithin, zipDirectory } from './zip-size.js';

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

export interface ReadXlsxOptions {
  /** The most all entries may unpack to, counted as they are inflated. */
  maxUnpackedBytes?: number;
}

/**
 * The workbook's entries, unpacked here within the limit, packed again without compression: the
 * parser then unpacks exactly the bytes that were counted, whatever sizes the file declares.
 */
async function checkedArchive(bytes: Uint8Array, maxUnpackedBytes: number): Promise<Buffer> {
  const directory = zipDirectory(bytes);
  if (!directory) throw new FileRefused('unreadable_file', 'the file is not a readable XLSX workbook');
  if (directory.unpacked > maxUnpackedBytes) {
    throw new FileRefused(
      'file_too_large',
      `the workbook unpacks to more than ${Math.round(maxUnpackedBytes / 1024 / 1024)} MiB; save the expenses alone in a smaller file`,
    );
  }
  if (!directory.names.includes('xl/workbook.xml')) {
    throw new FileRefused('unreadable_file', 'the file is an archive but not an XLSX workbook');
  }
  const stored = new JSZip();
  for (const [name, data] of unzipWithin(bytes, directory, maxUnpackedBytes)) {
    stored.file(name, data, { createFolders: false });
  }
  return stored.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}

export async function readXlsx(bytes: Uint8Array, maxRows: number, options: ReadXlsxOptions = {}) {
  const archive = await checkedArchive(bytes, options.maxUnpackedBytes ?? MAX_XLSX_UNPACKED_BYTES);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(archive as never);
  } catch {
    throw new FileRefused('unreadable_file', 'the file is not a readable XLSX workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new FileRefused('empty_file', 'the workbook has no worksheet');
  const collector = new RowCollector(maxRows);
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (!collector.wantsMore) return;
    // Only the cells the file has: a row is as wide as its last filled cell, not as the sheet's
    // widest row (one stray cell in column XFD would make every row 16,384 cells).
    const filled: Array<[number, SheetCell]> = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const read = fromValue(cell.value, cell.numFmt);
      if (!isBlank(read)) filled.push([column, read]);
    });
    collector.add(rowOfFilledCells(number, filled));
  });
  return { sheet: toSheet(collector.rows), worksheet: sheet.name };
}
