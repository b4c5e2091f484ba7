/**
 * An owner's totals over several property statements: one set per currency, never summed across
 * currencies (amounts are never converted, DESIGN §5). Used by the owner statement and the payout
 * report, so both add up the same way.
 */
import { MONEY_COLUMNS } from './statement-columns.js';
import type { Cents, StatementTotals } from './types.js';

/** The sums of one currency's statements. */
export interface CurrencyTotals {
  /** ISO 4217, upper case. */
  currency: string;
  /** How many statements were added up. */
  statementCount: number;
  totals: StatementTotals;
}

const TOTAL_KEYS = [
  ...MONEY_COLUMNS.map((c) => c.key),
  'expenses',
  'adjustments',
  'netPayout',
] as const satisfies ReadonlyArray<keyof StatementTotals>;

function zeroTotals(): StatementTotals {
  const totals = {} as Record<keyof StatementTotals, Cents>;
  for (const key of TOTAL_KEYS) totals[key] = 0;
  return totals;
}

function add(into: StatementTotals, more: StatementTotals): void {
  for (const key of TOTAL_KEYS) {
    const sum = into[key] + more[key];
    // Integer sums stay exact while below 2^53; past that it is not real data.
    if (!Number.isSafeInteger(sum)) throw new RangeError(`${key} total out of safe integer range: ${sum}`);
    into[key] = sum;
  }
}

/**
 * Σ of each total per currency, currencies in alphabetical order. A currency written in another
 * letter case or with spaces is the same currency.
 */
export function totalsByCurrency(
  statements: ReadonlyArray<{ currency: string; totals: StatementTotals }>,
): CurrencyTotals[] {
  const byCurrency = new Map<string, CurrencyTotals>();
  for (const s of statements) {
    const currency = s.currency.trim().toUpperCase();
    let entry = byCurrency.get(currency);
    if (!entry) {
      entry = { currency, statementCount: 0, totals: zeroTotals() };
      byCurrency.set(currency, entry);
    }
    entry.statementCount += 1;
    add(entry.totals, s.totals);
  }
  return [...byCurrency.values()].sort((a, b) =>
    a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0,
  );
}
