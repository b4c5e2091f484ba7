/**
 * The PDF an owner receives from their property manager: the manager's letterhead (logo, name,
 * address), the statement number and period, who it is for, a summary from gross revenue to
 * the net payout with signed amounts, every reservation and every line added on review (its
 * description and amount, in the same table, so the totals row adds up), the expenses and
 * adjustments, and page numbers. Nothing internal (status, version, ids, calculation-type names,
 * the reasons given on review) is printed; a reservation excluded on review is not printed at
 * all, and one included on review says so.
 *
 * Rendered with pdfkit and the Noto Sans fonts shipped in node_modules (no browser, nothing
 * downloaded), so names in any script those fonts cover print as written (pdf-fonts.ts). Every
 * piece of text is drawn inside the margins: the reservations table sizes its columns to what
 * they hold at the largest font size that fits, wraps guest names, and cuts words too long for
 * their column.
 */
import type { StoredStatement } from '../db/repositories/statement-repository.js';
import { MONEY_COLUMNS } from '../domain/statement-columns.js';
import { statementNumber } from '../domain/statement-number.js';
import type { CalculationType, ManualLine } from '../domain/types.js';
import type { CompanyProfile } from './company.js';
import { formatDate, formatPeriod } from './format.js';
import {
  ACCENT,
  BOX_FILL,
  CELL_PAD,
  drawLetterhead,
  drawPageFooters,
  HEADER_FILL,
  INK,
  MARGIN,
  MUTED,
  newOwnerDocument,
  pageTools,
  ROW_PAD,
  RULE,
  ZEBRA,
} from './pdf-layout.js';
import { lineCount, lineHeight, type TextBox, textWidth } from './pdf-text.js';
import { documentMoney, signedMoney, statementSummary } from './statement-summary.js';

export interface PdfContext {
  /** The property manager: letterhead, signature, footer. */
  company: CompanyProfile;
  ownerName: string | null;
}

type Line = StoredStatement['lines'][number];
/** A row of the reservations table: a stay, or a line added on review. */
type Row = { stay: Line } | { item: ManualLine };

/** Font sizes the reservations table tries, largest first, until its columns fit the page. */
const TABLE_SIZES = [8, 7.5, 7, 6.5, 6];
/** The guest column never gets narrower than this (names wrap within it). */
const MIN_GUEST_WIDTH = 96;
/** Headers stay on one line when the guest column keeps at least this much. */
const ONE_LINE_GUEST_WIDTH = 150;
/** Beyond this the guest column gives its room to the others, as space between the amounts. */
const MAX_GUEST_WIDTH = 190;
const MAX_SOURCE_WIDTH = 72;

/** Which reservations the statement takes, said for the owner (DESIGN §5, no type names). */
function selectionSentence(type: CalculationType, start: string, end: string): string {
  const range = `${formatDate(start)} and ${formatDate(end)}`;
  if (type === 'checkin') return `Stays that begin between ${range}, each counted in full.`;
  if (type === 'calendar')
    return `Nights stayed between ${range}; a stay that runs past the period counts with its nights inside it.`;
  return `Stays that end between ${range}, each counted in full.`;
}

interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
  /** The cell's text; `wrap` cells may take several lines, the others are cut with an ellipsis. */
  value: (r: Row) => string;
  total?: string;
  wrap?: boolean;
}

function nightsText(l: Line): string {
  return l.nightsInPeriod === l.nights ? `${l.nights}` : `${l.nightsInPeriod} of ${l.nights}`;
}

function guestText(l: Line): string {
  if (l.cancellation) return `${l.guestName} (cancellation fee)`;
  // Counted although Hostify's status is not one that counts: the owner sees it was decided.
  if (l.included) return `${l.guestName} (included on review)`;
  return l.guestName;
}

/** A statement made before line review (by an older caller) has no manual lines. */
const manualLinesOf = (s: StoredStatement): readonly ManualLine[] => s.manualLines ?? [];

/** A stay's cell, or `other` for a line added on review (which has no stay). */
const stayCell =
  (value: (l: Line) => string, other: (m: ManualLine) => string = () => '') =>
  (r: Row): string =>
    'stay' in r ? value(r.stay) : other(r.item);

