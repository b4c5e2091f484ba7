import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPayoutReport, type PayoutOwnerInfo, type PeriodStatement } from './payout-report.js';
import type { StatementStatus, StatementTotals } from './types.js';

const OCTOBER = { start: '2025-10-01', end: '2025-10-31' };

const totals = (netPayout: number): StatementTotals => ({
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
});

let seq = 0;
function st(
  propertyId: string,
  ownerId: string | null,
  status: StatementStatus,
  netPayout: number,
  currency = 'USD',
): PeriodStatement {
  seq += 1;
  return {
    id: `stmt_${seq}`,
    propertyId,
    propertyName: `Villa ${propertyId}`,
    ownerId,
    status,
    currency,
    totals: totals(netPayout),
  };
}

const owners = new Map<string, PayoutOwnerInfo>(
  [
    ['1', 'Zoë Adams', 'zoe@example.com'],
    ['2', 'anna Berg', 'anna@example.com'],
    ['3', 'Unit 10 Holdings', 'u10@example.com'],
    ['4', 'Unit 2 Holdings', 'u2@example.com'],
    ['5', 'Quiet Owner', 'quiet@example.com'],
  ].map(([id = '', name = '', email = '']) => [id, { id, name, email }]),
);

describe('buildPayoutReport', () => {
  it('adds final and sent statements per owner and currency, lists drafts without adding them', () => {
    const report = buildPayoutReport({
      period: OCTOBER,
      statements: [
        st('101', '1', 'final', 100_00),
        st('102', '1', 'sent', 50_25),
        st('103', '1', 'draft', 999_99),
        st('104', '1', 'final', 70_00, 'eur'),
      ],
      owners,
      properties: [],
    });
    const [zoe] = report.owners;
    expect(zoe?.payouts).toEqual([
      { currency: 'EUR', netPayout: 70_00, statementCount: 1 },
      { currency: 'USD', netPayout: 150_25, statementCount: 2 },
    ]);
    expect(zoe?.statements.map((s) => [s.propertyId, s.status, s.number])).toEqual([
      ['101', 'final', '101-2025-10'],
      ['102', 'sent', '102-2025-10'],
      ['104', 'final', '104-2025-10'],
    ]);
    expect(zoe?.drafts.map((s) => [s.propertyId, s.netPayout])).toEqual([['103', 999_99]]);
    expect(report.counts).toMatchObject({ owners: 1, statements: 3, drafts: 1 });
    expect(report.totals).toEqual([
      {
        currency: 'EUR',
        netPayout: 70_00,
        toPay: 70_00,
        owed: 0,
        unassigned: 0,
        ownerCount: 1,
        statementCount: 1,
      },
      {
        currency: 'USD',
        netPayout: 150_25,
        toPay: 150_25,
        owed: 0,
        unassigned: 0,
        ownerCount: 1,
        statementCount: 2,
      },
    ]);
  });

  it('keeps a negative payout negative: owed in the totals, not netted against other owners', () => {
    const report = buildPayoutReport({
      period: OCTOBER,
      statements: [
        st('101', '1', 'final', 200_00),
        st('201', '2', 'final', 30_00),
        st('202', '2', 'final', -80_00),
      ],
      owners,
      properties: [],
    });
    const anna = report.owners.find((o) => o.ownerId === '2');
    expect(anna?.payouts).toEqual([{ currency: 'USD', netPayout: -50_00, statementCount: 2 }]);
    expect(report.totals).toEqual([
      expect.objectContaining({ netPayout: 150_00, toPay: 200_00, owed: 50_00, ownerCount: 2 }),
    ]);
  });

  it('orders owners by name in natural order, any letter case; the no-owner group last', () => {
    const report = buildPayoutReport({
      period: OCTOBER,
      statements: [
        st('1', null, 'final', 5_00),
        st('2', '1', 'final', 1_00),
        st('3', '3', 'final', 1_00),
        st('4', '2', 'final', 1_00),
        st('5', '4', 'final', 1_00),
        st('6', '99', 'final', 1_00),
      ],
      owners,
      properties: [],
    });
    expect(report.owners.map((o) => o.name ?? o.ownerId)).toEqual([
      '99',
      'anna Berg',
      'Unit 2 Holdings',
      'Unit 10 Holdings',
      'Zoë Adams',
      null,
    ]);
    // An owner the catalog does not know keeps its id and no name or e-mail.
    expect(report.owners[0]).toMatchObject({ ownerId: '99', name: null, email: null });
    const noOwner = report.owners.at(-1);
    expect(noOwner).toMatchObject({ ownerId: null, name: null, email: null });
    expect(noOwner?.payouts).toEqual([{ currency: 'USD', netPayout: 5_00, statementCount: 1 }]);
    // Its money is in the totals, as unassigned, not as a transfer.
    expect(report.totals[0]).toMatchObject({
      netPayout: 10_00,
      toPay: 5_00,
      unassigned: 5_00,
      ownerCount: 5,
    });
  });

  it('names the properties without a statement, and owners with none at all', () => {
    const report = buildPayoutReport({
      period: OCTOBER,
      statements: [st('101', '1', 'final', 10_00)],
      owners,
      properties: [
        { id: '101', name: 'Villa 101', ownerId: '1' },
        { id: '103', name: 'Villa 10', ownerId: '1' },
        { id: '102', name: 'Villa 9', ownerId: '1' },
        { id: '501', name: 'Cabin', ownerId: '5' },
      ],
    });
    expect(report.owners[0]?.withoutStatement).toEqual([
      { propertyId: '102', propertyName: 'Villa 9' },
      { propertyId: '103', propertyName: 'Villa 10' },
    ]);
    expect(report.ownersWithoutStatement).toEqual([
      {
        ownerId: '5',
        name: 'Quiet Owner',
        email: 'quiet@example.com',
        properties: [{ propertyId: '501', propertyName: 'Cabin' }],
      },
    ]);
    expect(report.counts).toMatchObject({ propertiesWithoutStatement: 3, ownersWithoutStatement: 1 });
  });

  it('an owner with only drafts is listed with no payout', () => {
    const report = buildPayoutReport({
      period: OCTOBER,
      statements: [st('101', '1', 'draft', 10_00)],
      owners,
      properties: [],
    });
    expect(report.owners[0]).toMatchObject({ ownerId: '1', payouts: [], statements: [] });
    expect(report.owners[0]?.drafts).toHaveLength(1);
    expect(report.totals).toEqual([]);
  });

  it('per currency, the owners’ payouts add up to the total and toPay − owed + unassigned = net', () => {
    const statement = fc.record({
      ownerId: fc.constantFrom('1', '2', '3', null),
      status: fc.constantFrom<StatementStatus>('draft', 'final', 'sent'),
      currency: fc.constantFrom('USD', 'EUR'),
      net: fc.integer({ min: -1_000_000, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 30 }), (list) => {
        const report = buildPayoutReport({
          period: OCTOBER,
          statements: list.map((s, i) => st(String(i), s.ownerId, s.status, s.net, s.currency)),
          owners,
          properties: [],
        });
        for (const t of report.totals) {
          const paid = list.filter((s) => s.status !== 'draft' && s.currency === t.currency);
          expect(t.netPayout).toBe(paid.reduce((n, s) => n + s.net, 0));
          const perOwner = report.owners.flatMap((o) => o.payouts.filter((p) => p.currency === t.currency));
          expect(perOwner.reduce((n, p) => n + p.netPayout, 0)).toBe(t.netPayout);
          expect(t.toPay - t.owed + t.unassigned).toBe(t.netPayout);
          expect(t.toPay).toBeGreaterThanOrEqual(0);
          expect(t.owed).toBeGreaterThanOrEqual(0);
        }
        expect(report.counts.drafts).toBe(list.filter((s) => s.status === 'draft').length);
      }),
    );
  });
});
