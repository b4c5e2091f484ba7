/**
 * The property's expenses and adjustments dated in the period (both ends inclusive).
 */
import { isInPeriod } from './dates.js';
import type { LedgerEntry, Period } from './types.js';

export interface SelectedLedger {
  expenses: LedgerEntry[];
  adjustments: LedgerEntry[];
}

/** Orders entries by date, then id, so a statement's lists do not depend on input order. */
function byDateThenId(x: LedgerEntry, y: LedgerEntry): number {
  if (x.date !== y.date) return x.date < y.date ? -1 : 1;
  if (x.id !== y.id) return x.id < y.id ? -1 : 1;
  return 0;
}

export function selectLedger(
  ledger: readonly LedgerEntry[],
  propertyId: string,
  period: Period,
): SelectedLedger {
  const expenses: LedgerEntry[] = [];
  const adjustments: LedgerEntry[] = [];
  for (const entry of ledger) {
    if (entry.propertyId !== propertyId || !isInPeriod(entry.date, period)) continue;
    // Copies, so the statement never aliases the caller's objects.
    if (entry.type === 'expense') expenses.push({ ...entry });
    else if (entry.type === 'adjustment') adjustments.push({ ...entry });
  }
  expenses.sort(byDateThenId);
  adjustments.sort(byDateThenId);
  return { expenses, adjustments };
}
