/**
 * Reading PDFs back with poppler-utils (pdftotext, pdftoppm, pdfimages), as a person's PDF
 * viewer would show them: text in reading order, every word's box, pages as images.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
if (!hasPoppler && process.env.CI === 'true') throw new Error('poppler-utils is required under CI=true');

function withFile<T>(pdf: Buffer, work: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-tools-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return work(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout;
}

/** The text; `layout` keeps each line's words on one line, in columns. */
export function pdfText(pdf: Buffer, layout = true): string {
  return withFile(pdf, (file) => run('pdftotext', [...(layout ? ['-layout'] : []), file, '-']));
}

export interface PdfWord {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export interface PdfPage {
  width: number;
  height: number;
  words: PdfWord[];
}

const decodeEntities = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Every word with its box, in points from the page's top left (pdftotext -bbox). */
export function pdfWords(pdf: Buffer): PdfPage[] {
  const html = withFile(pdf, (file) => run('pdftotext', ['-bbox', file, '-']));
  const pages: PdfPage[] = [];
  for (const page of html.split('<page ').slice(1)) {
    const size = /width="([\d.]+)" height="([\d.]+)"/.exec(page);
    const words = [
      ...page.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      ),
    ].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
      text: decodeEntities(m[5] ?? ''),
    }));
    pages.push({ width: Number(size?.[1]), height: Number(size?.[2]), words });
  }
  return pages;
}

/** The images the PDF embeds (pdfimages -list), as `{ page, width, height, type }`. */
export function pdfImages(pdf: Buffer): Array<{ page: number; width: number; height: number; type: string }> {
  const list = withFile(pdf, (file) => run('pdfimages', ['-list', file]));
  return list
    .split('\n')
    .slice(2)
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length > 4)
    .map((f) => ({ page: Number(f[0]), type: f[2] ?? '', width: Number(f[3]), height: Number(f[4]) }));
}

/** Each page as a PNG (pdftoppm at `dpi`), written to `outDir` as `<name>-<page>.png`. */
export function pdfToPngs(pdf: Buffer, outDir: string, name: string, dpi = 60): string[] {
  return withFile(pdf, (file) => {
    run('pdftoppm', ['-png', '-r', String(dpi), file, join(outDir, name)]);
    return readdirSync(outDir)
      .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
      .sort()
      .map((f) => join(outDir, f));
  });
}
