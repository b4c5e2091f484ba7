/** A stored statement built in memory, for document tests (override any field). */
import type { StoredStatement } from '../../src/db/repositories/statement-repository.js';
import type { StatementLine } from '../../src/domain/types.js';

export const statementLine = (over: Partial<StatementLine>): StatementLine => ({
  reservationId: 'R1',
  guestName: 'Guest',
  source: 'Airbnb',
  checkIn: '2025-10-01',
  checkOut: '2025-10-05',
  nights: 4,
  nightsInPeriod: 4,
  accommodation: 100001,
  cleaning: 10000,
  otherFees: 0,
  grossRevenue: 110001,
  channelFees: 18000,
  commission: 13800,
  taxes: 12050,
  ownerPayout: 78201,
  ...over,
});

export function statementFixture(over: Partial<StoredStatement> = {}): StoredStatement {
  return {
    id: 'stmt_01',
    propertyId: '101',
    propertyName: 'Seaside Loft',
    ownerId: '1',
    currency: 'USD',
    period: { start: '2025-10-01', end: '2025-10-31' },
    calculationType: 'checkout',
    settings: { commissionPercent: 15, commissionBasis: 'net', ownerRemitsTaxes: false },
    lines: [statementLine({})],
    expenses: [],
    adjustments: [],
    totals: {
      accommodation: 100001,
      cleaning: 10000,
      otherFees: 0,
      grossRevenue: 110001,
      channelFees: 18000,
      commission: 13800,
      taxes: 12050,
      ownerPayout: 78201,
      expenses: 0,
      adjustments: -1234,
      netPayout: -5,
    },
    status: 'draft',
    version: 1,
    createdAt: '2025-11-01T00:00:00.000Z',
    updatedAt: '2025-11-01T00:00:00.000Z',
    createdBy: null,
    updatedBy: null,
    sentAt: null,
    sentTo: null,
    excluded: [],
    warnings: [],
    manualLines: [],
    overrides: [],
    ...over,
  } as StoredStatement;
}
