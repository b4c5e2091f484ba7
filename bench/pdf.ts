/**
 * Time to render a 200-line statement PDF (the target is "well under a second").
 */
import type { StoredStatement } from '../src/db/repositories/statement-repository.js';
import { renderStatementPdf } from '../src/documents/statement-pdf.js';
import { percentile } from './stats.js';

function statementWith(lines: number): StoredStatement {
  const line = (i: number) => ({
    reservationId: String(i),
    guestName: `Guest ${i}`,
    source: 'Airbnb',
    checkIn: '2025-10-01',
    checkOut: '2025-10-05',
    nights: 4,
    nightsInPeriod: 4,
    accommodation: 100001,
    cleaning: 10000,
    otherFees: 2550,
    grossRevenue: 112551,
    channelFees: 18000,
    commission: 14183,
    taxes: 12050,
    ownerPayout: 80368,
  });
  const zero = {
    accommodation: 0,
    cleaning: 0,
    otherFees: 0,
    grossRevenue: 0,
    channelFees: 0,
    commission: 0,
    taxes: 0,
  };
  return {
    id: 'stmt_bench',
    propertyId: '1',
    propertyName: 'Bench House',
    ownerId: '1',
    currency: 'USD',
    period: { start: '2025-10-01', end: '2025-10-31' },
    calculationType: 'checkout',
    settings: { commissionPercent: 15, commissionBasis: 'net', ownerRemitsTaxes: false },
    lines: Array.from({ length: lines }, (_, i) => line(i)),
    expenses: [],
    adjustments: [],
    excluded: [],
    warnings: [],
    totals: { ...zero, ownerPayout: 0, expenses: 0, adjustments: 0, netPayout: 0 },
    status: 'draft',
    version: 1,
    createdAt: '',
    updatedAt: '',
    createdBy: null,
    updatedBy: null,
    sentAt: null,
    sentTo: null,
  };
}

export async function benchPdf(lines = 200, runs = 20): Promise<{ p50: number; max: number; bytes: number }> {
  const s = statementWith(lines);
  await renderStatementPdf(s, { companyName: 'Bench', ownerName: 'Owner' }); // warm up fonts
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    bytes = (await renderStatementPdf(s, { companyName: 'Bench', ownerName: 'Owner' })).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), max: times.at(-1) ?? Number.NaN, bytes };
}