/**
 * The reservations table's columns at the largest size that fits `width`: each column as wide
 * as its widest entry (headers wrap at spaces, so a header's longest word counts), the guest
 * column takes what is left.
 */
function tableLayout(doc: PDFKit.PDFDocument, s: StoredStatement, width: number) {
  const c = s.currency;
  const base: Array<Omit<Column, 'width'> & { fixed?: number; max?: number; grow?: boolean }> = [
    {
      title: 'Guest',
      align: 'left',
      value: stayCell(guestText, (m) => m.description),
      wrap: true,
      grow: true,
      total: 'Total',
    },
    { title: 'Channel', align: 'left', value: stayCell((l) => l.source), max: MAX_SOURCE_WIDTH },
    { title: 'Check-in', align: 'left', value: stayCell((l) => formatDate(l.checkIn)) },
    { title: 'Check-out', align: 'left', value: stayCell((l) => formatDate(l.checkOut)) },
    { title: 'Nights', align: 'right', value: stayCell(nightsText) },
    ...MONEY_COLUMNS.map(({ key, label }) => ({
      title: label,
      align: 'right' as const,
      value: (r: Row) => documentMoney('stay' in r ? r.stay[key] : r.item[key], c),
      total: documentMoney(s.totals[key], c),
    })),
  ];
  // Text widths grow in proportion to the font size: each column's widest entries are measured
  // once, at 1 pt, and scaled for every size tried.
  const widest = (texts: string[], weight: TextBox['weight']) =>
    Math.max(0, ...texts.map((t) => textWidth(doc, t, 1, weight)));
  // Every cell's text, made once (formatting money is not free, and a statement may have hundreds).
  const rows: Row[] = [...s.lines.map((stay) => ({ stay })), ...manualLinesOf(s).map((item) => ({ item }))];
  const cells = rows.map((row) => base.map((col) => col.value(row)));
  const unit = base.map((col, i) => {
    if (col.grow) return { whole: 0, words: 0 };
    const widestCell = Math.max(
      widest(
        cells.map((row) => row[i] ?? ''),
        'regular',
      ),
      widest(col.total ? [col.total] : [], 'bold'),
    );
    return {
      whole: Math.max(widestCell, widest([col.title], 'bold')),
      words: Math.max(widestCell, widest(col.title.split(' '), 'bold')),
    };
  });
  // Each size is tried with one-line headers, then with headers wrapped at their spaces.
  for (const [size, wrapHeaders] of TABLE_SIZES.flatMap((size) => [
    [size, false] as const,
    [size, true] as const,
  ])) {
    const widths = base.map((col, i) => {
      if (col.grow) return 0;
      const u = unit[i];
      const need = (wrapHeaders ? (u?.words ?? 0) : (u?.whole ?? 0)) * size + 2 * CELL_PAD + 0.5;
      return col.max ? Math.min(col.max, need) : need;
    });
    const rest = width - widths.reduce((a, b) => a + b, 0);
    const smallest = size === TABLE_SIZES[TABLE_SIZES.length - 1] && wrapHeaders;
    if (rest >= (wrapHeaders ? MIN_GUEST_WIDTH : ONE_LINE_GUEST_WIDTH) || smallest) {
      const spare = Math.max(0, rest - MAX_GUEST_WIDTH) / (base.length - 1);
      const columns: Column[] = base.map((col, i) => ({
        ...col,
        width: col.grow
          ? Math.max(Math.min(rest, MAX_GUEST_WIDTH), MIN_GUEST_WIDTH)
          : (widths[i] ?? 0) + spare,
      }));
      return { size, columns, cells };
    }
  }
  throw new Error('unreachable: the smallest size is always taken');
}

/** What a statement drawn into a shared document (the owner PDF) prints besides the statement. */
export interface StatementDrawOptions {
  /**
   * A warning under the title, in red ("Draft — not final"): the owner PDF marks statements
   * that are not final. The single statement's PDF prints none (nothing internal is printed).
   */
  mark?: string | null;
}

