/**
 * The limits of an expense import, shared with the web app (which checks the size before it
 * uploads). No imports: the web bundle takes these values as they are.
 */

/** The largest file, in bytes (5 MiB). */
export const MAX_IMPORT_FILE_BYTES = 5 * 1024 * 1024;
/** The most data rows one file may have. */
export const MAX_IMPORT_ROWS = 5000;
/** The most an XLSX may unpack to: a small file that unpacks to gigabytes would exhaust memory. */
export const MAX_XLSX_UNPACKED_BYTES = 100 * 1024 * 1024;
/** File name endings read as CSV, and as XLSX. */
export const CSV_EXTENSIONS = ['csv', 'txt', 'tsv'] as const;
export const XLSX_EXTENSIONS = ['xlsx', 'xlsm'] as const;
