/**
 * Unicode fonts for the statement PDF: Noto Sans, shipped as npm packages (@fontsource), never
 * fetched at run time. Fontsource splits each font into subsets by script (latin, latin-ext,
 * greek, cyrillic, vietnamese, devanagari, and Noto Sans Hebrew's hebrew subset); each subset is
 * one face here. pdfkit has no font fallback, so `shapeLine` splits a line into runs by the first
 * face that has a glyph for each character and returns them in display order (pdf-bidi.ts).
 * Characters no face covers (emoji; CJK, for which no font is shipped) are dropped, so the PDF
 * shows no empty boxes.
 *
 * Font files are resolved through Node's module resolution, so rendering works from any working
 * directory and in worker threads. Each face is read and parsed once per thread (fontkit, the
 * parser pdfkit itself uses) and the parsed font is handed to every document.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stripBidiControls } from '../lib/text.js';
import { bidiClassOf, bidiLevels, visualOrder } from './pdf-bidi.js';
import { woffToSfnt } from './woff.js';

export type FontWeight = 'regular' | 'bold';

/** The part of a fontkit font used here. */
export interface ParsedFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
  ascent: number;
  unitsPerEm: number;
  layout: (...args: never[]) => unknown;
}

export interface Face {
  /** The name the face is registered under in a document. */
  name: string;
  font: ParsedFont;
  /** The distance from the top of the line to the baseline, per point of font size. */
  ascender: number;
}

/** The subsets in the order they are tried: the first that covers a character draws it. */
const SUBSETS: ReadonlyArray<{ pkg: string; subset: string }> = [
  { pkg: 'noto-sans', subset: 'latin' },
  { pkg: 'noto-sans', subset: 'latin-ext' },
  { pkg: 'noto-sans', subset: 'vietnamese' },
  { pkg: 'noto-sans', subset: 'greek' },
  { pkg: 'noto-sans', subset: 'greek-ext' },
  { pkg: 'noto-sans', subset: 'cyrillic' },
  { pkg: 'noto-sans', subset: 'cyrillic-ext' },
  { pkg: 'noto-sans-hebrew', subset: 'hebrew' },
  { pkg: 'noto-sans', subset: 'devanagari' },
];
const WEIGHTS: Record<FontWeight, number> = { regular: 400, bold: 700 };

const require = createRequire(import.meta.url);
// pdfkit's own fontkit, so the parsed fonts are exactly what pdfkit expects.
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as {
  create(data: Uint8Array): ParsedFont;
};

/**
 * The .woff of one subset and weight. fontkit reads WOFF2 too, but pdfkit then embeds larger
 * subsets (46 KB against 28 KB for a 200-line statement), and WOFF unpacks with Node's zlib.
 */
export function fontFile(pkg: string, subset: string, weight: number): string {
  return require.resolve(`@fontsource/${pkg}/files/${pkg}-${subset}-${weight}-normal.woff`);
}

const loaded = new Map<FontWeight, Face[]>();

/** The faces of one weight, in fallback order (loaded on first use). */
export function facesOf(weight: FontWeight): Face[] {
  let faces = loaded.get(weight);
  if (!faces) {
    faces = SUBSETS.map(({ pkg, subset }) => {
      const font = fontkit.create(woffToSfnt(readFileSync(fontFile(pkg, subset, WEIGHTS[weight]))));
      return { name: `${pkg}-${subset}-${weight}`, font, ascender: font.ascent / font.unitsPerEm };
    });
    loaded.set(weight, faces);
  }
  return faces;
}

/** Makes every face known to a document by name (a face is embedded only if text uses it). */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const weight of Object.keys(WEIGHTS) as FontWeight[]) {
    for (const face of facesOf(weight)) {
      // pdfkit accepts a parsed fontkit font (anything with `layout`), which its types omit.
      doc.registerFont(face.name, face.font as unknown as Buffer);
    }
  }
}

/** One piece of a line, drawn with one face. `text` is in the order pdfkit wants it. */
export interface TextRun {
  face: Face;
  text: string;
}