/** What the statement's PDF is titled (its document properties). */
export function statementTitle(s: StoredStatement): string {
  const property = s.propertyName ?? `Property ${s.propertyId}`;
  return `Owner statement ${statementNumber(s.propertyId, s.period)}: ${property}, ${formatPeriod(s.period)}`;
}

/** The left part of the footer of a statement's pages: the manager, the number, the owner and property. */
export function statementFooter(s: StoredStatement, ctx: PdfContext): string {
  const property = s.propertyName ?? `Property ${s.propertyId}`;
  return [
    ctx.company.name,
    `Statement ${statementNumber(s.propertyId, s.period)}`,
    [ctx.ownerName, property].filter(Boolean).join(', '),
  ]
    .filter(Boolean)
    .join('  ·  ');
}

export function renderStatementPdf(s: StoredStatement, ctx: PdfContext): Promise<Buffer> {
  const { doc, done } = newOwnerDocument();
  doc.info.Title = statementTitle(s);
  doc.info.Author = ctx.company.name;
  drawStatement(doc, s, ctx);
  drawPageFooters(doc, () => statementFooter(s, ctx));
  doc.end();
  return done;
}

/**
 * Draws one statement from the top of the current page on: the letterhead, who it is for, the
 * summary box, the reservations and the ledger entries, over as many pages as they take. The
 * footers are the caller's (drawPageFooters, once every page exists).
 */
