/**
 * Cells of the CSV files the app writes (statements, statement lists, the payout report), and the
 * writer they share, so every file quotes, neutralises and writes money the same way:
 * - text (names, descriptions, ids, dates, labels) is always quoted and neutralised against
 *   formula injection (see `neutraliseText`);
 * - numbers (money, nights, versions) are never quoted or prefixed, so a spreadsheet reads
 *   `-12.34` as the number it is. Money is written exactly from integer cents (`1234` → `12.34`,
 *   `-5` → `-0.05`), never through floating point.
 * RFC 4180 via csv-stringify, CRLF line ends, no BOM.
 */
import { stringify } from 'csv-stringify/sync';
import { formatCents } from '../domain/money.js';
import type { Cents } from '../domain/types.js';

/** A money cell: kept apart from text so it is written as a bare number. */
export class Money {
  constructor(readonly cents: Cents) {}
}
export const money = (cents: Cents) => new Money(cents);

export type Cell = string | number | Money | null;

/**
 * Characters that make a spreadsheet treat a cell as a formula or command when they start it:
 * `= + - @` (and their full-width forms, which some applications normalise), tab and carriage
 * return (Excel strips them and looks again), `;` and `|` (LibreOffice/DDE command separators).
 */
const FORMULA_START = /^[=+\-@\t\r;|\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Text as a spreadsheet shows it without running it: NUL is removed (it truncates cells in some
 * readers and can hide what follows), then a cell that would start a formula gets a leading `'`,
 * the apostrophe spreadsheets treat as "this is text" (OWASP's advice for CSV injection).
 */
export function neutraliseText(value: string): string {
  const clean = value.replaceAll('\u0000', '');
  return FORMULA_START.test(clean) ? `'${clean}` : clean;
}

export function toCsv(rows: Cell[][]): string {
  return stringify(rows, {
    record_delimiter: '\r\n',
    eof: true,
    quoted_string: true,
    // Our own neutralisation: csv-stringify's `escape_formulas` leaves `; |` and NUL through.
    escape_formulas: false,
    cast: {
      string: (v) => neutraliseText(v),
      number: (v) => String(v),
      object: (v) => {
        if (v instanceof Money) return formatCents(v.cents);
        throw new TypeError('a CSV cell must be text, a number or money');
      },
    },
  });
}
