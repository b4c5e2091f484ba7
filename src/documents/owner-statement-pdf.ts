/**
 * The owner PDF: what a manager sends an owner for a period, the standard the per-property PDF
 * follows (statement-pdf.ts). First a summary page — the letterhead, who it is for, the period,
 * a table of the owner's properties with each one's amounts and net payout in its own currency
 * (a property without a statement says so), and the owner's totals per currency, never added
 * across currencies — then one section per property statement, each the property's statement
 * as its own PDF prints it, starting on a new page. A statement that is not final yet is marked
 * "Draft — not final" in its row, in its section's header and on each of its pages, so an
 * unfinished statement is never taken for a final one. Page numbers count the whole document.
 */
import type { StoredStatement } from '../db/repositories/statement-repository.js';
import type { OwnerStatementOf } from '../domain/owner-statement.js';
import { statementNumber } from '../domain/statement-number.js';
import type { Cents, StatementTotals } from '../domain/types.js';
import type { CompanyProfile } from './company.js';
import { formatPeriod } from './format.js';
import {
  ACCENT,
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
  WARN,
  ZEBRA,
} from './pdf-layout.js';
import { lineCount, lineHeight, type TextBox, textWidth } from './pdf-text.js';
import { drawStatement, statementFooter } from './statement-pdf.js';
import { documentMoney } from './statement-summary.js';

/** What the owner PDF prints besides the owner statement: the manager. */
export interface OwnerPdfContext {
  company: CompanyProfile;
}

type OwnerStatement = OwnerStatementOf<StoredStatement>;

/** How a statement that is not final is marked, wherever it shows. */
export const DRAFT_MARK = 'Draft — not final';

/** The amounts the summary shows per property and per currency, from gross revenue to the net payout. */
const AMOUNTS: ReadonlyArray<{ key: keyof StatementTotals; label: string }> = [
  { key: 'grossRevenue', label: 'Gross revenue' },
  { key: 'channelFees', label: 'Channel fees' },
  { key: 'commission', label: 'Commission' },
  { key: 'expenses', label: 'Expenses' },
  { key: 'adjustments', label: 'Adjustments' },
  { key: 'netPayout', label: 'Net payout' },
];
/** Font sizes the summary tables try, largest first, until the amounts fit. */
const SIZES = [9, 8.5, 8, 7.5, 7];
const MIN_NAME_WIDTH = 150;
const NUMBER_WIDTH_MAX = 120;

/** The owner's name as documents print it: the e-mail when Hostify has no name. */
const ownerNameOf = (o: OwnerStatement) => o.owner.name || o.owner.email || `Owner ${o.owner.id}`;

/**
 * The file name the owner PDF is downloaded and attached as:
 * `Owner statement – Olivia Owner – October 2025.pdf`. It may hold any letter; a
 * Content-Disposition header needs an ASCII fallback beside it (src/http/content-disposition.ts).
 */
export function ownerPdfFileName(o: Pick<OwnerStatement, 'owner' | 'period'>): string {
  // Characters file systems refuse become spaces; the name stays readable.
  const name = (o.owner.name || o.owner.email || `Owner ${o.owner.id}`)
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `Owner statement – ${name} – ${formatPeriod(o.period)}.pdf`;
}

/** A row of the summary's tables: the first cell may wrap (a long name, a draft mark), the others are cut with an ellipsis. */
interface Row {
  cells: string[];
  weight: TextBox['weight'];
  color: string;
  /** The zebra stripe, on every other property. */
  fill: string | null;
}

