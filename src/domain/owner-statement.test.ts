import { describe, expect, it } from 'vitest';
import { assembleOwnerStatement, type SectionInput } from './owner-statement.js';
import type { StatementStatus, StatementTotals } from './types.js';

const totals = (netPayout: number): StatementTotals => ({
  accommodation: netPayout,
  cleaning: 0,
  otherFees: 0,
  grossRevenue: netPayout,
  channelFees: 0,
  commission: 0,
  taxes: 0,
  ownerPayout: netPayout,
  expenses: 0,
  adjustments: 0,
  netPayout,
});

const stmt = (
  propertyId: string,
  propertyName: string | null,
  status: StatementStatus,
  netPayout: number,
  over: Partial<SectionInput> = {},
): SectionInput => ({
  id: `stmt_${propertyId}`,
  propertyId,
  propertyName,
  ownerId: '1',
  status,
  currency: 'USD',
  totals: totals(netPayout),
  ...over,
});

const owned = (id: string, name: string, currency = 'USD') => ({ id, name, currency });

describe('assembleOwnerStatement', () => {
  it('orders sections and properties by name in natural order, and lists what each property has', () => {
    const result = assembleOwnerStatement(
      '1',
      [owned('a', 'Unit 10'), owned('b', 'unit 2'), owned('c', 'Unit 3'), owned('d', 'Annex', 'EUR')],
      [
        stmt('a', 'Unit 10', 'final', 100),
        stmt('b', 'unit 2', 'sent', 200),
        stmt('c', 'Unit 3', 'draft', 300),
      ],
    );
    expect(result.sections.map((s) => s.propertyId)).toEqual(['b', 'c', 'a']);
    expect(result.properties.map((p) => [p.propertyName, p.state, p.statementId, p.netPayout])).toEqual([
      ['Annex', 'missing', null, null],
      ['unit 2', 'sent', 'stmt_b', 200],
      ['Unit 3', 'draft', 'stmt_c', 300],
      ['Unit 10', 'final', 'stmt_a', 100],
    ]);
    expect(result.properties[0]?.currency).toBe('EUR');
    expect(result.missing).toEqual([{ propertyId: 'd', propertyName: 'Annex' }]);
    expect(result.drafts).toEqual([{ propertyId: 'c', propertyName: 'Unit 3', statementId: 'stmt_c' }]);
    expect(result.ready).toBe(false);
  });

  it('adds up per currency, never across currencies', () => {
    const result = assembleOwnerStatement(
      '1',
      [owned('a', 'A'), owned('b', 'B', 'EUR'), owned('c', 'C')],
      [
        stmt('a', 'A', 'final', 100),
        stmt('b', 'B', 'final', 70, { currency: 'EUR' }),
        stmt('c', 'C', 'final', 5),
      ],
    );
    expect(result.totals.map((t) => [t.currency, t.statementCount, t.totals.netPayout])).toEqual([
      ['EUR', 1, 70],
      ['USD', 2, 105],
    ]);
    expect(result.ready).toBe(true);
  });

  it('is ready with a property without a statement, but never with a draft or with no section', () => {
    const props = [owned('a', 'A'), owned('b', 'B')];
    expect(assembleOwnerStatement('1', props, [stmt('a', 'A', 'final', 1)]).ready).toBe(true);
    expect(assembleOwnerStatement('1', props, [stmt('a', 'A', 'sent', 1)]).ready).toBe(true);
    expect(
      assembleOwnerStatement('1', props, [stmt('a', 'A', 'final', 1), stmt('b', 'B', 'draft', 1)]).ready,
    ).toBe(false);
    const none = assembleOwnerStatement('1', props, []);
    expect(none.ready).toBe(false);
    expect(none.sections).toEqual([]);
    expect(none.missing.map((m) => m.propertyId)).toEqual(['a', 'b']);
  });

  it('keeps a statement with the owner it was made for when the property changed hands', () => {
    const result = assembleOwnerStatement(
      '1',
      // Owner 1 owns "Now Mine" today; its statement of the period was made for owner 9.
      [owned('new', 'Now Mine')],
      [
        stmt('new', 'Now Mine', 'final', 50, { ownerId: '9' }),
        // Owner 1 sold "Sold" since, but this period's statement is theirs.
        stmt('sold', 'Sold', 'final', 80),
      ],
    );
    expect(result.sections.map((s) => s.propertyId)).toEqual(['sold']);
    expect(result.properties.map((p) => [p.propertyId, p.state, p.ownedNow, p.statementId])).toEqual([
      ['new', 'other_owner', true, null],
      ['sold', 'final', false, 'stmt_sold'],
    ]);
    expect(result.missing).toEqual([]);
    expect(result.totals.map((t) => t.totals.netPayout)).toEqual([80]);
    expect(result.ready).toBe(true);
  });

  it('names a section whose property has no name by its id', () => {
    const result = assembleOwnerStatement('1', [], [stmt('77', null, 'final', 1)]);
    expect(result.properties[0]?.propertyName).toBe('Property 77');
  });
});
