/**
 * The payout report's examples for the API docs: October 2025 of the neighbouring examples
 * (examples.ts), built by the code that builds every report, so the sums add up as in a real
 * answer. Two owners in USD, one also in EUR; one owes the manager; one draft not included.
 */
import type { PayoutPeriodsDto, PayoutReportDto } from '../../contract/payout-report.js';
import { buildPayoutReport, type PeriodStatement } from '../../domain/payout-report.js';
import type { StatementTotals } from '../../domain/types.js';
import { ids, statementExample } from './examples.js';

const period = { start: '2025-10-01', end: '2025-10-31' };

const net = (netPayout: number): StatementTotals => ({ ...statementExample.totals, netPayout });

const statements: PeriodStatement[] = [
  {
    id: ids.seasideLoft,
    propertyId: '101',
    propertyName: 'Seaside Loft',
    ownerId: '1',
    status: 'sent',
    currency: 'USD',
    totals: statementExample.totals,
  },
  {
    id: 'stmt_01k94kxfm6d8f1h3k5n7q9s2v4',
    propertyId: '102',
    propertyName: 'Old Town Flat',
    ownerId: '1',
    status: 'final',
    currency: 'EUR',
    totals: net(41250),
  },
  {
    id: 'stmt_01k94kxfn9e2g4j6m8p1r3t5w7',
    propertyId: '103',
    propertyName: 'Quiet Chalet',
    ownerId: '1',
    status: 'draft',
    currency: 'USD',
    totals: net(18020),
  },
  {
    id: ids.harborView,
    propertyId: '104',
    propertyName: 'Harbor View',
    ownerId: '2',
    status: 'final',
    currency: 'USD',
    totals: net(-9500),
  },
];

const report = buildPayoutReport({
  period,
  statements,
  owners: new Map([
    ['1', { id: '1', name: 'Maria Lopez', email: 'maria.lopez@example.com' }],
    ['2', { id: '2', name: 'Tom Becker', email: 'tom.becker@example.com' }],
  ]),
  properties: [
    { id: '101', name: 'Seaside Loft', ownerId: '1' },
    { id: '102', name: 'Old Town Flat', ownerId: '1' },
    { id: '103', name: 'Quiet Chalet', ownerId: '1' },
    { id: '104', name: 'Harbor View', ownerId: '2' },
    { id: '105', name: 'Garden Cottage', ownerId: '2' },
  ],
});

/** The report the domain builds (for the CSV example). */
export const payoutReportModelExample = report;

export const payoutReportExample: PayoutReportDto = (() => {
  const { period: p, ...rest } = report;
  return { periodStart: p.start, periodEnd: p.end, ...rest };
})();

export const payoutPeriodsExample: PayoutPeriodsDto = {
  periods: [
    { periodStart: '2025-10-01', periodEnd: '2025-10-31', statementCount: 4 },
    { periodStart: '2025-09-01', periodEnd: '2025-09-30', statementCount: 5 },
  ],
};