export function renderOwnerStatementPdf(o: OwnerStatement, ctx: OwnerPdfContext): Promise<Buffer> {
  const { doc, done } = newOwnerDocument();
  const company = ctx.company;
  const ownerName = ownerNameOf(o);
  const periodWords = formatPeriod(o.period);
  doc.info.Title = `Owner statement: ${ownerName}, ${periodWords}`;
  doc.info.Author = company.name;
  const { contentWidth, bottom, text, rule, newPage, room } = pageTools(doc);

  // ---- Summary page: letterhead, who it is for ----
  const headBottom = drawLetterhead(doc, company, {
    title: 'Owner statement',
    facts: [
      ['Period', periodWords],
      ['Properties', String(o.properties.length)],
    ],
  });
  const top = headBottom + 14;
  text('PREPARED FOR', { x: MARGIN, y: top, width: 330, size: 7.5, weight: 'bold', color: MUTED });
  doc.y += 2;
  text(ownerName, { x: MARGIN, y: doc.y, width: 500, size: 14, weight: 'bold', overflow: 'wrap' });
  if (o.owner.email && o.owner.email !== ownerName)
    text(o.owner.email, { x: MARGIN, y: doc.y + 1, width: 500, size: 9, color: MUTED });
  text(
    `One section per property follows this page, each the property's statement for ${periodWords}. Amounts are in each property's currency and are never added across currencies.`,
    { x: MARGIN, y: doc.y + 6, width: contentWidth, size: 8.5, color: MUTED, overflow: 'wrap' },
  );
  doc.y += 12;

  // ---- The tables' columns: the name takes what the amounts leave ----
  const money = (cents: Cents, currency: string) => documentMoney(cents, currency);
  const propertyRows: Row[] = o.properties.map((p, i) => {
    const s = o.sections.find((x) => x.id === p.statementId);
    const fill = i % 2 === 1 ? ZEBRA : null;
    if (!s) {
      // Another owner's statement is that owner's money: not this owner's, and not "no activity".
      const why =
        p.state === 'other_owner' ? 'Statement made for the previous owner' : 'No statement for this period';
      return {
        cells: [p.propertyName, why, ...AMOUNTS.map(() => '')],
        weight: 'regular',
        color: MUTED,
        fill,
      };
    }
    const draft = s.status === 'draft';
    return {
      cells: [
        draft ? `${p.propertyName} (${DRAFT_MARK.toLowerCase()})` : p.propertyName,
        statementNumber(s.propertyId, s.period),
        ...AMOUNTS.map((a) => money(s.totals[a.key], s.currency)),
      ],
      weight: 'regular',
      color: draft ? WARN : INK,
      fill,
    };
  });
  const totalRows: Row[] = o.totals.map((t) => ({
    cells: [
      t.currency,
      `${t.statementCount} statement${t.statementCount === 1 ? '' : 's'}`,
      ...AMOUNTS.map((a) => money(t.totals[a.key], t.currency)),
    ],
    weight: 'bold',
    color: INK,
    fill: null,
  }));
  const headers = ['Property', 'Statement no.', ...AMOUNTS.map((a) => a.label)];
  const layout = (() => {
    const widest = (i: number, size: number) =>
      Math.max(
        textWidth(doc, headers[i] ?? '', size, 'bold'),
        ...propertyRows.map((r) => textWidth(doc, r.cells[i] ?? '', size, r.weight)),
        ...totalRows.map((r) => textWidth(doc, r.cells[i] ?? '', size, 'bold')),
      ) +
      2 * CELL_PAD +
      0.5;
    for (const size of SIZES) {
      const amounts = AMOUNTS.map((_, k) => widest(k + 2, size));
      const numberWidth = Math.min(NUMBER_WIDTH_MAX, widest(1, size));
      const nameWidth = contentWidth - numberWidth - amounts.reduce((a, b) => a + b, 0);
      if (nameWidth >= MIN_NAME_WIDTH || size === SIZES[SIZES.length - 1]) {
        // Room beyond a comfortable name column goes between the amounts.
        const spare = Math.max(0, nameWidth - 260) / AMOUNTS.length;
        const widths = [
          Math.max(MIN_NAME_WIDTH, Math.min(nameWidth, 260)),
          numberWidth,
          ...amounts.map((w) => w + spare),
        ];
        return { size, widths };
      }
    }
    throw new Error('unreachable: the smallest size is always taken');
  })();
  const { size, widths } = layout;
  const lh = (weight: TextBox['weight']) => lineHeight(doc, size, weight);
  const rowHeight = (r: Row) =>
    lineCount(doc, r.cells[0] ?? '', {
      width: (widths[0] ?? 0) - 2 * CELL_PAD,
      size,
      weight: r.weight,
      overflow: 'wrap',
    }) *
      lh(r.weight) +
    2 * ROW_PAD;
  const drawRow = (r: Row) => {
    const height = rowHeight(r);
    const y0 = doc.y;
    if (r.fill) doc.save().rect(MARGIN, y0, contentWidth, height).fill(r.fill).restore();
    let x = MARGIN;
    r.cells.forEach((cell, i) => {
      const width = widths[i] ?? 0;
      text(cell, {
        x: x + CELL_PAD,
        y: y0 + ROW_PAD,
        // "No statement for this period" reads across the empty amount columns.
        width:
          i === 1 && r.cells.slice(2).every((c) => c === '')
            ? contentWidth - x - 2 * CELL_PAD
            : width - 2 * CELL_PAD,
        size,
        weight: r.weight,
        color: r.color,
        align: i >= 2 ? 'right' : 'left',
        overflow: i === 0 ? 'wrap' : 'ellipsis',
      });
      x += width;
    });
    doc.x = MARGIN;
    doc.y = y0 + height;
  };
  const header = (titles: readonly [string, string]) => {
    const height = lh('bold') + 2 * ROW_PAD + 2;
    const y0 = doc.y;
    doc.save().rect(MARGIN, y0, contentWidth, height).fill(HEADER_FILL).restore();
    let x = MARGIN;
    [...titles, ...headers.slice(2)].forEach((title, i) => {
      const width = widths[i] ?? 0;
      text(title, {
        x: x + CELL_PAD,
        y: y0 + ROW_PAD + 1,
        width: width - 2 * CELL_PAD,
        size,
        weight: 'bold',
        color: MUTED,
        align: i >= 2 ? 'right' : 'left',
      });
      x += width;
    });
    doc.y = y0 + height;
  };
  const table = (title: string, titles: readonly [string, string], rows: Row[]) => {
    room(60);
    text(title, { x: MARGIN, y: doc.y, width: contentWidth, size: 11, weight: 'bold', color: ACCENT });
    doc.y += 4;
    header(titles);
    for (const r of rows) {
      if (doc.y + rowHeight(r) > bottom()) {
        newPage();
        header(titles);
      }
      drawRow(r);
    }
    rule(doc.y, INK, 0.75);
  };

  table(`Properties (${o.properties.length})`, ['Property', 'Statement no.'], propertyRows);
  const notes: string[] = [];
  if (o.properties.some((p) => p.state === 'missing'))
    notes.push(
      'A property with no statement for this period had no reservation, expense or adjustment to report, or its statement is not ready yet.',
    );
  if (o.drafts.length > 0)
    notes.push(
      `${DRAFT_MARK}: ${o.drafts.map((d) => d.propertyName).join(', ')}. Its amounts may still change; it is marked so on its own pages too.`,
    );
  if (o.sections.some((s) => s.settings.ownerRemitsTaxes && s.totals.taxes !== 0))
    notes.push(
      'The net payout of a property whose taxes you remit includes the taxes collected for you (see its section).',
    );
  for (const note of notes) {
    room(14);
    text(note, {
      x: MARGIN,
      y: doc.y + 3,
      width: contentWidth,
      size: 8,
      color: note.startsWith(DRAFT_MARK) ? WARN : MUTED,
      weight: note.startsWith(DRAFT_MARK) ? 'bold' : 'regular',
      overflow: 'wrap',
    });
  }
  doc.y += 16;
  if (totalRows.length > 0) table('Totals by currency', ['Currency', 'Statements'], totalRows);
  const summaryPages = doc.bufferedPageRange().count;

  // ---- One section per property statement, each from a new page ----
  const sectionCtx = { company, ownerName };
  const footers: string[] = Array.from(
    { length: summaryPages },
    () => `${company.name}  ·  Owner statement  ·  ${ownerName}, ${periodWords}`,
  );
  for (const s of o.sections) {
    const draft = s.status === 'draft';
    newPage();
    drawStatement(doc, s, sectionCtx, { mark: draft ? DRAFT_MARK : null });
    const footer = statementFooter(s, sectionCtx) + (draft ? `  ·  ${DRAFT_MARK}` : '');
    while (footers.length < doc.bufferedPageRange().count) footers.push(footer);
  }
  drawPageFooters(doc, (page) => footers[page] ?? '');
  doc.end();
  return done;
}
