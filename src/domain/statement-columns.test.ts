import { describe, expect, it } from 'vitest';
import { MONEY_COLUMNS } from './statement-columns.js';
import type { StatementLine, StatementTotals } from './types.js';

describe('MONEY_COLUMNS', () => {
  it("lists every amount a line and the totals share, once, in DESIGN §5's order", () => {
    expect(MONEY_COLUMNS.map((c) => c.key)).toEqual([
      'accommodation',
      'cleaning',
      'otherFees',
      'grossRevenue',
      'channelFees',
      'commission',
      'taxes',
      'ownerPayout',
    ]);
  });

  it('reads the cents of a line and of the totals by key', () => {
    const line = {
      accommodation: 1,
      cleaning: 2,
      otherFees: 3,
      grossRevenue: 4,
      channelFees: 5,
      commission: 6,
      taxes: 7,
      ownerPayout: 8,
    } as StatementLine;
    const totals = { ...line, expenses: 9, adjustments: 10, netPayout: 11 } as StatementTotals;
    expect(MONEY_COLUMNS.map((c) => line[c.key])).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(MONEY_COLUMNS.map((c) => totals[c.key])).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('gives each column a label, and a short one only where it differs', () => {
    for (const c of MONEY_COLUMNS) {
      expect(c.label, c.key).toMatch(/^[A-Z][a-z ]+$/);
      expect(c.shortLabel, c.key).not.toBe(c.label);
    }
  });
});
