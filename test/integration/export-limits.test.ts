/**
 * Heavy exports are bounded: PDFs are rendered in a small worker pool that refuses work beyond
 * its queue (429 renderer_busy, Retry-After), and each user may start only so many ZIPs and list
 * CSVs a minute (429 too_many_exports, Retry-After).
 */
import { describe, expect, it } from 'vitest';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

async function withApp(options: Parameters<typeof startTestApp>[0], fn: (t: TestApp) => Promise<void>) {
  const t = await startTestApp(options);
  try {
    await fn(t);
  } finally {
    await t.close();
  }
}

async function twoStatements(t: TestApp): Promise<string[]> {
  const ids: string[] = [];
  for (const [ownerId, propertyId] of [
    ['1', '101'],
    ['2', '104'],
  ]) {
    const res = await t.request('POST', '/api/statements/generate', { ownerId, propertyId, ...PERIOD });
    expect(res.status).toBe(201);
    ids.push(res.body.statement.id);
  }
  return ids;
}

describe('export rate limit per user', () => {
  it('answers 429 too_many_exports with Retry-After past the allowance, for ZIPs and list CSVs alike', async () => {
    await withApp({ sim: { data: knownData() }, compose: { exportsPerMinute: 2 } }, async (t) => {
      const ids = await twoStatements(t);
      const viewer = t.as('viewer');
      expect((await viewer('POST', '/api/statements/pdf-zip', { ids })).status).toBe(200);
      expect((await viewer('GET', '/api/statements/export.csv')).status).toBe(200);
      for (const [method, path, body] of [
        ['POST', '/api/statements/pdf-zip', { ids }],
        ['GET', '/api/statements/export.csv', undefined],
      ] as const) {
        const refused = await viewer(method, path, body);
        expect(refused.status).toBe(429);
        expect(refused.body.error.code).toBe('too_many_exports');
        const retryAfter = Number(refused.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(60);
      }
      // Another user's allowance is their own; a single statement's PDF is not an export.
      expect((await t.as('editor')('POST', '/api/statements/pdf-zip', { ids })).status).toBe(200);
      const pdf = await viewer('GET', `/api/statements/${ids[0]}/pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
    });
  });
});

describe('the PDF worker pool', () => {
  it('renders in a bounded pool and refuses more than it can queue with 429 renderer_busy, then serves again', async () => {
    await withApp(
      { sim: { data: knownData() }, compose: { pdfPool: { threads: 1, maxQueue: 1 } } },
      async (t) => {
        const ids = await twoStatements(t);
        // More ZIPs at once than one thread and one waiting place can take.
        const answers = await Promise.all(
          Array.from({ length: 12 }, () => t.request('POST', '/api/statements/pdf-zip', { ids })),
        );
        const statuses = answers.map((a) => a.status);
        expect(statuses).toContain(200);
        expect(statuses).toContain(429);
        for (const busy of answers.filter((a) => a.status === 429)) {
          expect(busy.body.error.code).toBe('renderer_busy');
          expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
        }
        expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
        // Once the pool has caught up, it serves again.
        const after = await t.request('GET', `/api/statements/${ids[0]}/pdf`);
        expect(after.status).toBe(200);
        expect(after.text.startsWith('%PDF-')).toBe(true);
        expect(t.logs.some((l) => l.level === 50)).toBe(false);
      },
    );
  });
});
