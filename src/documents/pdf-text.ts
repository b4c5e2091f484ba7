/**
 * Drawing one line (or one wrapped paragraph) of Unicode text with pdfkit: the text is split
 * into runs per font face and put in display order (pdf-fonts.ts), measured as a whole for
 * alignment and ellipsis, and each run is drawn at its own position on a shared baseline.
 */
import {
  drawableClusters,
  type FontWeight,
  facesOf,
  type Glyphs,
  shapeRuns,
  type TextRun,
} from './pdf-fonts.js';

export interface TextBox {
  x: number;
  y: number;
  width: number;
  size: number;
  weight?: FontWeight;
  align?: 'left' | 'right';
  /** `ellipsis` (default): one line, cut with `…` when too long. `wrap`: as many lines as needed. */
  overflow?: 'ellipsis' | 'wrap';
  /** The text's colour (default black). */
  color?: string;
}

interface MeasuredLine {
  runs: Array<{ run: TextRun; width: number }>;
  total: number;
}

function measure(doc: PDFKit.PDFDocument, clusters: readonly Glyphs[], size: number): MeasuredLine {
  const runs = shapeRuns(clusters).map((run) => ({
    run,
    width: doc.font(run.face.name).fontSize(size).widthOfString(run.text),
  }));
  return { runs, total: runs.reduce((sum, r) => sum + r.width, 0) };
}

/** The longest start of `clusters` that fits in `width` with an ellipsis after it. */
function truncate(doc: PDFKit.PDFDocument, clusters: readonly Glyphs[], box: TextBox, weight: FontWeight) {
  const face = facesOf(weight).find((f) => f.font.hasGlyphForCodePoint(0x2026));
  const ellipsis: Glyphs[] = face ? [{ cluster: '\u2026', face }] : [];
  const fits = (n: number) =>
    measure(doc, [...clusters.slice(0, n), ...ellipsis], box.size).total <= box.width;
  let lo = 0;
  let hi = clusters.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return [...clusters.slice(0, lo), ...ellipsis];
}

const isSpace = (g: Glyphs | undefined) => g !== undefined && /^\s$/u.test(g.cluster);

function trimEnd(line: readonly Glyphs[]): Glyphs[] {
  let end = line.length;
  while (end > 0 && isSpace(line[end - 1])) end--;
  return line.slice(0, end);
}

/**
 * Splits at spaces so that each line fits. A word wider than the box on its own (a long
 * hyphenated name, an address) is cut between characters, so nothing is drawn past the box's
 * edge, over the next column or into the margin.
 */
function wrapLines(doc: PDFKit.PDFDocument, clusters: readonly Glyphs[], box: TextBox): Glyphs[][] {
  const lines: Glyphs[][] = [];
  let line: Glyphs[] = [];
  let word: Glyphs[] = [];
  const fits = (glyphs: readonly Glyphs[]) => measure(doc, trimEnd(glyphs), box.size).total <= box.width;
  const flushWord = () => {
    if (word.length === 0) return;
    if (!fits(word)) {
      if (line.length > 0) lines.push(trimEnd(line));
      line = [];
      // The longest starts that fit, each on a line of its own; the rest goes on as a word.
      while (word.length > 1 && !fits(word)) {
        let lo = 1;
        let hi = word.length - 1;
        while (lo < hi) {
          const mid = Math.ceil((lo + hi) / 2);
          if (fits(word.slice(0, mid))) lo = mid;
          else hi = mid - 1;
        }
        lines.push(word.slice(0, lo));
        word = word.slice(lo);
      }
    }
    const candidate = [...line, ...word];
    if (line.length > 0 && measure(doc, trimEnd(candidate), box.size).total > box.width) {
      lines.push(trimEnd(line));
      line = [...word];
    } else line = candidate;
    word = [];
  };
  for (const g of clusters) {
    word.push(g);
    if (isSpace(g)) flushWord();
  }
  flushWord();
  if (line.length > 0 || lines.length === 0) lines.push(trimEnd(line));
  return lines;
}

function drawLine(doc: PDFKit.PDFDocument, line: MeasuredLine, y: number, box: TextBox, weight: FontWeight) {
  let x = box.align === 'right' ? box.x + box.width - line.total : box.x;
  const baseline = facesOf(weight)[0]?.ascender ?? 1;
  for (const { run, width } of line.runs) {
    // pdfkit places text by the top of the line; faces with another ascent are shifted so that
    // every run sits on the same baseline.
    const top = y + (baseline - run.face.ascender) * box.size;
    doc.font(run.face.name).fontSize(box.size).text(run.text, x, top, { lineBreak: false });
    x += width;
  }
}

/** The height of one line of text at `size`, as drawText advances it. */
export function lineHeight(doc: PDFKit.PDFDocument, size: number, weight: FontWeight = 'regular'): number {
  const primary = facesOf(weight)[0];
  if (!primary) throw new Error('no font face loaded');
  return doc.font(primary.name).fontSize(size).currentLineHeight(true);
}

/** The width of `text` on one line. */
export function textWidth(
  doc: PDFKit.PDFDocument,
  text: string,
  size: number,
  weight: FontWeight = 'regular',
): number {
  return measure(doc, drawableClusters(text, weight), size).total;
}

/** The lines drawText would draw for `text` in `box` (1 unless it wraps). */
export function lineCount(doc: PDFKit.PDFDocument, text: string, box: Omit<TextBox, 'x' | 'y'>): number {
  if (box.overflow !== 'wrap') return 1;
  const weight = box.weight ?? 'regular';
  return wrapLines(doc, drawableClusters(text, weight), { ...box, x: 0, y: 0 }).length;
}

/**
 * Draws `text` in the box and leaves the cursor under it (`doc.x` at the box's left edge), as
 * pdfkit's own text() does. Returns the number of lines drawn (a wrapped paragraph may continue
 * on a new page).
 */
export function drawText(doc: PDFKit.PDFDocument, text: string, box: TextBox): number {
  const weight = box.weight ?? 'regular';
  const primary = facesOf(weight)[0];
  if (!primary) throw new Error('no font face loaded');
  const lineHeight = doc.font(primary.name).fontSize(box.size).currentLineHeight(true);
  const clusters = drawableClusters(text, weight);
  let lines: MeasuredLine[];
  if (box.overflow === 'wrap') lines = wrapLines(doc, clusters, box).map((l) => measure(doc, l, box.size));
  else {
    const whole = measure(doc, clusters, box.size);
    lines = [whole.total > box.width ? measure(doc, truncate(doc, clusters, box, weight), box.size) : whole];
  }
  let y = box.y;
  doc.fillColor(box.color ?? 'black');
  for (const line of lines) {
    // A wrapped paragraph goes on to the next page, as pdfkit's text() does.
    if (box.overflow === 'wrap' && y + lineHeight > doc.page.maxY() && y > doc.page.margins.top) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    drawLine(doc, line, y, box, weight);
    y += lineHeight;
  }
  doc.font(primary.name).fontSize(box.size);
  doc.x = box.x;
  doc.y = y;
  return lines.length;
}
