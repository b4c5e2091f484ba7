/**
 * Which column of the file holds which field, and how to read dates and amounts. A mapping is
 * suggested from the header names (English, any letter case) and the file's own values (a date
 * like 25/10/2025 shows day-first dates); the person corrects it before importing.
 */
import type { DecimalSeparator } from '../domain/amount-text.js';
import { detectDecimalSeparator } from '../domain/amount-text.js';
import { type DateFormat, detectDateFormat } from '../domain/date-text.js';
import type { LedgerEntryType } from '../domain/types.js';
import { cellText, type Sheet } from './sheet.js';

export const IMPORT_FIELDS = [
  'date',
  'property',
  'description',
  'amount',
  'type',
  'category',
  'vendor',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_FIELDS: readonly ImportField[] = ['date', 'property', 'description', 'amount'];

export interface ImportMapping {
  /** 0-based column index of each field, or null for none (only type, category and vendor may be). */
  columns: Record<ImportField, number | null>;
  dateFormat: DateFormat;
  /** 'auto': each amount must show its decimal separator by itself (`1,234` is then refused). */
  decimalSeparator: DecimalSeparator | 'auto';
  /** The type of every row when no column holds one. */
  defaultType: LedgerEntryType;
  /** 'expense': an expense row's negative amount is money out, read as its size. */
  negativeAmounts: 'refuse' | 'expense';
}

/** Header words that name each field, best first: an exact match wins over a containing one. */
const HEADER_WORDS: Record<ImportField, readonly string[]> = {
  date: ['date', 'expense date', 'transaction date', 'day'],
  property: ['property', 'listing', 'property name', 'listing name', 'property id', 'listing id', 'unit'],
  description: ['description', 'memo', 'details', 'note', 'notes'],
  amount: ['amount', 'total', 'cost', 'value'],
  type: ['type', 'entry type', 'kind'],
  category: ['category'],
  vendor: ['vendor', 'payee', 'supplier', 'merchant'],
};

const headerKey = (h: string) =>
  h
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Columns guessed from the headers: each column used once; exact names first, then containing words. */
export function suggestColumns(headers: readonly string[]): Record<ImportField, number | null> {
  const keys = headers.map(headerKey);
  const columns = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as Record<
    ImportField,
    number | null
  >;
  const used = new Set<number>();
  const claim = (field: ImportField, test: (key: string, word: string) => boolean) => {
    if (columns[field] !== null) return;
    for (const word of HEADER_WORDS[field]) {
      const at = keys.findIndex((k, i) => !used.has(i) && test(k, word));
      if (at >= 0) {
        columns[field] = at;
        used.add(at);
        return;
      }
    }
  };
  for (const field of IMPORT_FIELDS) claim(field, (k, w) => k === w);
  for (const field of IMPORT_FIELDS) claim(field, (k, w) => ` ${k} `.includes(` ${w} `));
  return columns;
}

export interface Detected {
  dateFormat: DateFormat | null;
  /** The row whose date decided dateFormat (one date like 25/10/2025 decides for the file). */
  dateFormatFrom: { row: number; text: string } | null;
  decimalSeparator: DecimalSeparator | null;
}

/** What the file's values show about their own format, in the given columns. */
export function detectFormats(sheet: Sheet, columns: Record<ImportField, number | null>): Detected {
  const texts = (column: number | null) =>
    column === null
      ? []
      : sheet.rows.flatMap((r) => {
          const cell = r.cells[column];
          return cell?.kind === 'text' ? [{ row: r.number, text: cellText(cell) }] : [];
        });
  const dates = texts(columns.date);
  const shown = detectDateFormat(dates.map((d) => d.text));
  const from = shown ? dates[shown.index] : undefined;
  return {
    dateFormat: shown?.format ?? null,
    dateFormatFrom: from ? { row: from.row, text: from.text.trim() } : null,
    decimalSeparator: detectDecimalSeparator(texts(columns.amount).map((a) => a.text)),
  };
}

export function suggestMapping(sheet: Sheet): { mapping: ImportMapping; detected: Detected } {
  const columns = suggestColumns(sheet.headers);
  const detected = detectFormats(sheet, columns);
  return {
    mapping: {
      columns,
      dateFormat: detected.dateFormat ?? 'YYYY-MM-DD',
      decimalSeparator: detected.decimalSeparator ?? 'auto',
      defaultType: 'expense',
      negativeAmounts: 'refuse',
    },
    detected,
  };
}

/** What is wrong with a mapping for this file, or null when it can be used. */
export function mappingProblem(mapping: ImportMapping, headerCount: number): string | null {
  const seen = new Map<number, ImportField>();
  for (const field of IMPORT_FIELDS) {
    const column = mapping.columns[field];
    if (column === null) {
      if (REQUIRED_FIELDS.includes(field)) return `choose the column that holds the ${field}`;
      continue;
    }
    if (column >= headerCount) {
      return `the ${field} column (${column + 1}) does not exist: the file has ${headerCount} column${headerCount === 1 ? '' : 's'}`;
    }
    const other = seen.get(column);
    if (other) return `column ${column + 1} is chosen for both ${other} and ${field}`;
    seen.set(column, field);
  }
  return null;
}
