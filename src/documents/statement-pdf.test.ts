/** What the owner's PDF says and where it says it, read back with poppler (pdftotext, pdfimages). */
import { describe, expect, it } from 'vitest';
import { logoPng, SAMPLE_JPEG } from '../../test/helpers/images.js';
import { hasPoppler, pdfImages, pdfText, pdfWords } from '../../test/helpers/pdf-tools.js';
import { statementFixture, statementLine } from '../../test/helpers/statement-fixture.js';
import type { CompanyProfile } from './company.js';
import { type PdfContext, renderStatementPdf } from './statement-pdf.js';

const company: CompanyProfile = {
  name: 'Acme Rentals',
  addressLines: ['12 Harbour Street', 'Portsmouth PO1 2AB'],
  email: 'office@acme.test',
  phone: '+44 23 9200 0000',
  logo: null,
};
const ctx: PdfContext = { company, ownerName: 'Olivia Owner' };
const words = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');
/** The page margin the layout promises (statement-pdf.ts MARGIN), with pdftotext's rounding. */
const MARGIN = 40;
const EPS = 0.5;

/** A statement whose totals follow DESIGN §5 (the shared fixture's do not need to). */
function consistent(over: { ownerRemitsTaxes?: boolean } = {}) {
  const line = statementLine({});
  const ownerRemitsTaxes = over.ownerRemitsTaxes ?? false;
  const ownerPayout =
    line.grossRevenue - line.channelFees - line.commission + (ownerRemitsTaxes ? line.taxes : 0);
  const expenses = 12_000;
  const adjustments = 2_500;
  return statementFixture({
    settings: { commissionPercent: 15, commissionBasis: 'net', ownerRemitsTaxes },
    lines: [{ ...line, ownerPayout }],
    expenses: [
      {
        id: 'e1',
        propertyId: '101',
        date: '2025-10-02',
        description: 'Plumber',
        amount: expenses,
        type: 'expense',
      },
    ],
    adjustments: [
      {
        id: 'a1',
        propertyId: '101',
        date: '2025-10-20',
        description: 'Goodwill credit',
        amount: adjustments,
        type: 'adjustment',
      },
    ],
    totals: {
      accommodation: line.accommodation,
      cleaning: line.cleaning,
      otherFees: line.otherFees,
      grossRevenue: line.grossRevenue,
      channelFees: line.channelFees,
      commission: line.commission,
      taxes: line.taxes,
      ownerPayout,
      expenses,
      adjustments,
      netPayout: ownerPayout + adjustments - expenses,
    },
    status: 'final',
    version: 2,
  });
}

