/** The combined owner e-mail: the period, every property and its payout, totals per currency, escaped HTML. */
import { describe, expect, it } from 'vitest';
import { statementFixture } from '../../test/helpers/statement-fixture.js';
import { combinedPdfFileName, combinedStatementEmail } from './combined-statement-email.js';
import type { CompanyProfile } from './company.js';
import { LOGO_CID } from './statement-email.js';

const company: CompanyProfile = {
  name: 'Acme Rentals',
  addressLines: ['12 Harbour Street'],
  email: 'office@acme.test',
  phone: null,
  logo: null,
};
const PERIOD = { start: '2025-10-01', end: '2025-10-31' };

const section = (propertyId: string, propertyName: string, netPayout: number, currency = 'USD') => {
  const s = statementFixture({ id: `stmt_${propertyId}`, propertyId, propertyName, currency });
  return { ...s, totals: { ...s.totals, netPayout } };
};

describe('combinedStatementEmail', () => {
  it('names the period and every property with its payout, and the owner’s total', () => {
    const mail = combinedStatementEmail(
      [section('1', 'Beach House', 120_000), section('2', 'City Loft', 30_050), section('3', 'Barn', -1_000)],
      PERIOD,
      'Olivia Owner',
      company,
    );
    expect(mail.subject).toBe('Owner statement October 2025: Beach House, City Loft and Barn');
    const lines = mail.text.split('\n');
    expect(lines[0]).toBe('Dear Olivia Owner,');
    expect(mail.text).toContain(
      'Please find attached your owner statement for October 2025, for your 3 properties: Beach House, City Loft and Barn.',
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        'Beach House: $1,200.00',
        'City Loft: $300.50',
        'Barn: −$10.00',
        'Total net payout: $1,490.50',
      ]),
    );
    expect(mail.text).toContain('The attached PDF has one section per property');
    for (const words of ['Dear Olivia Owner,', 'City Loft', 'Total net payout', '$1,490.50', 'Acme Rentals'])
      expect(mail.html).toContain(words);
    expect(mail.html).not.toContain(`cid:${LOGO_CID}`);
  });

  it('gives one total per currency, never a sum across currencies', () => {
    const mail = combinedStatementEmail(
      [
        section('1', 'Loft', 10_000, 'USD'),
        section('2', 'Chalet', 20_000, 'EUR'),
        section('3', 'Flat', 5_000, 'usd'),
      ],
      PERIOD,
      null,
      company,
    );
    expect(mail.text).toMatch(/^Dear owner,\n/);
    const totals = mail.text.split('\n').filter((l) => l.startsWith('Total net payout'));
    expect(totals).toEqual(['Total net payout (EUR): €200.00', 'Total net payout (USD): $150.00']);
  });

  it('shortens a long subject and speaks of one property plainly', () => {
    const many = ['A', 'B', 'C', 'D', 'E'].map((n, i) => section(String(i), `Unit ${n}`, 100));
    expect(combinedStatementEmail(many, PERIOD, null, company).subject).toBe(
      'Owner statement October 2025: Unit A, Unit B, Unit C and 2 more',
    );
    const one = combinedStatementEmail([section('1', 'Loft', 100)], PERIOD, null, company);
    expect(one.subject).toBe('Owner statement October 2025: Loft');
    expect(one.text).toContain('for October 2025, for Loft.');
    expect(one.text).not.toContain('Total net payout');
  });

  it('escapes names in the HTML', () => {
    const mail = combinedStatementEmail(
      [section('1', '<b>Loft</b>', 100), section('2', 'Tom & Jerry’s', 100)],
      PERIOD,
      '<script>x</script>',
      company,
    );
    expect(mail.html).not.toMatch(/<b>Loft|<script>/);
    expect(mail.html).toContain('&#60;b&#62;Loft');
    expect(mail.html).toContain('Tom &#38; Jerry');
  });

  it('names the PDF by owner and period', () => {
    expect(combinedPdfFileName('Olivia O’Brien', '7', PERIOD)).toBe(
      'owner-statement-Olivia-O-Brien-2025-10-01-2025-10-31.pdf',
    );
    expect(combinedPdfFileName(null, '7', PERIOD)).toBe('owner-statement-7-2025-10-01-2025-10-31.pdf');
  });
});