export function drawStatement(
  doc: PDFKit.PDFDocument,
  s: StoredStatement,
  ctx: PdfContext,
  options: StatementDrawOptions = {},
): void {
  const company = ctx.company;
  const number = statementNumber(s.propertyId, s.period);
  const property = s.propertyName ?? `Property ${s.propertyId}`;
  const periodWords = formatPeriod(s.period);

  const c = s.currency;
  const { right, contentWidth, bottom, text, rule, newPage, room } = pageTools(doc);

  // ---- Letterhead: the manager on the left, the document on the right ----
  const headBottom = drawLetterhead(doc, company, {
    title: 'Owner statement',
    facts: [
      ['Statement no.', number],
      ['Period', periodWords],
    ],
    mark: options.mark ?? null,
  });

  // ---- Who it is for (left) and the summary box (right) ----
  const top = headBottom + 14;
  const forWidth = 330;
  text('PREPARED FOR', { x: MARGIN, y: top, width: forWidth, size: 7.5, weight: 'bold', color: MUTED });
  doc.y += 2;
  text(ctx.ownerName || 'The owner', {
    x: MARGIN,
    y: doc.y,
    width: forWidth,
    size: 14,
    weight: 'bold',
    overflow: 'wrap',
  });
  doc.y += 6;
  for (const [label, value] of [
    ['Property', property],
    ['Period', `${formatDate(s.period.start)} – ${formatDate(s.period.end)}`],
    ['Currency', c],
  ] as const) {
    const y = doc.y;
    text(label, { x: MARGIN, y, width: 70, size: 9, color: MUTED });
    text(value, { x: MARGIN + 70, y, width: forWidth - 70, size: 9.5, overflow: 'wrap' });
    doc.y += 3;
  }
  const forBottom = doc.y;

  const summary = statementSummary(s, company.name);
  const boxWidth = 360;
  const boxX = right - boxWidth;
  const pad = 10;
  const amountWidth = 96;
  const labelWidth = boxWidth - 2 * pad - amountWidth - 8;
  const rowHeight = (label: string, size: number, weight: TextBox['weight']) =>
    lineCount(doc, label, { width: labelWidth, size, weight, overflow: 'wrap' }) *
      lineHeight(doc, size, weight) +
    2;
  const rows = summary.lines.map((l) => {
    const size = l.kind === 'net' ? 12 : 9.5;
    const weight: TextBox['weight'] = l.kind === 'change' ? 'regular' : 'bold';
    return { ...l, size, weight, height: rowHeight(l.label, size, weight) + (l.kind === 'net' ? 6 : 0) };
  });
  const titleHeight = lineHeight(doc, 10, 'bold') + 4;
  const boxHeight = pad + titleHeight + rows.reduce((sum, r) => sum + r.height, 0) + pad - 2;
  doc
    .save()
    .roundedRect(boxX, top, boxWidth, boxHeight, 4)
    .lineWidth(0.75)
    .fillAndStroke(BOX_FILL, RULE)
    .restore();
  text('Summary', {
    x: boxX + pad,
    y: top + pad,
    width: labelWidth,
    size: 10,
    weight: 'bold',
    color: ACCENT,
  });
  let y = top + pad + titleHeight;
  for (const r of rows) {
    if (r.kind === 'net') {
      rule(y + 2, INK, 0.75, boxX + pad, boxX + boxWidth - pad);
      y += 6;
    }
    text(r.label, { x: boxX + pad, y, width: labelWidth, size: r.size, weight: r.weight, overflow: 'wrap' });
    text(r.text, {
      x: boxX + boxWidth - pad - amountWidth,
      y,
      width: amountWidth,
      size: r.size,
      weight: r.weight,
      align: 'right',
    });
    y += r.height - (r.kind === 'net' ? 6 : 0);
  }
  doc.y = Math.max(forBottom, top + boxHeight) + 16;

  // ---- Reservations ----
  const { size, columns, cells: lineCells } = tableLayout(doc, s, contentWidth);
  const lh = lineHeight(doc, size);
  const cellLines = (col: Column, value: string, weight: TextBox['weight']) =>
    col.wrap ? lineCount(doc, value, { width: col.width - 2 * CELL_PAD, size, weight, overflow: 'wrap' }) : 1;
  const drawRow = (cells: string[], weight: TextBox['weight'], fill: string | null) => {
    const lines = Math.max(...columns.map((col, i) => cellLines(col, cells[i] ?? '', weight)));
    const height = lines * lh + 2 * ROW_PAD;
    const y0 = doc.y;
    if (fill) doc.save().rect(MARGIN, y0, contentWidth, height).fill(fill).restore();
    let x = MARGIN;
    columns.forEach((col, i) => {
      text(cells[i] ?? '', {
        x: x + CELL_PAD,
        y: y0 + ROW_PAD,
        width: col.width - 2 * CELL_PAD,
        size,
        weight,
        align: col.align,
        overflow: col.wrap ? 'wrap' : 'ellipsis',
      });
      x += col.width;
    });
    doc.x = MARGIN;
    doc.y = y0 + height;
    return height;
  };
  const rowHeightOf = (cells: string[], weight: TextBox['weight']) =>
    Math.max(...columns.map((col, i) => cellLines(col, cells[i] ?? '', weight))) * lh + 2 * ROW_PAD;
  const header = () => {
    const titles = columns.map((col) => col.title);
    const lines = Math.max(
      ...columns.map((col) =>
        lineCount(doc, col.title, {
          width: col.width - 2 * CELL_PAD,
          size,
          weight: 'bold',
          overflow: 'wrap',
        }),
      ),
    );
    const height = lines * lh + 2 * ROW_PAD + 2;
    const y0 = doc.y;
    doc.save().rect(MARGIN, y0, contentWidth, height).fill(HEADER_FILL).restore();
    let x = MARGIN;
    columns.forEach((col, i) => {
      // Right-aligned headers sit on the bottom line, over their numbers.
      const n = lineCount(doc, titles[i] ?? '', {
        width: col.width - 2 * CELL_PAD,
        size,
        weight: 'bold',
        overflow: 'wrap',
      });
      text(titles[i] ?? '', {
        x: x + CELL_PAD,
        y: y0 + ROW_PAD + 1 + (lines - n) * lh,
        width: col.width - 2 * CELL_PAD,
        size,
        weight: 'bold',
        align: col.align,
        overflow: 'wrap',
        color: MUTED,
      });
      x += col.width;
    });
    doc.y = y0 + height;
  };

  room(80);
  const items = manualLinesOf(s).length;
  text(`Reservations (${s.lines.length})${items > 0 ? ` and other items (${items})` : ''}`, {
    x: MARGIN,
    y: doc.y,
    width: contentWidth,
    size: 11,
    weight: 'bold',
    color: ACCENT,
  });
  text(selectionSentence(s.calculationType, s.period.start, s.period.end), {
    x: MARGIN,
    y: doc.y + 1,
    width: contentWidth,
    size: 8.5,
    color: MUTED,
    overflow: 'wrap',
  });
  doc.y += 5;
  header();
  lineCells.forEach((cells, index) => {
    if (doc.y + rowHeightOf(cells, 'regular') > bottom()) {
      newPage();
      header();
    }
    drawRow(cells, 'regular', index % 2 === 1 ? ZEBRA : null);
  });
  if (lineCells.length === 0) {
    text('No reservations in this period.', {
      x: MARGIN + CELL_PAD,
      y: doc.y + ROW_PAD,
      width: contentWidth,
      size,
      color: MUTED,
    });
    doc.y += ROW_PAD;
  } else {
    const totals = columns.map((col) => col.total ?? '');
    if (doc.y + rowHeightOf(totals, 'bold') > bottom()) {
      newPage();
      header();
    }
    rule(doc.y, INK, 0.75);
    drawRow(totals, 'bold', null);
  }
  // The taxes column's footnote: collected, but not the owner's money (statement-summary.ts).
  if (summary.taxNote) {
    room(14);
    text(summary.taxNote, {
      x: MARGIN,
      y: doc.y + 3,
      width: contentWidth,
      size: 8,
      color: MUTED,
      overflow: 'wrap',
    });
  }
  doc.y += 14;

  // ---- Expenses and adjustments: one table by date, signed as in the summary ----
  const entries = [
    ...s.expenses.map((e) => ({ e, kind: 'Expense', cents: -e.amount })),
    ...s.adjustments.map((e) => ({ e, kind: 'Adjustment', cents: e.amount })),
  ].sort((a, b) => a.e.date.localeCompare(b.e.date));
  if (entries.length > 0) {
    const size8 = 8.5;
    const dateWidth = 76;
    const kindWidth = 80;
    const amountW = 110;
    const descWidth = contentWidth - dateWidth - kindWidth - amountW;
    const ledgerRow = (
      cells: [string, string, string, string],
      weight: TextBox['weight'],
      fill: string | null,
    ) => {
      const lh2 = lineHeight(doc, size8, weight);
      const lines = lineCount(doc, cells[2], {
        width: descWidth - 2 * CELL_PAD,
        size: size8,
        weight,
        overflow: 'wrap',
      });
      const height = lines * lh2 + 2 * ROW_PAD;
      // A description longer than the page goes on over pages (drawText continues it); the
      // row starts where at least its first lines fit.
      if (doc.y + Math.min(height, 3 * lh2) > bottom()) newPage();
      const y0 = doc.y;
      if (fill && y0 + height <= bottom())
        doc.save().rect(MARGIN, y0, contentWidth, height).fill(fill).restore();
      const color = weight === 'bold' ? MUTED : INK;
      const cell = (value: string, x: number, width: number, extra: Partial<TextBox> = {}) =>
        text(value, {
          x: x + CELL_PAD,
          y: y0 + ROW_PAD,
          width: width - 2 * CELL_PAD,
          size: size8,
          weight,
          color,
          ...extra,
        });
      cell(cells[0], MARGIN, dateWidth);
      cell(cells[1], MARGIN + dateWidth, kindWidth);
      cell(cells[3], MARGIN + contentWidth - amountW, amountW, { align: 'right' });
      // Last: it may continue on the next page.
      cell(cells[2], MARGIN + dateWidth + kindWidth, descWidth, { overflow: 'wrap' });
      doc.y += ROW_PAD;
    };
    const headerRow = () => {
      doc
        .save()
        .rect(MARGIN, doc.y, contentWidth, lineHeight(doc, size8, 'bold') + 2 * ROW_PAD)
        .fill(HEADER_FILL)
        .restore();
      ledgerRow(['Date', 'Item', 'Description', 'Amount'], 'bold', null);
    };
    room(50);
    text('Expenses and adjustments', {
      x: MARGIN,
      y: doc.y,
      width: contentWidth,
      size: 11,
      weight: 'bold',
      color: ACCENT,
    });
    doc.y += 4;
    headerRow();
    entries.forEach(({ e, kind, cents }, i) => {
      ledgerRow(
        [formatDate(e.date), kind, e.description, signedMoney(cents, c)],
        'regular',
        i % 2 ? ZEBRA : null,
      );
    });
  }
}