describe.skipIf(!hasPoppler)('statement PDF', () => {
  it('is addressed from the manager to the owner, numbered, with the period in words', async () => {
    const text = pdfText(await renderStatementPdf(consistent(), ctx));
    for (const expected of [
      'Acme Rentals',
      '12 Harbour Street',
      'Portsmouth PO1 2AB',
      'office@acme.test · +44 23 9200 0000',
      'Owner statement',
      'Statement no. 101-2025-10',
      'Period October 2025',
      'Olivia Owner',
      'Seaside Loft',
      '1 Oct 2025 – 31 Oct 2025',
      'Page 1 of 1',
    ])
      expect(text).toContain(expected);
    // Dates in one style: the reservation's and the ledger's too.
    expect(text).toMatch(/1 Oct 2025\s+5 Oct 2025/);
    expect(text).toContain('2 Oct 2025');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text).not.toMatch(/\b(Oct|Nov) \d+, \d{4}/);
  });

  it('prints nothing internal: no status, version, calculation type or ids', async () => {
    const text = pdfText(await renderStatementPdf(consistent(), ctx));
    expect(text).not.toMatch(/status|version|checkout|checkin|calendar|draft|final|stmt_/i);
    // The calculation type is told in words instead.
    expect(text).toContain('Stays that end between 1 Oct 2025 and 31 Oct 2025');
  });

  it('sums up from gross revenue to the net payout with signed amounts that add up', async () => {
    const s = consistent();
    const text = pdfText(await renderStatementPdf(s, ctx));
    expect(text).toMatch(/Gross revenue\s+\$1,100\.01/);
    expect(text).toMatch(/Channel fees\s+−\$180\.00/);
    expect(text).toMatch(/Commission \(15% of revenue after channel fees\)\s+−\$138\.00/);
    expect(text).toMatch(/Expenses\s+−\$120\.00/);
    expect(text).toMatch(/Adjustments\s+\+\$25\.00/);
    expect(text).toMatch(/Net payout\s+\$687\.01/);
    expect(110_001 - 18_000 - 13_800 - 12_000 + 2_500).toBe(s.totals.netPayout);
    // The manager remits the taxes: no line of the sum, a note that says so.
    expect(text).not.toMatch(/Taxes collected/);
    expect(text.replace(/\s+/g, ' ')).toContain(
      'Taxes of $120.50 collected from guests are remitted by Acme Rentals and are not part of your payout.',
    );

    const owner = consistent({ ownerRemitsTaxes: true });
    const ownerText = pdfText(await renderStatementPdf(owner, ctx));
    expect(ownerText).toMatch(/Taxes collected for you to remit\s+\+\$120\.50/);
    expect(ownerText).toMatch(/Net payout\s+\$807\.51/);
    expect(ownerText).not.toContain('are remitted by');
  });

  it('shows a negative payout with a minus sign', async () => {
    const text = pdfText(await renderStatementPdf(statementFixture({}), ctx));
    expect(text).toMatch(/Net payout\s+−\$0\.05/);
  });

  it('keeps every word inside the margins, however long the names and large the amounts', async () => {
    const big = 9_999_999_999; // the largest amount an entry may have (contract), on every column
    const lines = Array.from({ length: 60 }, (_, i) =>
      statementLine({
        reservationId: `R${i}`,
        guestName:
          i % 2
            ? 'Bartholomew Featherstonehaugh-Cholmondeley-Worthington-Smythe the Third of Upper Wallop'
            : 'שלום כהן ובניו',
        source: 'Booking.com via a very long channel name',
        accommodation: big,
        cleaning: big,
        otherFees: big,
        grossRevenue: big,
        channelFees: big,
        commission: big,
        taxes: big,
        ownerPayout: -big,
      }),
    );
    const pdf = await renderStatementPdf(
      statementFixture({
        lines,
        expenses: [
          {
            id: 'e',
            propertyId: '101',
            date: '2025-10-02',
            description: `${'x'.repeat(400)} ${words(200, 'w')}`,
            amount: big,
            type: 'expense',
          },
        ],
      }),
      ctx,
    );
    const pages = pdfWords(pdf);
    expect(pages.length).toBeGreaterThan(2);
    const outside = pages.flatMap((p, i) =>
      p.words
        .filter(
          (w) =>
            w.xMin < MARGIN - EPS ||
            w.xMax > p.width - MARGIN + EPS ||
            w.yMin < MARGIN - EPS ||
            // The footer sits in the bottom margin, well above the paper's edge.
            w.yMax > p.height - 20,
        )
        .map((w) => `page ${i + 1}: ${w.text} [${w.xMin}, ${w.xMax}]`),
    );
    expect(outside).toEqual([]);
    // The amounts are whole, never cut with an ellipsis.
    const text = pdfText(pdf);
    expect(text).toContain('$99,999,999.99');
    expect(text).toContain('−$99,999,999.99');
    expect(text).not.toMatch(/\$[\d,.]*…/);
    // Long names wrap in their column rather than being cut.
    expect(text.match(/Wallop/g)).toHaveLength(30);
    // Only the channel column is cut (it has a width limit), once per row.
    expect(text.match(/…/g)).toHaveLength(60);
    expect(text).not.toMatch(/Booking\.com via a very long channel name/);
  });

  it('wraps a long description over several lines instead of cutting it', async () => {
    const description = words(120, 'w');
    const pdf = await renderStatementPdf(
      statementFixture({
        expenses: [
          { id: 'l1', propertyId: '101', date: '2025-10-02', description, amount: 500, type: 'expense' },
        ],
      }),
      ctx,
    );
    const text = pdfText(pdf, false).replace(/\s+/g, ' ');
    expect(text).toContain(description);
    expect(text).toMatch(/2 Oct 2025 Expense w0 /);
    expect(text).toContain('−$5.00');
    const lines = pdfText(pdf).split('\n');
    expect(lines.filter((l) => /\bw\d+\b/.test(l)).length).toBeGreaterThan(1);
  });

  it('continues a paragraph on the next page and numbers every page', async () => {
    const expenses = Array.from({ length: 30 }, (_, i) => ({
      id: `l${i}`,
      propertyId: '101',
      date: '2025-10-02',
      description: words(60, `e${i}x`),
      amount: 100 + i,
      type: 'expense' as const,
    }));
    const text = pdfText(await renderStatementPdf(statementFixture({ expenses }), ctx));
    const pages = Number(/Page 1 of (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(1);
    for (let p = 1; p <= pages; p++) expect(text).toContain(`Page ${p} of ${pages}`);
    expect(text).toMatch(/e29x59/);
    expect(text).toContain('−$1.29');

    // One paragraph longer than a page: without going on to the next page its end would fall off.
    const long = words(1500, 'z');
    const one = pdfText(
      await renderStatementPdf(
        statementFixture({
          expenses: [
            { id: 'l', propertyId: '101', date: '2025-10-03', description: long, amount: 7, type: 'expense' },
          ],
        }),
        ctx,
      ),
      false,
    );
    // Every word, in order, whatever pdftotext puts between them (page footers, the amount).
    expect(one.split(/\s+/).filter((w) => /^z\d+$/.test(w))).toEqual(long.split(' '));
    expect(one).toContain('−$0.07');
  });

  it('prints the logo, PNG or JPEG, and goes on without one it cannot read', async () => {
    const png = await renderStatementPdf(consistent(), {
      ...ctx,
      company: { ...company, logo: { contentType: 'image/png', bytes: logoPng(240, 80) } },
    });
    expect(pdfImages(png).filter((i) => i.type === 'image')).toEqual([
      { page: 1, type: 'image', width: 240, height: 80 },
    ]);
    const jpeg = await renderStatementPdf(consistent(), {
      ...ctx,
      company: { ...company, logo: { contentType: 'image/jpeg', bytes: SAMPLE_JPEG } },
    });
    expect(pdfImages(jpeg)).toMatchObject([{ page: 1, type: 'image', width: 96, height: 48 }]);
    const broken = await renderStatementPdf(consistent(), {
      ...ctx,
      company: { ...company, logo: { contentType: 'image/png', bytes: Buffer.from('not a png') } },
    });
    expect(pdfImages(broken)).toEqual([]);
    expect(pdfText(broken)).toContain('Acme Rentals');
  });

  it('keeps right-to-left names readable and numbers in order', async () => {
    const text = pdfText(
      await renderStatementPdf(statementFixture({ lines: [statementLine({ guestName: 'שלום כהן 12' })] }), {
        ...ctx,
        ownerName: 'דנה לוי',
      }),
      false,
    );
    // pdftotext gives right-to-left text back in logical order.
    expect(text).toMatch(/שלום כהן/);
    expect(text).toMatch(/דנה לוי/);
    expect(text).toContain('12');
  });
});
