/**
 * An uploaded expense file as a Sheet: its type from its name and its first bytes (an XLSX is a
 * ZIP; an old binary .xls or anything else is refused with a code that says so), its size and
 * row count within the limits.
 */
import {
  CSV_EXTENSIONS,
  MAX_IMPORT_FILE_BYTES,
  MAX_IMPORT_ROWS,
  XLSX_EXTENSIONS,
} from '../contract/import-limits.js';
import { readCsv } from './csv-reader.js';
import { FileRefused } from './file-refused.js';
import type { Sheet } from './sheet.js';
import { readXlsx } from './xlsx-reader.js';

export type UploadKind = 'csv' | 'xlsx';

export interface ReadUpload {
  kind: UploadKind;
  sheet: Sheet;
  /** CSV: the delimiter found; XLSX: the worksheet read. */
  detail: string;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

const extensionOf = (fileName: string): string =>
  /\.([A-Za-z0-9]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';

export function uploadKind(fileName: string, bytes: Uint8Array): UploadKind {
  const ext = extensionOf(fileName);
  if (startsWith(bytes, OLE)) {
    throw new FileRefused(
      'unsupported_file_type',
      'Excel 97-2003 workbooks (.xls) cannot be read; save the file as .xlsx or .csv',
    );
  }
  if ((XLSX_EXTENSIONS as readonly string[]).includes(ext)) {
    if (!startsWith(bytes, ZIP))
      throw new FileRefused('unreadable_file', 'the file is not a readable XLSX workbook');
    return 'xlsx';
  }
  if ((CSV_EXTENSIONS as readonly string[]).includes(ext)) {
    if (startsWith(bytes, ZIP)) {
      throw new FileRefused('unsupported_file_type', 'the file is named .csv but is a ZIP or XLSX file');
    }
    return 'csv';
  }
  throw new FileRefused(
    'unsupported_file_type',
    `files of type ${ext ? `.${ext}` : 'without an extension'} cannot be imported; upload a .csv or .xlsx file`,
  );
}

export async function readUpload(fileName: string, bytes: Uint8Array): Promise<ReadUpload> {
  if (bytes.length > MAX_IMPORT_FILE_BYTES) {
    throw new FileRefused(
      'file_too_large',
      `the file is ${(bytes.length / 1024 / 1024).toFixed(1)} MiB; at most ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MiB can be imported`,
    );
  }
  if (bytes.length === 0) throw new FileRefused('empty_file', 'the file is empty');
  const kind = uploadKind(fileName, bytes);
  const read =
    kind === 'csv'
      ? await Promise.resolve(readCsv(bytes, MAX_IMPORT_ROWS)).then((r) => ({
          sheet: r.sheet,
          detail: r.delimiter,
        }))
      : await readXlsx(bytes, MAX_IMPORT_ROWS).then((r) => ({ sheet: r.sheet, detail: r.worksheet }));
  if (read.sheet.headers.length === 0) throw new FileRefused('empty_file', 'the file has no rows');
  if (read.sheet.rows.length === 0)
    throw new FileRefused('empty_file', 'the file has a header row but no data rows');
  if (read.sheet.rows.length > MAX_IMPORT_ROWS) {
    throw new FileRefused(
      'too_many_rows',
      `the file has more than ${MAX_IMPORT_ROWS} rows; split it into files of at most ${MAX_IMPORT_ROWS}`,
    );
  }
  return { kind, ...read };
}
