/**
 * The page every owner document is printed on (A4 landscape, the margins, the colours), and the
 * parts they share: the letterhead, the page footers with page numbers, and small drawing tools.
 * The statement PDF (statement-pdf.ts) and the owner PDF (owner-statement-pdf.ts) are drawn with
 * these, so an owner's summary page and the property sections after it look like one document.
 */
import PDFDocument from 'pdfkit';
import { type CompanyProfile, contactLine } from './company.js';
import { registerFonts } from './pdf-fonts.js';
import { drawText, type TextBox, textWidth } from './pdf-text.js';

export const MARGIN = 40;
/**
 * The content ends this far above the bottom margin; the footer (page numbers) sits in the
 * margin itself, 20-odd points above the paper's edge, where printers still print.
 */
export const FOOTER_GAP = 2;
const FOOTER_Y = 8;
export const INK = '#1f2933';
export const MUTED = '#5b6675';
export const RULE = '#d6dce4';
export const HEADER_FILL = '#eef1f5';
export const ZEBRA = '#f8f9fb';
export const BOX_FILL = '#f6f8fa';
export const ACCENT = '#1d3f6e';
/** A statement that is not final yet says so in this colour (owner-statement-pdf.ts). */
export const WARN = '#b42318';
/** Padding inside each table cell, left and right. */
export const CELL_PAD = 4;
/** Padding above and below the text of a table row. */
export const ROW_PAD = 3;

/** A new document laid out for owners, and its bytes once `doc.end()` is called. */
export function newOwnerDocument(): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  // No default font: every piece of text is drawn with the embedded Noto faces.
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    // The bottom margin keeps the footer's band free: text that wraps on goes to the next page
    // before it (pdf-text.ts continues at maxY).
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_GAP },
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
  return { doc, done };
}

/** Drawing tools bound to a document: text in the ink colour, rules, page breaks. */
export function pageTools(doc: PDFKit.PDFDocument) {
  const right = doc.page.width - MARGIN;
  const rule = (y: number, color = RULE, width = 0.75, x0 = MARGIN, x1 = right) => {
    doc.save().moveTo(x0, y).lineTo(x1, y).lineWidth(width).strokeColor(color).stroke().restore();
  };
  const bottom = () => doc.page.height - MARGIN - FOOTER_GAP;
  const newPage = () => {
    doc.addPage();
    doc.y = MARGIN;
  };
  return {
    right,
    contentWidth: right - MARGIN,
    bottom,
    text: (value: string, box: TextBox) => drawText(doc, value, { color: INK, ...box }),
    rule,
    newPage,
    /** Starts a new page unless `height` more points fit on this one. */
    room: (height: number) => {
      if (doc.y + height > bottom()) newPage();
    },
  };
}

export interface LetterheadTitle {
  /** The document's name, large, on the right ("Owner statement"). */
  title: string;
  /** Label and value pairs under it ("Period", "October 2025"). */
  facts: ReadonlyArray<readonly [string, string]>;
  /** A warning under the facts, in red ("Draft — not final"). */
  mark?: string | null;
}

/**
 * The letterhead at the top of the current page: the manager (logo, name, address, contact) on
 * the left, the document's title and facts on the right, and a rule under both. Returns the
 * rule's y.
 */
export function drawLetterhead(
  doc: PDFKit.PDFDocument,
  company: CompanyProfile,
  head: LetterheadTitle,
): number {
  const { text, rule, right } = pageTools(doc);
  let nameY = MARGIN;
  if (company.logo) {
    try {
      // openImage is pdfkit's, missing from its typings: it parses the image once for its size.
      const image = (
        doc as unknown as { openImage(src: Buffer): { width: number; height: number } }
      ).openImage(Buffer.from(company.logo.bytes));
      // At most 200 × 52 points, never enlarged more than twice (a small logo stays sharp).
      const scale = Math.min(200 / image.width, 52 / image.height, 2);
      doc.image(image as unknown as Buffer, MARGIN, MARGIN, {
        width: image.width * scale,
        height: image.height * scale,
      });
      nameY = MARGIN + image.height * scale + 8;
    } catch {
      // A logo pdfkit cannot read (uploads are checked, so not expected): the letterhead goes on without it.
    }
  }
  const headWidth = 340;
  text(company.name, { x: MARGIN, y: nameY, width: headWidth, size: 13, weight: 'bold', overflow: 'wrap' });
  for (const line of [...company.addressLines, contactLine(company)]) {
    if (line)
      text(line, { x: MARGIN, y: doc.y, width: headWidth, size: 8.5, color: MUTED, overflow: 'wrap' });
  }
  const letterheadBottom = doc.y;

  const titleWidth = 320;
  const titleX = right - titleWidth;
  text(head.title, {
    x: titleX,
    y: MARGIN,
    width: titleWidth,
    size: 20,
    weight: 'bold',
    align: 'right',
    color: ACCENT,
  });
  doc.y += 4;
  for (const [label, value] of head.facts) {
    const y = doc.y;
    text(value, { x: titleX + 110, y, width: titleWidth - 110, size: 10, weight: 'bold', align: 'right' });
    text(label, {
      x: titleX,
      y: y + 1,
      width: titleWidth - textWidth(doc, value, 10, 'bold') - 8,
      size: 9,
      color: MUTED,
      align: 'right',
    });
    doc.y = y + 15;
  }
  if (head.mark) {
    text(head.mark, {
      x: titleX,
      y: doc.y + 2,
      width: titleWidth,
      size: 12,
      weight: 'bold',
      align: 'right',
      color: WARN,
    });
  }
  const headBottom = Math.max(letterheadBottom, doc.y) + 12;
  rule(headBottom, RULE, 1);
  return headBottom;
}

/**
 * The footer of every page, once all pages exist: `footerOf(page)` on the left (0-based page
 * index), "Page n of N" over the whole document on the right. The footer sits in the bottom
 * margin, so the margin is lifted while writing it (pdfkit would otherwise start a new page).
 */
export function drawPageFooters(doc: PDFKit.PDFDocument, footerOf: (page: number) => string): void {
  const { text, rule, right, contentWidth } = pageTools(doc);
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    const fy = doc.page.height - MARGIN + FOOTER_Y;
    rule(fy - 4, RULE, 0.5);
    const pageText = `Page ${i + 1} of ${range.count}`;
    const pageWidthText = textWidth(doc, pageText, 7.5) + 2;
    text(pageText, {
      x: right - pageWidthText,
      y: fy,
      width: pageWidthText,
      size: 7.5,
      align: 'right',
      color: MUTED,
    });
    text(footerOf(i), {
      x: MARGIN,
      y: fy,
      width: contentWidth - pageWidthText - 16,
      size: 7.5,
      color: MUTED,
    });
  }
}
