/**
 * The owner's summary of a statement, as the PDF's box and the e-mail show it: gross revenue,
 * then each deduction and addition with its sign, then the net payout. The lines add up to the
 * net payout exactly (DESIGN §5: netPayout = grossRevenue − channelFees − commission
 * [+ taxes when the owner remits them] − expenses + adjustments), which the tests check.
 *
 * Taxes: when the manager remits them (the default) they were never part of the owner's money
 * (gross revenue excludes them), so they are no line of the sum, only a note; when the owner
 * remits them they are paid out to the owner and are added.
 */
import type { StoredStatement } from '../db/repositories/statement-repository.js';
import { formatMoney } from '../domain/money-format.js';
import type { CommissionBasis } from '../domain/types.js';

export interface SummaryLine {
  label: string;
  /** The signed amount this line adds to the payout (the first line: the gross itself). */
  cents: number;
  /** The amount as printed: gross and net plain, the others with + or −. */
  text: string;
  kind: 'gross' | 'change' | 'net';
}

export interface StatementSummary {
  lines: SummaryLine[];
  /** A sentence under the box, when taxes were collected but are not the owner's to pay. */
  taxNote: string | null;
}

const BASIS_WORDS: Record<CommissionBasis, string> = {
  net: 'revenue after channel fees',
  gross: 'gross revenue',
  accommodation: 'accommodation',
};

/**
 * An amount as the documents print it: formatMoney, with a true minus sign (U+2212) for a
 * negative amount, which lines up with a plus and is not read as a dash.
 */
export function documentMoney(cents: number, currency: string): string {
  const text = formatMoney(cents, currency);
  return cents < 0 ? text.replace('-', '\u2212') : text;
}

/** `+$12.34` / `−$12.34`: what a line adds to or takes from the payout (`$0.00`: nothing). */
export function signedMoney(cents: number, currency: string): string {
  if (cents === 0) return formatMoney(0, currency);
  return cents < 0 ? documentMoney(cents, currency) : `+${formatMoney(cents, currency)}`;
}

function percent(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(2).replace(/0+$/, '')}%`;
}

export function statementSummary(s: StoredStatement, managerName: string): StatementSummary {
  const t = s.totals;
  const c = s.currency;
  const change = (label: string, cents: number): SummaryLine => ({
    label,
    cents,
    text: signedMoney(cents, c),
    kind: 'change',
  });
  const lines: SummaryLine[] = [
    { label: 'Gross revenue', cents: t.grossRevenue, text: documentMoney(t.grossRevenue, c), kind: 'gross' },
    change('Channel fees', -t.channelFees),
    change(
      `Commission (${percent(s.settings.commissionPercent)} of ${BASIS_WORDS[s.settings.commissionBasis]})`,
      -t.commission,
    ),
  ];
  if (s.settings.ownerRemitsTaxes) lines.push(change('Taxes collected for you to remit', t.taxes));
  lines.push(change('Expenses', -t.expenses));
  lines.push(change('Adjustments', t.adjustments));
  lines.push({ label: 'Net payout', cents: t.netPayout, text: documentMoney(t.netPayout, c), kind: 'net' });
  const taxNote =
    !s.settings.ownerRemitsTaxes && t.taxes !== 0
      ? `Taxes of ${documentMoney(t.taxes, c)} collected from guests are remitted by ${managerName} and are not part of your payout.`
      : null;
  return { lines, taxNote };
}
