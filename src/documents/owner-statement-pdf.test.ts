/** The owner PDF read back with poppler: the summary page, then one section per property statement. */
import { describe, expect, it } from 'vitest';
import { hasPoppler, pdfText, pdfWords } from '../../test/helpers/pdf-tools.js';
import { statementFixture, statementLine } from '../../test/helpers/statement-fixture.js';
import type { StoredStatement } from '../db/repositories/statement-repository.js';
import { assembleOwnerStatement, type OwnerStatementOf } from '../domain/owner-statement.js';
import type { CompanyProfile } from './company.js';
import { DRAFT_MARK, ownerPdfFileName, renderOwnerStatementPdf } from './owner-statement-pdf.js';

const company: CompanyProfile = {
  name: 'Acme Rentals',
  addressLines: ['12 Harbour Street'],
  email: 'office@acme.test',
  phone: null,
  logo: null,
};
const MARGIN = 40;
const EPS = 0.5;
const PERIOD = { start: '2025-10-01', end: '2025-10-31' };

const statement = (propertyId: string, propertyName: string, over: Partial<StoredStatement> = {}) =>
  statementFixture({ id: `stmt_${propertyId}`, propertyId, propertyName, status: 'final', ...over });

function ownerStatement(
  statements: StoredStatement[],
  extra: Array<{ id: string; name: string; currency: string }> = [],
): OwnerStatementOf<StoredStatement> {
  const owned = [
    ...statements.map((s) => ({ id: s.propertyId, name: s.propertyName ?? '', currency: s.currency })),
    ...extra,
  ];
  return {
    owner: { id: '1', name: 'Olivia Owner', email: 'olivia@example.com' },
    period: PERIOD,
    ...assembleOwnerStatement('1', owned, statements),
  };
}

/** The text of each page, words joined by single spaces. */
const pages = (pdf: Buffer) => pdfWords(pdf).map((p) => p.words.map((w) => w.text).join(' '));