/** A character (grapheme cluster) of a line that some face can draw. */
export interface Glyphs {
  cluster: string;
  face: Face;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const SPACE = /^\s$/u;
const CONTROL = /[\p{Cc}]/gu;
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

/** Which face draws a code point first, remembered per weight (null: none does). */
const firstFace: Record<FontWeight, Map<number, Face | null>> = { regular: new Map(), bold: new Map() };
function faceFor(weight: FontWeight, codePoint: number): Face | null {
  const memo = firstFace[weight];
  let face = memo.get(codePoint);
  if (face === undefined) {
    face = facesOf(weight).find((f) => f.font.hasGlyphForCodePoint(codePoint)) ?? null;
    memo.set(codePoint, face);
  }
  return face;
}

/** Lines already split, per weight: amounts, dates and labels repeat on every row. */
const CACHE_LIMIT = 5000;
const clusterCache: Record<FontWeight, Map<string, Glyphs[]>> = { regular: new Map(), bold: new Map() };

/**
 * The drawable characters of `text`, in logical order, each with the face that draws it.
 * Line breaks and tabs become spaces; characters no face covers are dropped, together with a
 * space that would then be doubled (`Ana 🏠 Silva` → `Ana Silva`).
 */
export function drawableClusters(text: string, weight: FontWeight): Glyphs[] {
  const cache = clusterCache[weight];
  let clusters = cache.get(text);
  if (!clusters) {
    clusters = PRINTABLE_ASCII.test(text) ? asciiClusters(text, weight) : unicodeClusters(text, weight);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, clusters);
  }
  return clusters;
}

/** Printable ASCII: one character per cluster, every one in the first (latin) face. */
function asciiClusters(text: string, weight: FontWeight): Glyphs[] {
  const out: Glyphs[] = [];
  for (let i = 0; i < text.length; i++) {
    const face = faceFor(weight, text.charCodeAt(i));
    if (face) out.push({ cluster: text[i] as string, face });
  }
  return out;
}

function unicodeClusters(text: string, weight: FontWeight): Glyphs[] {
  const clean = stripBidiControls(text.normalize('NFC'))
    .replace(/[\t\n\r\f\v]/g, ' ')
    .replace(CONTROL, '');
  const out: Glyphs[] = [];
  let current: Face | undefined;
  let droppedAfterSpace = false;
  for (const { segment } of segmenter.segment(clean)) {
    const codePoints = [...segment].map((c) => c.codePointAt(0) ?? 0);
    const base = codePoints[0] ?? 0;
    const isSpace = SPACE.test(segment);
    // Spaces and punctuation stay in the current face when it has them, so a Hebrew name is one
    // run rather than one run per word.
    const face =
      current?.font.hasGlyphForCodePoint(base) && (isSpace || bidiClassOf(segment) === 'N')
        ? current
        : faceFor(weight, base);
    if (!face) {
      const last = out.at(-1);
      droppedAfterSpace = last === undefined || SPACE.test(last.cluster);
      continue;
    }
    if (isSpace && droppedAfterSpace) continue;
    droppedAfterSpace = false;
    // Marks and variation selectors the face lacks are left off; the base character stays.
    const cluster = codePoints
      .filter((cp, i) => i === 0 || face.font.hasGlyphForCodePoint(cp))
      .map((cp) => String.fromCodePoint(cp))
      .join('');
    out.push({ cluster, face });
    current = face;
  }
  return out;
}

/**
 * Runs of one line in display order, each to be drawn left to right after the previous one.
 *
 * fontkit lays a right-to-left word out reversed (into display order) by itself, and pdfkit
 * lays text out word by word (split at spaces). So a right-to-left run is cut into its words
 * and spaces, placed here in display order, and each word keeps its logical order for fontkit
 * to reverse. A word is never reversed twice, and spaces stay between the words.
 */
export function shapeRuns(clusters: readonly Glyphs[]): TextRun[] {
  const classes = clusters.map((g) => bidiClassOf(g.cluster));
  if (!classes.includes('R')) return runsByFace(clusters);
  const levels = bidiLevels(classes);
  const pieces: Array<{ face: Face; level: number; space: boolean; items: number[] }> = [];
  for (const i of visualOrder(levels)) {
    const g = clusters[i];
    if (!g) continue;
    const level = levels[i] ?? 0;
    const space = SPACE.test(g.cluster);
    const last = pieces.at(-1);
    const rtl = level % 2 === 1;
    if (last && last.face === g.face && last.level === level && (!rtl || last.space === space)) {
      last.items.push(i);
    } else pieces.push({ face: g.face, level, space, items: [i] });
  }
  return pieces.map(({ face, level, items }) => {
    const fontkitReverses = level % 2 === 1 && items.some((i) => classes[i] === 'R');
    const ordered = fontkitReverses ? [...items].reverse() : items;
    return { face, text: ordered.map((i) => clusters[i]?.cluster ?? '').join('') };
  });
}

/** Left-to-right text (nearly every line): runs of the same face, in the given order. */
function runsByFace(clusters: readonly Glyphs[]): TextRun[] {
  const runs: TextRun[] = [];
  for (const g of clusters) {
    const last = runs.at(-1);
    if (last?.face === g.face) last.text += g.cluster;
    else runs.push({ face: g.face, text: g.cluster });
  }
  return runs;
}
