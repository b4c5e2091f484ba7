/**
 * The PDF an owner receives: company, owner and property, period and calculation type, every
 * reservation with its money columns, expenses and adjustments, totals, net payout, page numbers.
 * Rendered with pdfkit's built-in Helvetica (no font files, no browser).
 */
import PDFDocument from 'pdfkit';
import type { StoredStatement } from '../db/repositories/statement-repository.js';
import { formatDate, formatMoney } from './format.js';

export interface PdfContext {
  companyName: string;
  ownerName: string | null;
}

const MARGIN = 36;
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
  { title: 'Accommodation', width: 72, align: 'right', value: (l, c) => formatMoney(l.accommodation, c) },
  { title: 'Cleaning', width: 54, align: 'right', value: (l, c) => formatMoney(l.cleaning, c) },
  { title: 'Other fees', width: 54, align: 'right', value: (l, c) => formatMoney(l.otherFees, c) },
  { title: 'Gross', width: 62, align: 'right', value: (l, c) => formatMoney(l.grossRevenue, c) },
  { title: 'Channel fees', width: 60, align: 'right', value: (l, c) => formatMoney(l.channelFees, c) },
  { title: 'Commission', width: 60, align: 'right', value: (l, c) => formatMoney(l.commission, c) },
  { title: 'Taxes', width: 54, align: 'right', value: (l, c) => formatMoney(l.taxes, c) },
  { title: 'Owner payout', width: 66, align: 'right', value: (l, c) => formatMoney(l.ownerPayout, c) },
];

export function renderStatementPdf(s: StoredStatement, ctx: PdfContext): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: MARGIN, bufferPages: true });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.info.Title = `Owner statement ${s.propertyName ?? s.propertyId} ${s.period.start} to ${s.period.end}`;
  doc.info.Author = ctx.companyName;

  const c = s.currency;
  const bottom = () => doc.page.height - MARGIN - 20;
  doc.font('Helvetica-Bold').fontSize(16).text(ctx.companyName);
  doc.font('Helvetica').fontSize(11).text('Owner statement');
  doc.moveDown(0.5);
  doc.fontSize(10);
  doc.text(`Owner: ${ctx.ownerName ?? s.ownerId ?? 'unknown'}`);
  doc.text(`Property: ${s.propertyName ?? s.propertyId}`);
  doc.text(`Period: ${formatDate(s.period.start)} - ${formatDate(s.period.end)} (${s.calculationType})`);
  doc.text(`Status: ${s.status}, version ${s.version}   Currency: ${c}`);
  doc.moveDown(0.8);

  // Reservations table, with the header repeated on each page.
  const header = () => {
    doc.font('Helvetica-Bold').fontSize(8);
    drawRow(COLUMNS.map((col) => col.title));
    doc.font('Helvetica').fontSize(8);
  };
  const drawRow = (cells: string[]) => {
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((text, i) => {
      const col = COLUMNS[i];
      if (!col) return;
      doc.text(text, x, y, { width: col.width - 4, align: col.align, lineBreak: false, ellipsis: true });
      x += col.width;
    });
    doc.x = MARGIN;
    doc.y = y + 13;
  };
  doc.font('Helvetica-Bold').fontSize(11).text(`Reservations (${s.lines.length})`);
  doc.moveDown(0.3);
  header();
  for (const line of s.lines) {
    if (doc.y > bottom()) {
      doc.addPage();
      header();
    }
    drawRow(COLUMNS.map((col) => col.value(line, c)));
  }
  if (s.lines.length === 0) doc.text('No counted reservations in this period.');
  doc.moveDown(0.8);

  const ledger = (title: string, entries: StoredStatement['expenses']) => {
    if (doc.y > bottom() - 40) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(11).text(title, MARGIN);
    doc.font('Helvetica').fontSize(9);
    if (entries.length === 0) doc.text('None.');
    for (const e of entries) {
      if (doc.y > bottom()) doc.addPage();
      doc.text(`${e.date}  ${e.description}  ${formatMoney(e.amount, c)}`);
    }
    doc.moveDown(0.5);
  };
  ledger('Expenses', s.expenses);
  ledger('Adjustments', s.adjustments);

  if (doc.y > bottom() - 160) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(11).text('Totals', MARGIN);
  doc.font('Helvetica').fontSize(9);
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
  for (const [label, cents] of totals) {
    const y = doc.y;
    doc.text(label, MARGIN, y, { width: 240 });
    doc.text(formatMoney(cents, c), MARGIN + 240, y, { width: 100, align: 'right' });
    doc.x = MARGIN;
  }
  doc.moveDown(0.4);
  const y = doc.y;
  doc.font('Helvetica-Bold').fontSize(12).text('Net payout', MARGIN, y, { width: 240 });
  doc.text(formatMoney(t.netPayout, c), MARGIN + 240, y, { width: 100, align: 'right' });

  // Page numbers once all pages exist. The footer sits in the bottom margin, so the margin is
  // lifted while writing it (pdfkit would otherwise start a new page).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8);
    doc.text(`Page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - MARGIN - 10, {
      width: doc.page.width - 2 * MARGIN,
      align: 'right',
      lineBreak: false,
    });
  }
  doc.end();
  return done;
}
