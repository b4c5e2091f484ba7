/**
 * CSV of one statement (its lines, ledger entries and totals) and of a list of statements.
 * Amounts are decimal strings from integer cents; cells that a spreadsheet would run as a
 * formula (=, +, -, @ at the start of text) are quoted with a leading apostrophe.
 */
import type { StatementSummary, StoredStatement } from '../db/repositories/statement-repository.js';
import { formatCents } from '../domain/money.js';

function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const row = (values: Array<string | number | null>) => values.map(cell).join(',');

const MONEY_COLUMNS = [
  'accommodation',
  'cleaning',
  'otherFees',
  'grossRevenue',
  'channelFees',
  'commission',
  'taxes',
  'ownerPayout',
] as const;

export function statementCsv(s: StoredStatement): string {
  const lines = [
    row([
      'statement',
      s.id,
      'property',
      s.propertyName ?? s.propertyId,
      'period',
      `${s.period.start}..${s.period.end}`,
    ]),
    row(['currency', s.currency, 'calculation', s.calculationType, 'status', s.status]),
    '',
    row([
      'reservation',
      'guest',
      'source',
      'checkIn',
      'checkOut',
      'nights',
      'nightsInPeriod',
      ...MONEY_COLUMNS,
    ]),
    ...s.lines.map((l) =>
      row([
        l.reservationId,
        l.guestName,
        l.source,
        l.checkIn,
        l.checkOut,
        l.nights,
        l.nightsInPeriod,
        ...MONEY_COLUMNS.map((c) => formatCents(l[c])),
      ]),
    ),
    '',
    row(['type', 'date', 'description', 'amount']),
    ...[...s.expenses, ...s.adjustments].map((e) =>
      row([e.type, e.date, e.description, formatCents(e.amount)]),
    ),
    '',
    row(['total', 'amount']),
    ...Object.entries(s.totals).map(([k, v]) => row([k, formatCents(v)])),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

export function statementListCsv(list: readonly StatementSummary[]): string {
  const header = row([
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
    ...MONEY_COLUMNS,
    'expenses',
    'adjustments',
    'netPayout',
  ]);
  const body = list.map((s) =>
    row([
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
      ...MONEY_COLUMNS.map((c) => formatCents(s.totals[c])),
      formatCents(s.totals.expenses),
      formatCents(s.totals.adjustments),
      formatCents(s.totals.netPayout),
    ]),
  );
  return `${[header, ...body].join('\r\n')}\r\n`;
}
