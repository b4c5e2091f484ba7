/**
 * The payout report as CSV: what the manager's bank transfers are prepared from. One row per
 * owner and currency, never a sum across currencies. Written like the statement CSVs
 * (statement-csv.ts): RFC 4180 via csv-stringify, CRLF, no BOM; text cells quoted and neutralised
 * against formula injection (an owner or property name comes from Hostify, where anyone with
 * access can type `=HYPERLINK(…)`); amounts as bare decimals from integer cents (`-1234` →
 * `-12.34`), so a spreadsheet reads them as numbers and a negative stays visibly negative.
 *
 * An owner's drafts are named in their own column and are not in the amount: the row of a
 * currency that only has drafts says 0.00 with the drafts beside it, so unfinished numbers are
 * seen and never transferred. No totals row: it could be mistaken for one more payee.
 */
import type { PayoutReport, PayoutStatement } from '../domain/payout-report.js';
import type { Period } from '../domain/types.js';
import { type Cell, money, toCsv } from './csv-cells.js';

export const PAYOUT_CSV_HEADER = [
  'owner',
  'ownerId',
  'email',
  'currency',
  'netPayout',
  'statements',
  'covered',
  'draftsNotIncluded',
] as const;

/** Shown for the statements that have no owner (a property without an owner in Hostify). */
export const NO_OWNER_LABEL = '(no owner)';

/** `Seaside Loft (101-2025-10); Harbor View (104-2025-10)`: property and statement number. */
const listed = (statements: readonly PayoutStatement[]) =>
  statements.map((s) => `${s.propertyName ?? s.propertyId} (${s.number})`).join('; ');

/** The rows below the header: owners in the report's order, currencies alphabetical. */
export function payoutCsvRows(report: PayoutReport): Cell[][] {
  const rows: Cell[][] = [];
  for (const owner of report.owners) {
    const currencies = [
      ...new Set([...owner.payouts.map((p) => p.currency), ...owner.drafts.map((d) => d.currency)]),
    ].sort();
    for (const currency of currencies) {
      const payout = owner.payouts.find((p) => p.currency === currency);
      const covered = owner.statements.filter((s) => s.currency === currency);
      const drafts = owner.drafts.filter((s) => s.currency === currency);
      rows.push([
        owner.ownerId === null ? NO_OWNER_LABEL : (owner.name ?? owner.ownerId),
        owner.ownerId,
        owner.email,
        currency,
        money(payout?.netPayout ?? 0),
        covered.length,
        listed(covered),
        listed(drafts),
      ]);
    }
  }
  return rows;
}

export function payoutCsv(report: PayoutReport): string {
  return toCsv([[...PAYOUT_CSV_HEADER], ...payoutCsvRows(report)]);
}

/** `payouts-2025-10-01-2025-10-31.csv` (dates only: safe in a Content-Disposition header). */
export const payoutCsvFileName = (period: Period) => `payouts-${period.start}-${period.end}.csv`;