describe.skipIf(!hasPoppler)('owner statement PDF', () => {
  it('starts with a summary page of every property and the totals per currency, then a section each', async () => {
    const o = ownerStatement(
      [
        statement('101', 'Seaside Loft'),
        statement('103', 'Quiet Chalet', { currency: 'EUR' }),
        statement('104', 'Unit 10', { status: 'sent' }),
      ],
      [{ id: '105', name: 'Annex', currency: 'USD' }],
    );
    const pdf = await renderOwnerStatementPdf(o, { company });
    const text = pages(pdf);
    expect(text).toHaveLength(4);
    const [summary, ...sections] = text;
    for (const words of [
      'Acme Rentals',
      'Owner statement',
      'Period October 2025',
      'Olivia Owner',
      'Annex No statement for this period',
      'Quiet Chalet 103-2025-10 €1,100.01 €180.00 €138.00 €0.00 −€12.34 −€0.05',
      'Seaside Loft 101-2025-10 $1,100.01',
      'Unit 10 104-2025-10',
      'Totals by currency',
      'EUR 1 statement €1,100.01 €180.00 €138.00 €0.00 −€12.34 −€0.05',
      // Two USD statements add up; the EUR one is never added to them.
      'USD 2 statements $2,200.02 $360.00 $276.00 $0.00 −$24.68 −$0.10',
      'Page 1 of 4',
    ])
      expect(summary).toContain(words);
    // The sections in the summary's order (property names in natural order), numbered on.
    expect(sections.map((p) => /Statement no\. (\S+)/.exec(p)?.[1])).toEqual([
      '103-2025-10',
      '101-2025-10',
      '104-2025-10',
    ]);
    sections.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 2} of 4`);
      expect(p).toContain('Reservations (1)');
      expect(p).toContain('Olivia Owner');
    });
    expect(text.join(' ')).not.toContain(DRAFT_MARK);
  });

  it('marks a draft in its row, its section header and on each of its pages', async () => {
    const many = Array.from({ length: 40 }, (_, i) => statementLine({ reservationId: `R${i}` }));
    const o = ownerStatement([
      statement('101', 'Seaside Loft'),
      statement('102', 'Beach Hut', { status: 'draft', lines: many }),
    ]);
    const text = pages(await renderOwnerStatementPdf(o, { company }));
    const [summary, ...rest] = text;
    expect(summary).toContain(`Beach Hut (${DRAFT_MARK.toLowerCase()})`);
    expect(summary).toContain(`${DRAFT_MARK}: Beach Hut.`);
    const draftPages = rest.filter((p) => p.includes('Beach Hut'));
    expect(draftPages.length).toBeGreaterThan(1);
    for (const p of draftPages) expect(p).toContain(DRAFT_MARK);
    // Its first page carries the mark under the title.
    expect(draftPages[0]).toMatch(/Period October 2025 Draft — not final/);
    const finalPages = rest.filter((p) => p.includes('Seaside Loft'));
    expect(finalPages.length).toBe(1);
    expect(finalPages[0]).not.toContain(DRAFT_MARK);
  });

  it('keeps every word inside the margins with many properties and long names', async () => {
    const long = 'Bartholomew Featherstonehaugh-Cholmondeley Residence of Upper Wallop and District';
    const statements = Array.from({ length: 45 }, (_, i) =>
      statement(String(200 + i), `${long} ${i}`, {
        totals: { ...statementFixture().totals, grossRevenue: 9_999_999_999, netPayout: -9_999_999_999 },
      }),
    );
    const pdf = await renderOwnerStatementPdf(ownerStatement(statements), { company });
    const read = pdfWords(pdf);
    expect(read.length).toBeGreaterThan(46); // the summary runs over pages, then 45 sections
    for (const page of read) {
      for (const w of page.words) {
        expect(w.xMin).toBeGreaterThanOrEqual(MARGIN - EPS);
        expect(w.xMax).toBeLessThanOrEqual(page.width - MARGIN + EPS);
      }
    }
    const text = read.map((p) => p.words.map((w) => w.text).join(' ')).join(' ');
    expect(text).toContain('$99,999,999.99');
    expect(text).toContain(`Page ${read.length} of ${read.length}`);
  });

  it("names a property whose statement was made for the previous owner, without the 'no activity' note", async () => {
    const sold = statement('102', 'Beach Hut', { ownerId: '7' });
    const o = ownerStatement([statement('101', 'Seaside Loft'), sold]);
    expect(o.properties.find((p) => p.propertyId === '102')?.state).toBe('other_owner');
    const [summary] = pages(await renderOwnerStatementPdf(o, { company }));
    expect(summary).toContain('Beach Hut Statement made for the previous owner');
    expect(summary).not.toContain('No statement for this period');
    expect(summary).not.toMatch(/no reservation, expense or adjustment/);
    // Beside a property without any statement, that one gets the note.
    const both = ownerStatement(
      [statement('101', 'Seaside Loft'), sold],
      [{ id: '105', name: 'Annex', currency: 'USD' }],
    );
    const [summary2] = pages(await renderOwnerStatementPdf(both, { company }));
    expect(summary2).toContain('Annex No statement for this period');
    expect(summary2).toContain('Beach Hut Statement made for the previous owner');
    expect(summary2).toMatch(/no reservation, expense or adjustment/);
  });

  it('falls back to the e-mail when the owner has no name', async () => {
    const o = {
      ...ownerStatement([statement('101', 'Seaside Loft')]),
      owner: { id: '9', name: '', email: 'x@y.z' },
    };
    expect(pdfText(await renderOwnerStatementPdf(o, { company }))).toContain('x@y.z');
  });
});

describe('owner PDF file name', () => {
  it('names the owner and the period in words', () => {
    expect(ownerPdfFileName({ owner: { id: '1', name: 'Olivia Owner', email: 'o@x' }, period: PERIOD })).toBe(
      'Owner statement – Olivia Owner – October 2025.pdf',
    );
    expect(
      ownerPdfFileName({
        owner: { id: '1', name: 'A/B "C"', email: 'o@x' },
        period: { start: '2025-10-01', end: '2025-10-15' },
      }),
    ).toBe('Owner statement – A B C – 1–15 Oct 2025.pdf');
  });
});
