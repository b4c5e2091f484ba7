/**
 * The PDF an owner receives: company, owner and property, period and calculation type, every
 * reservation with its money columns, expenses and adjustments, totals, net payout, page numbers.
 * Rendered with pdfkit and the Noto Sans fonts shipped in node_modules (no browser, nothing
 * downloaded), so names in any script those fonts cover print as written (pdf-fonts.ts).
 */
import PDFDocument from 'pdfkit';
import type { StoredStatement } from '../db/repositories/statement-repository.js';
import { formatMoney } from '../domain/money-format.js';
import { MONEY_COLUMNS, type MoneyColumnKey } from '../domain/statement-columns.js';
import { formatDate } from './format.js';
import { registerFonts } from './pdf-fonts.js';
import { drawText, type TextBox } from './pdf-text.js';

export interface PdfContext {
  companyName: string;
  ownerName: string | null;
}

const MARGIN = 36;
/** The money columns' widths in points (A4 landscape holds them all at 8 pt). */
const MONEY_WIDTHS: Record<MoneyColumnKey, number> = {
  accommodation: 72,
  cleaning: 54,
  otherFees: 54,
  grossRevenue: 62,
  channelFees: 60,
  commission: 60,
  taxes: 54,
  ownerPayout: 66,
};
const COLUMNS: Array<{
  title: string;
  width: number;
  align: 'left' | 'right';
  value: (l: StoredStatement['lines'][number], c: string) => string;
}> = [
  { title: 'Guest', width: 104, align: 'left', value: (l) => l.guestName },
  { title: 'Source', width: 60, align: 'left', value: (l) => l.source },
  { title: 'Check-in', width: 62, align: 'left', value: (l) => l.checkIn },
  { title: 'Check-out', width: 62, align: 'left', value: (l) => l.checkOut },
  {
    title: 'Nights',
    width: 38,
    align: 'right',
    value: (l) => (l.nightsInPeriod === l.nights ? `${l.nights}` : `${l.nightsInPeriod}/${l.nights}`),
  },
  ...MONEY_COLUMNS.map(({ key, label, shortLabel }) => ({
    title: shortLabel ?? label,
    width: MONEY_WIDTHS[key],
    align: 'right' as const,
    value: (l: StoredStatement['lines'][number], c: string) => formatMoney(l[key], c),
  })),
];

export function renderStatementPdf(s: StoredStatement, ctx: PdfContext): Promise<Buffer> {
  // No default font: every piece of text is drawn with the embedded Noto faces.
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    font: '',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerFonts(doc);
  doc.info.Title = `Owner statement ${s.propertyName ?? s.propertyId} ${s.period.start} to ${s.period.end}`;
  doc.info.Author = ctx.companyName;

  const c = s.currency;
  const contentWidth = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - 20;
  /** A paragraph at the left margin, wrapped to the page's width (as pdfkit's text() did). */
  const para = (text: string, size: number, weight: TextBox['weight'] = 'regular') =>
    drawText(doc, text, { x: MARGIN, y: doc.y, width: contentWidth, size, weight, overflow: 'wrap' });

  para(ctx.companyName, 16, 'bold');
  para('Owner statement', 11);
  doc.moveDown(0.5);
  para(`Owner: ${ctx.ownerName ?? s.ownerId ?? 'unknown'}`, 10);
  para(`Property: ${s.propertyName ?? s.propertyId}`, 10);
  para(`Period: ${formatDate(s.period.start)} - ${formatDate(s.period.end)} (${s.calculationType})`, 10);
  para(`Status: ${s.status}, version ${s.version}   Currency: ${c}`, 10);
  doc.moveDown(0.8);

  // Reservations table, with the header repeated on each page.
  const drawRow = (cells: string[], weight: TextBox['weight']) => {
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((text, i) => {
      const col = COLUMNS[i];
      if (!col) return;
      drawText(doc, text, { x, y, width: col.width - 4, size: 8, weight, align: col.align });
      x += col.width;
    });
    doc.x = MARGIN;
    doc.y = y + 13;
  };
  const header = () =>
    drawRow(
      COLUMNS.map((col) => col.title),
      'bold',
    );
  para(`Reservations (${s.lines.length})`, 11, 'bold');
  doc.moveDown(0.3);
  header();
  for (const line of s.lines) {
    if (doc.y > bottom()) {
      doc.addPage();
      header();
    }
    drawRow(
      COLUMNS.map((col) => col.value(line, c)),
      'regular',
    );
  }
  if (s.lines.length === 0) para('No counted reservations in this period.', 8);
  doc.moveDown(0.8);

  const ledger = (title: string, entries: StoredStatement['expenses']) => {
    if (doc.y > bottom() - 40) doc.addPage();
    para(title, 11, 'bold');
    if (entries.length === 0) para('None.', 9);
    for (const e of entries) {
      if (doc.y > bottom()) doc.addPage();
      para(`${e.date}  ${e.description}  ${formatMoney(e.amount, c)}`, 9);
    }
    doc.moveDown(0.5);
  };
  ledger('Expenses', s.expenses);
  ledger('Adjustments', s.adjustments);

  if (doc.y > bottom() - 160) doc.addPage();
  para('Totals', 11, 'bold');
  const t = s.totals;
  const totals: Array<[string, number]> = [
    ['Accommodation', t.accommodation],
    ['Cleaning', t.cleaning],
    ['Other fees', t.otherFees],
    ['Gross revenue', t.grossRevenue],
    ['Channel fees', -t.channelFees],
    [`Commission (${s.settings.commissionPercent}% of ${s.settings.commissionBasis})`, -t.commission],
    [s.settings.ownerRemitsTaxes ? 'Taxes (paid to the owner)' : 'Taxes (remitted by the manager)', t.taxes],
    ['Owner payout', t.ownerPayout],
    ['Adjustments', t.adjustments],
    ['Expenses', -t.expenses],
  ];
  const amountRow = (label: string, cents: number, size: number, weight: TextBox['weight']) => {
    const y = doc.y;
    drawText(doc, formatMoney(cents, c), { x: MARGIN + 240, y, width: 100, size, weight, align: 'right' });
    drawText(doc, label, { x: MARGIN, y, width: 240, size, weight });
  };
  for (const [label, cents] of totals) amountRow(label, cents, 9, 'regular');
  doc.moveDown(0.4);
  amountRow('Net payout', t.netPayout, 12, 'bold');

  // Page numbers once all pages exist. The footer sits in the bottom margin, so the margin is
  // lifted while writing it (pdfkit would otherwise start a new page).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    drawText(doc, `Page ${i + 1} of ${range.count}`, {
      x: MARGIN,
      y: doc.page.height - MARGIN - 10,
      width: contentWidth,
      size: 8,
      align: 'right',
    });
  }
  doc.end();
  return done;
}
