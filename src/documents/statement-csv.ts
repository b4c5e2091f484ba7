/**
 * CSV of one statement (its lines, ledger entries and totals) and of a list of statements.
 *
 * Written by the shared CSV writer (csv-cells.ts): RFC 4180, text quoted and neutralised against
 * formula injection, money as bare decimals from integer cents.
 */
import type { StatementSummary, StoredStatement } from '../db/repositories/statement-repository.js';
import { MONEY_COLUMNS } from '../domain/statement-columns.js';
import { type Cell, money, neutraliseText, toCsv } from './csv-cells.js';

export { neutraliseText };

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
