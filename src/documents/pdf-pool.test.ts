import { afterEach, describe, expect, it } from 'vitest';
import { statementFixture } from '../../test/helpers/statement-fixture.js';
import { assembleOwnerStatement } from '../domain/owner-statement.js';
import { companyNamed } from './company.js';
import { renderOwnerStatementPdf } from './owner-statement-pdf.js';
import { PdfPool, PdfPoolBusyError, workerExecArgv } from './pdf-pool.js';
import { renderStatementPdf } from './statement-pdf.js';

const statement = statementFixture({ id: 'stm_pool', propertyName: 'Pool House' });
const ctx = { company: companyNamed('Pool Co'), ownerName: 'Olive Owner' };
/** PDFs carry their creation time and a random id; the rest must be the same bytes. */
const comparable = (pdf: Buffer) =>
  pdf
    .toString('latin1')
    .replace(/\(D:\d{14}Z\)/g, '')
    .replace(/\/ID\s*\[<[0-9a-f]+>\s*<[0-9a-f]+>\]/g, '');

let pool: PdfPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('PdfPool', () => {
  it('renders in a worker thread the same PDF the in-process renderer makes', async () => {
    pool = new PdfPool({ threads: 1, maxQueue: 4 });
    const fromPool = await pool.pdf(statement, ctx);
    expect(Buffer.isBuffer(fromPool)).toBe(true);
    expect(fromPool.subarray(0, 5).toString()).toBe('%PDF-');
    expect(comparable(fromPool)).toBe(comparable(await renderStatementPdf(statement, ctx)));
  });

  it("renders an owner's PDF in a worker thread as the in-process renderer does", async () => {
    pool = new PdfPool({ threads: 1, maxQueue: 4 });
    const owner = {
      owner: { id: '1', name: 'Olive Owner', email: 'olive@example.com' },
      period: statement.period,
      ...assembleOwnerStatement('1', [], [statement]),
    };
    const ownerCtx = { company: ctx.company };
    const fromPool = await pool.ownerPdf(owner, ownerCtx);
    expect(fromPool.subarray(0, 5).toString()).toBe('%PDF-');
    expect(comparable(fromPool)).toBe(comparable(await renderOwnerStatementPdf(owner, ownerCtx)));
  });

  it('zips the PDFs under their names', async () => {
    pool = new PdfPool({ threads: 1, maxQueue: 4 });
    const zip = await pool.zip([
      { name: 'a.pdf', statement, ctx },
      { name: 'a.pdf', statement, ctx },
    ]);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    const text = zip.toString('latin1');
    expect(text).toContain('a.pdf');
    expect(text).toContain('a-2.pdf');
  });

  it('refuses work beyond its queue instead of queueing without bound, and keeps serving', async () => {
    pool = new PdfPool({ threads: 1, maxQueue: 1 });
    const files = Array.from({ length: 20 }, (_, i) => ({ name: `${i}.pdf`, statement, ctx }));
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => pool?.zip(files)));
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(PdfPoolBusyError);
    expect(results[0]?.status).toBe('fulfilled');
    expect((await pool.pdf(statement, ctx)).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('workerExecArgv', () => {
  it("adds tsx's loader unless the process was started with it", () => {
    expect(workerExecArgv([])).toEqual(['--import', 'tsx']);
    expect(workerExecArgv(['--import', 'tsx'])).toEqual(['--import', 'tsx']);
    const viaCli = [
      '--require',
      '/app/node_modules/tsx/dist/preflight.cjs',
      '--import',
      'file:///app/node_modules/tsx/dist/loader.mjs',
    ];
    expect(workerExecArgv(viaCli)).toEqual(viaCli);
    expect(workerExecArgv(['--max-old-space-size=512'])).toEqual([
      '--max-old-space-size=512',
      '--import',
      'tsx',
    ]);
  });

  it('adds nothing for the compiled worker (JavaScript)', () => {
    expect(workerExecArgv([], false)).toEqual([]);
    expect(workerExecArgv(['--enable-source-maps'], false)).toEqual(['--enable-source-maps']);
  });
});
