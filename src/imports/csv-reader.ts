/**
 * CSV files as a Sheet, with csv-parse: quoted fields (with delimiters, quotes and line breaks
 * inside), any line ending, a byte-order mark, and the delimiter of the file — comma, semicolon
 * (what Excel writes where the decimal separator is a comma) or tab — found from the header line.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { FileRefused } from './file-refused.js';
import { type SheetRow, toSheet } from './sheet.js';
import { decodeText } from './text-encoding.js';

const DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof DELIMITERS)[number];

/** The delimiter that occurs most often outside quotes on the first non-empty line (comma on a tie). */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let seenContent = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (seenContent) break;
    } else if (!quoted && counts.has(ch as CsvDelimiter)) {
      counts.set(ch as CsvDelimiter, (counts.get(ch as CsvDelimiter) ?? 0) + 1);
      seenContent = true;
    } else if (ch.trim() !== '') seenContent = true;
  }
  let best: CsvDelimiter = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

export function readCsv(bytes: Uint8Array, maxRows: number) {
  const text = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // A quote inside an unquoted field (5" pipe) is a character, not an error.
      relax_quotes: true,
      // The header and up to maxRows rows; one more says the file has too many.
      to: maxRows + 2,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    if (error instanceof CsvError) {
      throw new FileRefused('unreadable_file', `the CSV cannot be read: ${error.message}`);
    }
    throw error;
  }
  const rows: SheetRow[] = records.map(({ record, info }) => ({
    // csv-parse counts the line a record ends on; a quoted field can span lines.
    number: info.lines - record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0),
    cells: record.map((field) => (field.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: field })),
  }));
  return { sheet: toSheet(rows), delimiter };
}
