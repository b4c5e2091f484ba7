/**
 * A reviewed statement in the owner's PDF and the CSV: manual lines with their description and
 * amount, included stays marked as counted, excluded stays not printed as income, and nothing of
 * the review's internal notes (reasons) on the owner's paper.
 */
import { describe, expect, it } from 'vitest';
import { hasPoppler, pdfText } from '../../test/helpers/pdf-tools.js';
import { statementFixture, statementLine } from '../../test/helpers/statement-fixture.js';
import type { StoredStatement } from '../db/repositories/statement-repository.js';
import { manualLine } from '../domain/apply-overrides.js';
import { computeTotals } from '../domain/totals.js';
import { statementCsv } from './statement-csv.js';
import { renderStatementPdf } from './statement-pdf.js';

const settings = { commissionPercent: 15, commissionBasis: 'net' as const, ownerRemitsTaxes: false };

function reviewed(): StoredStatement {
  const lines = [
    statementLine({ reservationId: 'R1', guestName: 'Counted Carla' }),
    statementLine({
      reservationId: 'R2',
      guestName: 'Paid Pete',
      checkIn: '2025-10-10',
      checkOut: '2025-10-12',
      included: { reason: 'secret: owner paid in cash', status: 'pending' },
    }),
  ];
  const manualLines = [
    manualLine(
      { id: 'ovr_1', description: 'Hot tub repair refund', amount: -4_500, countsTowardCommission: false },
      settings,
    ),
    manualLine(
      { id: 'ovr_2', description: 'Late checkout fee', amount: 3_333, countsTowardCommission: true },
      settings,
    ),
  ];
  return statementFixture({
    settings,
    lines,
    manualLines,
    totals: computeTotals(lines, [], [], manualLines),
    excluded: [
      {
        reservationId: 'R9',
        guestName: 'Excluded Edgar',
        checkIn: '2025-10-20',
        checkOut: '2025-10-22',
        status: 'confirmed',
        payout: 99_999,
        overrideReason: 'confidential: owner stayed',
      },
    ],
    overrides: [
      {
        id: 'ovr_0',
        kind: 'exclude',
        reservationId: 'R9',
        reason: 'confidential: owner stayed',
        description: null,
        amount: null,
        countsTowardCommission: null,
        createdAt: '2025-11-01T10:00:00.000Z',
        createdBy: 'usr_1',
      },
      {
        id: 'ovr_1',
        kind: 'manual',
        reservationId: null,
        reason: null,
        description: 'Hot tub repair refund',
        amount: -4_500,
        countsTowardCommission: false,
        createdAt: '2025-11-01T10:01:00.000Z',
        createdBy: 'usr_1',
      },
    ],
  });
}

const ctx = {
  company: { name: 'Acme Rentals', addressLines: [], email: null, phone: null, logo: null },
  ownerName: 'Olivia Owner',
};

describe.skipIf(!hasPoppler)('a reviewed statement in the owner’s PDF', () => {
  it('prints the manual lines with description and amount in the table, and the totals add up', async () => {
    const s = reviewed();
    const text = pdfText(await renderStatementPdf(s, ctx));
    expect(text).toContain('Reservations (2) and other items (2)');
    expect(text).toMatch(/Hot tub repair refund[^\n]*−\$45\.00/);
    expect(text).toMatch(/Late checkout fee[^\n]*\$33\.33/);
    // 15 % of 33.33 = 5.00 commission on the late checkout fee; none on the refund.
    expect(s.totals.commission).toBe(2 * 13_800 + 500);
    expect(text).toMatch(/Net payout\s+\$[\d,.]+/);
    const net = s.totals.netPayout;
    expect(text).toContain(`$${(net / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
  });

  it('marks an included stay as counted, and prints neither excluded stays nor review reasons', async () => {
    const text = pdfText(await renderStatementPdf(reviewed(), ctx));
    expect(text).toContain('Paid Pete (included on review)');
    expect(text).not.toContain('Excluded Edgar');
    expect(text).not.toContain('999.99');
    expect(text).not.toMatch(/secret|confidential|pending/i);
  });
});

describe('a reviewed statement in the CSV', () => {
  it('lists the manual lines with every money column, then the overrides', () => {
    const csv = statementCsv(reviewed());
    const lines = csv.split('\r\n');
    const manualHeader = lines.indexOf(
      '"manualLine","description","countsTowardCommission","accommodation","cleaning","otherFees","grossRevenue","channelFees","commission","taxes","ownerPayout"',
    );
    expect(manualHeader).toBeGreaterThan(0);
    expect(lines[manualHeader + 1]).toBe(
      '"ovr_1","Hot tub repair refund","no",0.00,0.00,-45.00,-45.00,0.00,0.00,0.00,-45.00',
    );
    expect(lines[manualHeader + 2]).toBe(
      '"ovr_2","Late checkout fee","yes",0.00,0.00,33.33,33.33,0.00,5.00,0.00,28.33',
    );
    expect(csv).toContain(
      '"ovr_0","exclude","R9","confidential: owner stayed",,,,"2025-11-01T10:00:00.000Z"',
    );
    expect(csv).toContain(
      '"ovr_1","manual",,,"Hot tub repair refund",-45.00,"no","2025-11-01T10:01:00.000Z"',
    );
  });

  it('has no review sections for a statement without a review', () => {
    const csv = statementCsv(statementFixture({}));
    expect(csv).not.toContain('manualLine');
    expect(csv).not.toContain('"override"');
  });
});
