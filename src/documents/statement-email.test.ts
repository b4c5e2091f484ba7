/** The owner's e-mail: greeting, summary, signature; HTML escaped; a text part with the same words. */
import { describe, expect, it } from 'vitest';
import { statementFixture } from '../../test/helpers/statement-fixture.js';
import type { CompanyProfile } from './company.js';
import { LOGO_CID, statementEmail } from './statement-email.js';

const company: CompanyProfile = {
  name: 'Acme Rentals',
  addressLines: ['12 Harbour Street', 'Portsmouth PO1 2AB'],
  email: 'office@acme.test',
  phone: '+44 23 9200 0000',
  logo: null,
};

describe('statementEmail', () => {
  it('greets the owner, names the statement and the period in words, and signs with the company', () => {
    const mail = statementEmail(statementFixture({}), 'Olivia Owner', company);
    expect(mail.subject).toBe('Owner statement 101-2025-10: Seaside Loft, October 2025');
    const lines = mail.text.split('\n');
    expect(lines[0]).toBe('Dear Olivia Owner,');
    expect(mail.text).toContain(
      'Please find attached your owner statement for Seaside Loft for October 2025 (statement no. 101-2025-10).',
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        'Gross revenue: $1,100.01',
        'Channel fees: −$180.00',
        'Commission (15% of revenue after channel fees): −$138.00',
        'Expenses: $0.00',
        'Adjustments: −$12.34',
        'Net payout: −$0.05',
      ]),
    );
    const regards = lines.indexOf('Kind regards,');
    expect(lines.slice(regards + 2, regards + 6)).toEqual([
      'Acme Rentals',
      '12 Harbour Street',
      'Portsmouth PO1 2AB',
      'office@acme.test · +44 23 9200 0000',
    ]);
    expect(mail.text).not.toMatch(/status|version|checkout|draft|stmt_/i);
    for (const words of ['Dear Olivia Owner,', 'Net payout', '−$0.05', 'Kind regards,', '12 Harbour Street'])
      expect(mail.html).toContain(words);
  });

  it('has a greeting without a name when the owner has none', () => {
    expect(statementEmail(statementFixture({}), null, company).text).toMatch(/^Dear owner,\n/);
  });

  it('escapes names in the HTML', () => {
    const mail = statementEmail(
      statementFixture({ propertyName: '<img src=x onerror=alert(1)> Loft' }),
      'Tom & "Jerry" <b>',
      { ...company, name: 'Acme <script>alert(1)</script>' },
    );
    expect(mail.html).not.toMatch(/<script|<img src=x|<b>/);
    expect(mail.html).toContain('Tom &#38; &#34;Jerry&#34; &#60;b&#62;');
    expect(mail.text).toContain('Dear Tom & "Jerry" <b>,');
  });

  it('shows the logo inline only when there is one', () => {
    expect(statementEmail(statementFixture({}), 'O', company).html).not.toContain('cid:');
    const withLogo = statementEmail(statementFixture({}), 'O', {
      ...company,
      logo: { contentType: 'image/png', bytes: new Uint8Array([1]) },
    });
    expect(withLogo.html).toContain(`src="cid:${LOGO_CID}"`);
  });
});
