/**
 * CSV files as a Sheet, with csv-parse: quoted fields (with delimiters, quotes and line breaks
 * inside), any line ending, a byte-order mark, and the delimiter of the file — comma, semicolon
 * (what Excel writes where the decimal separator is a comma) or tab — found from the header line.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { FileRefused } from './file-refused.js';
import { RowCollector, rowOfFilledCells, toSheet } from './sheet.js';
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

/** Thrown from inside the parser once enough rows are read: the rest is not parsed. */
const ENOUGH = Symbol('enough rows');

export function readCsv(bytes: Uint8Array, maxRows: number) {
  const text = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  const collector = new RowCollector(maxRows);
  try {
    parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // A quote inside an unquoted field (5" pipe) is a character, not an error.
      relax_quotes: true,
      // Each record goes to the collector (which counts only rows with something in them, unlike
      // csv-parse's own `to`); none is kept by the parser.
      on_record: (record: string[], { lines }: { lines: number }) => {
        // csv-parse counts the line a record ends on; a quoted field can span lines.
        const number = lines - record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
        const filled = record.flatMap((field, i) =>
          field.trim() === '' ? [] : [[i + 1, { kind: 'text', text: field }] as const],
        );
        collector.add(rowOfFilledCells(number, filled));
        if (!collector.wantsMore) throw ENOUGH;
        return null;
      },
    });
  } catch (error) {
    if (error === ENOUGH) return { sheet: toSheet(collector.rows), delimiter };
    if (error instanceof CsvError) {
      throw new FileRefused('unreadable_file', `the CSV cannot be read: ${error.message}`);
    }
    throw error;
  }
  return { sheet: toSheet(collector.rows), delimiter };
}
