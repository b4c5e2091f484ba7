/**
 * CSV of one statement (its lines, ledger entries and totals) and of a list of statements.
 *
 * Written with csv-stringify, so quoting follows RFC 4180. Two kinds of cell:
 * - text (names, descriptions, ids, dates, labels) is always quoted and neutralised against
 *   formula injection (see `neutraliseText`);
 * - numbers (money, nights, versions) are never quoted or prefixed, so a spreadsheet reads
 *   `-12.34` as the number it is. Money is written exactly from integer cents (`1234` → `12.34`,
 *   `-5` → `-0.05`), never through floating point.
 */
import { stringify } from 'csv-stringify/sync';
import type { StatementSummary, StoredStatement } from '../db/repositories/statement-repository.js';
import { formatCents } from '../domain/money.js';
import { MONEY_COLUMNS } from '../domain/statement-columns.js';
import type { Cents } from '../domain/types.js';

/** A money cell: kept apart from text so it is written as a bare number. */
class Money {
  constructor(readonly cents: Cents) {}
}
const money = (cents: Cents) => new Money(cents);

type Cell = string | number | Money | null;

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

function toCsv(rows: Cell[][]): string {
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

/** The money columns' headers are their keys (`grossRevenue`), as in the API. */
const MONEY_KEYS = MONEY_COLUMNS.map((c) => c.key);

/**
 * The line review, after the lines: the manual lines with their money columns (the totals are
 * Σ lines + Σ manual lines), then every override in force. Only when there are any, so a
 * statement without a review exports exactly as before.
 */
function reviewRows(s: StoredStatement): Cell[][] {
  const rows: Cell[][] = [];
  if (s.manualLines.length > 0) {
    rows.push([], ['manualLine', 'description', 'countsTowardCommission', ...MONEY_KEYS]);
    for (const m of s.manualLines) {
      rows.push([
        m.id,
        m.description,
        m.countsTowardCommission ? 'yes' : 'no',
        ...MONEY_KEYS.map((k) => money(m[k])),
      ]);
    }
  }
  if (s.overrides.length > 0) {
    rows.push(
      [],
      [
        'override',
        'kind',
        'reservation',
        'reason',
        'description',
        'amount',
        'countsTowardCommission',
        'createdAt',
      ],
    );
    for (const o of s.overrides) {
      rows.push([
        o.id,
        o.kind,
        o.reservationId,
        o.reason,
        o.description,
        o.amount === null ? null : money(o.amount),
        o.countsTowardCommission === null ? null : o.countsTowardCommission ? 'yes' : 'no',
        o.createdAt,
      ]);
    }
  }
  return rows;
}

export function statementCsv(s: StoredStatement): string {
  return toCsv([
    [
      'statement',
      s.id,
      'property',
      s.propertyName ?? s.propertyId,
      'period',
      `${s.period.start}..${s.period.end}`,
    ],
    ['currency', s.currency, 'calculation', s.calculationType, 'status', s.status],
    [],
    ['reservation', 'guest', 'source', 'checkIn', 'checkOut', 'nights', 'nightsInPeriod', ...MONEY_KEYS],
    ...s.lines.map((l) => [
      l.reservationId,
      l.guestName,
      l.source,
      l.checkIn,
      l.checkOut,
      l.nights,
      l.nightsInPeriod,
      ...MONEY_KEYS.map((k) => money(l[k])),
    ]),
    ...reviewRows(s),
    [],
    ['type', 'date', 'description', 'amount'],
    ...[...s.expenses, ...s.adjustments].map((e) => [e.type, e.date, e.description, money(e.amount)]),
    [],
    ['total', 'amount'],
    ...Object.entries(s.totals).map(([k, v]) => [k, money(v)]),
  ]);
}

export function statementListCsv(list: readonly StatementSummary[]): string {
  return toCsv([
    [
      'id',
      'propertyId',
      'property',
      'ownerId',
      'periodStart',
      'periodEnd',
      'calculationType',
      'status',
      'version',
      'currency',
      ...MONEY_KEYS,
      'expenses',
      'adjustments',
      'netPayout',
    ],
    ...list.map((s) => [
      s.id,
      s.propertyId,
      s.propertyName,
      s.ownerId,
      s.period.start,
      s.period.end,
      s.calculationType,
      s.status,
      s.version,
      s.currency,
      ...MONEY_KEYS.map((k) => money(s.totals[k])),
      money(s.totals.expenses),
      money(s.totals.adjustments),
      money(s.totals.netPayout),
    ]),
  ]);
}
