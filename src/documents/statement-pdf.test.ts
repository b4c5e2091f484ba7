/** Layout of the statement PDF's text, read back with poppler's pdftotext. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { statementFixture, statementLine } from '../../test/helpers/statement-fixture.js';
import { renderStatementPdf } from './statement-pdf.js';

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
if (!hasPdftotext && process.env.CI === 'true')
  throw new Error('pdftotext (poppler-utils) is required under CI=true');
const work = mkdtempSync(join(tmpdir(), 'statement-pdf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function pdfText(pdf: Buffer, layout = true): string {
  const file = join(work, `${Math.random()}.pdf`);
  writeFileSync(file, pdf);
  const run = spawnSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
  expect(run.status).toBe(0);
  return run.stdout;
}

const ctx = { companyName: 'Acme Rentals', ownerName: 'Olivia Owner' };
const words = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');

describe.skipIf(!hasPdftotext)('statement PDF text', () => {
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
    expect(text).toContain(`2025-10-02 ${description} $5.00`);
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
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toContain('e29x59 $1.29');
    expect(text).toMatch(/Net payout\s+-\$0\.05/);

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
    )
      .replace(/Page \d+ of \d+/g, ' ')
      .replace(/\s+/g, ' ');
    expect(one).toContain(`2025-10-03 ${long} $0.07`);
  });

  it('cuts a table cell that is too long with an ellipsis and right-aligns amounts', async () => {
    const guestName = 'Bartholomew Featherstonehaugh-Cholmondeley the Third';
    const text = pdfText(
      await renderStatementPdf(statementFixture({ lines: [statementLine({ guestName })] }), ctx),
    );
    const row = text.split('\n').find((l) => l.includes('Bartholomew')) ?? '';
    expect(row).toMatch(/Bartholomew .*… +Airbnb/);
    expect(row).not.toContain('Third');
    expect(row.trimEnd().endsWith('$782.01')).toBe(true);
  });
});
