/**
 * The money columns of a statement line, in the order the CSV, the PDF and the web app show
 * them. Each key names the amount on a line and its sum in the totals (DESIGN §5), so
 * `line[column.key]` and `totals[column.key]` read the cents. Pure, so the web app imports it.
 */
import type { StatementLine, StatementTotals } from './types.js';

/** The amounts a line and the totals both carry (the totals alone add expenses and the rest). */
export type MoneyColumnKey = keyof StatementLine & keyof StatementTotals;

export interface MoneyColumn {
  /** The field, and the CSV's header. */
  key: MoneyColumnKey;
  /** The header people read. */
  label: string;
  /** A header that fits a narrow column (the PDF's), when `label` would not. */
  shortLabel?: string;
}

export const MONEY_COLUMNS: readonly MoneyColumn[] = [
  { key: 'accommodation', label: 'Accommodation' },
  { key: 'cleaning', label: 'Cleaning' },
  { key: 'otherFees', label: 'Other fees' },
  { key: 'grossRevenue', label: 'Gross revenue', shortLabel: 'Gross' },
  { key: 'channelFees', label: 'Channel fees' },
  { key: 'commission', label: 'Commission' },
  { key: 'taxes', label: 'Taxes' },
  { key: 'ownerPayout', label: 'Owner payout' },
];
