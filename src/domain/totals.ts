/**
 * Statement totals (DESIGN §5): sums of the lines (reservation lines and the manual lines added
 * on review), ledger sums, and the net payout.
 */
import type { Cents, LedgerEntry, ManualLine, StatementLine, StatementTotals } from './types.js';

function sum(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const v of values) total += v;
  // Integer sums stay exact while below 2^53; past that a statement is not real data.
  if (!Number.isSafeInteger(total)) throw new RangeError(`total out of safe integer range: ${total}`);
  return total;
}

export function computeTotals(
  lines: readonly StatementLine[],
  expenses: readonly LedgerEntry[],
  adjustments: readonly LedgerEntry[],
  manualLines: readonly ManualLine[] = [],
): StatementTotals {
  const col = (key: keyof StatementTotals & keyof StatementLine): Cents =>
    sum([...lines.map((l) => l[key]), ...manualLines.map((m) => m[key])]);
  const ownerPayout = col('ownerPayout');
  const expensesTotal = sum(expenses.map((e) => e.amount));
  const adjustmentsTotal = sum(adjustments.map((e) => e.amount));
  return {
    accommodation: col('accommodation'),
    cleaning: col('cleaning'),
    otherFees: col('otherFees'),
    grossRevenue: col('grossRevenue'),
    channelFees: col('channelFees'),
    commission: col('commission'),
    taxes: col('taxes'),
    ownerPayout,
    expenses: expensesTotal,
    adjustments: adjustmentsTotal,
    netPayout: ownerPayout + adjustmentsTotal - expensesTotal,
  };
}
