import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { drawableClusters, facesOf, fontFile, shapeRuns } from './pdf-fonts.js';

const faceNames = (text: string) => drawableClusters(text, 'regular').map((g) => g.face.name);
const textOf = (text: string) =>
  drawableClusters(text, 'regular')
    .map((g) => g.cluster)
    .join('');

describe('PDF fonts', () => {
  it('are the Noto Sans files shipped in node_modules, regular and bold', () => {
    const file = fontFile('noto-sans', 'latin', 400);
    expect(file).toMatch(/node_modules\/@fontsource\/noto-sans\/files\/noto-sans-latin-400-normal\.woff$/);
    expect(existsSync(file)).toBe(true);
    expect(facesOf('bold').map((f) => f.name)).toContain('noto-sans-hebrew-hebrew-bold');
    expect(facesOf('regular')[0]?.font.hasGlyphForCodePoint('ë'.codePointAt(0) ?? 0)).toBe(true);
  });

  it('draw each character with the first face that has it, Hebrew with Noto Sans Hebrew', () => {
    expect(new Set(faceNames('Zoë Müller'))).toEqual(new Set(['noto-sans-latin-regular']));
    expect(new Set(faceNames('שלום כהן'))).toEqual(new Set(['noto-sans-hebrew-hebrew-regular']));
    expect(new Set(faceNames('Борис'))).toEqual(new Set(['noto-sans-cyrillic-regular']));
  });

  it('drop what no face covers (emoji, CJK) without leaving a doubled space', () => {
    expect(textOf('Ana 🏠 Silva')).toBe('Ana Silva');
    expect(textOf('🏠 Ana')).toBe('Ana');
    expect(textOf('東京')).toBe('');
    expect(textOf('Thumbs 👍🏽 up, ❤️ it')).toBe('Thumbs up, it');
    expect(textOf('a\u202Eb\u0000c\nd')).toBe('abc d');
  });

  it('keep Hebrew words in logical order inside runs placed in display order', () => {
    const runs = shapeRuns(drawableClusters('Owner: שלום כהן', 'regular'));
    expect(runs.map((r) => [r.face.name, r.text])).toEqual([
      ['noto-sans-latin-regular', 'Owner: '],
      ['noto-sans-hebrew-hebrew-regular', 'כהן'],
      ['noto-sans-hebrew-hebrew-regular', ' '],
      ['noto-sans-hebrew-hebrew-regular', 'שלום'],
    ]);
  });

  it('are found from any working directory', () => {
    const work = mkdtempSync(join(tmpdir(), 'pdf-cwd-'));
    try {
      const module = fileURLToPath(new URL('./statement-pdf.ts', import.meta.url));
      const script = join(work, 'render.mts');
      writeFileSync(
        script,
        `import { renderStatementPdf } from ${JSON.stringify(module)};
const s = { id: 's', propertyId: '1', propertyName: 'שלום', ownerId: null, currency: 'EUR',
  period: { start: '2025-10-01', end: '2025-10-31' }, calculationType: 'checkout',
  settings: { commissionPercent: 15, commissionBasis: 'net', ownerRemitsTaxes: false },
  lines: [], expenses: [], adjustments: [], totals: { accommodation: 0, cleaning: 0, otherFees: 0,
  grossRevenue: 0, channelFees: 0, commission: 0, taxes: 0, ownerPayout: 0, expenses: 0,
  adjustments: 0, netPayout: 0 }, status: 'draft', version: 1, createdAt: '', updatedAt: '',
  createdBy: null, updatedBy: null, sentAt: null, sentTo: null };
const pdf = await renderStatementPdf(s as never, { company: { name: 'Zoë', addressLines: [], email: null, phone: null, logo: null }, ownerName: null });
process.stdout.write(pdf.subarray(0, 5).toString());
`,
      );
      const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
      const run = spawnSync(tsx, [script], { cwd: work, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe('%PDF-');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
