import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { totalsByCurrency } from './owner-totals.js';
import type { StatementTotals } from './types.js';

const totals = (netPayout: number, extra: Partial<StatementTotals> = {}): StatementTotals => ({
  accommodation: 0,
  cleaning: 0,
  otherFees: 0,
  grossRevenue: 0,
  channelFees: 0,
  commission: 0,
  taxes: 0,
  ownerPayout: netPayout,
  expenses: 0,
  adjustments: 0,
  netPayout,
  ...extra,
});

describe('totalsByCurrency', () => {
  it('adds statements of one currency and keeps currencies apart', () => {
    const result = totalsByCurrency([
      { currency: 'USD', totals: totals(10_00, { expenses: 5 }) },
      { currency: 'eur ', totals: totals(7_50) },
      { currency: 'usd', totals: totals(-2_25, { expenses: 7 }) },
    ]);
    expect(result.map((r) => [r.currency, r.statementCount, r.totals.netPayout, r.totals.expenses])).toEqual([
      ['EUR', 1, 7_50, 0],
      ['USD', 2, 7_75, 12],
    ]);
  });

  it('is empty for no statements', () => {
    expect(totalsByCurrency([])).toEqual([]);
  });

  it('each currency total is the sum of its statements, to the cent, in any order', () => {
    const statement = fc.record({
      currency: fc.constantFrom('USD', 'EUR', 'GBP'),
      net: fc.integer({ min: -1_000_000_00, max: 1_000_000_00 }),
    });
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 30 }), (list) => {
        const forward = totalsByCurrency(list.map((s) => ({ currency: s.currency, totals: totals(s.net) })));
        const backward = totalsByCurrency(
          [...list].reverse().map((s) => ({ currency: s.currency, totals: totals(s.net) })),
        );
        expect(backward).toEqual(forward);
        for (const entry of forward) {
          const mine = list.filter((s) => s.currency === entry.currency);
          expect(entry.statementCount).toBe(mine.length);
          expect(entry.totals.netPayout).toBe(mine.reduce((sum, s) => sum + s.net, 0));
        }
      }),
    );
  });
});
