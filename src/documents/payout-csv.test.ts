import { describe, expect, it } from 'vitest';
import { csvRecords, parseCsv } from '../../test/helpers/parse-csv.js';
import { buildPayoutReport, type PeriodStatement } from '../domain/payout-report.js';
import type { StatementStatus } from '../domain/types.js';
import { NO_OWNER_LABEL, PAYOUT_CSV_HEADER, payoutCsv, payoutCsvFileName } from './payout-csv.js';

const OCTOBER = { start: '2025-10-01', end: '2025-10-31' };

function st(
  propertyId: string,
  propertyName: string,
  ownerId: string | null,
  status: StatementStatus,
  netPayout: number,
  currency = 'USD',
): PeriodStatement {
  return {
    id: `stmt_${propertyId}`,
    propertyId,
    propertyName,
    ownerId,
    status,
    currency,
    totals: {
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
    },
  };
}

const report = (statements: PeriodStatement[]) =>
  buildPayoutReport({
    period: OCTOBER,
    statements,
    owners: new Map([
      ['1', { id: '1', name: 'Maria Lopez', email: 'maria@example.com' }],
      ['2', { id: '2', name: '=HYPERLINK("http://evil","pay me")', email: '+1@example.com' }],
    ]),
    properties: [],
  });

describe('payout CSV', () => {
  it('writes one row per owner and currency, the amount as a bare decimal, a negative with "-"', () => {
    const csv = payoutCsv(
      report([
        st('101', 'Seaside Loft', '1', 'final', 1234_56),
        st('102', 'Harbor View', '1', 'sent', 10_00),
        st('103', 'Old Town', '1', 'final', -5, 'EUR'),
        st('104', 'Chalet', '1', 'draft', 99_00),
      ]),
    );
    expect(csv.startsWith('"owner"')).toBe(true); // no BOM, like the statement CSVs
    expect(csv.endsWith('\r\n')).toBe(true);
    const [header] = parseCsv(csv);
    expect(header?.map((c) => c.text)).toEqual([...PAYOUT_CSV_HEADER]);
    const rows = csvRecords(csv);
    expect(rows.map((r) => [r.owner?.text, r.currency?.text, r.netPayout?.text, r.statements?.text])).toEqual(
      [
        ['Maria Lopez', 'EUR', '-0.05', '1'],
        ['Maria Lopez', 'USD', '1244.56', '2'],
      ],
    );
    const usd = rows[1];
    expect(usd?.netPayout).toEqual({ text: '1244.56', quoted: false });
    expect(usd?.statements).toEqual({ text: '2', quoted: false });
    expect(usd?.email).toEqual({ text: 'maria@example.com', quoted: true });
    expect(usd?.covered?.text).toBe('Harbor View (102-2025-10); Seaside Loft (101-2025-10)');
    expect(usd?.draftsNotIncluded?.text).toBe('Chalet (104-2025-10)');
    expect(rows[0]?.draftsNotIncluded?.text).toBe('');
  });

  it('gives a currency with only drafts a 0.00 row naming them, so they are seen and not paid', () => {
    const rows = csvRecords(payoutCsv(report([st('101', 'Seaside Loft', '1', 'draft', 500_00)])));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.netPayout?.text).toBe('0.00');
    expect(rows[0]?.statements?.text).toBe('0');
    expect(rows[0]?.covered?.text).toBe('');
    expect(rows[0]?.draftsNotIncluded?.text).toBe('Seaside Loft (101-2025-10)');
  });

  it('neutralises formulas in names and e-mails, and labels the statements without an owner', () => {
    const csv = payoutCsv(
      report([st('201', '@SUM(A1:A9)', '2', 'final', 10_00), st('301', '-2+3', null, 'final', 1_00)]),
    );
    const rows = csvRecords(csv);
    expect(rows[0]?.owner?.text).toBe('\'=HYPERLINK("http://evil","pay me")');
    expect(rows[0]?.email?.text).toBe("'+1@example.com");
    expect(rows[0]?.covered?.text).toBe("'@SUM(A1:A9) (201-2025-10)");
    expect(rows[1]?.owner?.text).toBe(NO_OWNER_LABEL);
    expect(rows[1]?.ownerId).toEqual({ text: '', quoted: false });
    expect(rows[1]?.covered?.text).toBe("'-2+3 (301-2025-10)");
  });

  it('writes only the header for a period without statements', () => {
    expect(parseCsv(payoutCsv(report([])))).toHaveLength(1);
  });

  it('names the file after the period', () => {
    expect(payoutCsvFileName(OCTOBER)).toBe('payouts-2025-10-01-2025-10-31.csv');
  });
});
