/**
 * Time to render a 200-line statement PDF (the target is "well under a second").
 */
import type { StoredStatement } from '../src/db/repositories/statement-repository.js';
import { companyNamed } from '../src/documents/company.js';
import { renderStatementPdf } from '../src/documents/statement-pdf.js';
import { statementFixture, statementLine } from '../test/helpers/statement-fixture.js';
import { percentile } from './stats.js';

/** A statement of `lines` lines, from the shared test fixture (the bench measures time only). */
function statementWith(lines: number): StoredStatement {
  return statementFixture({
    id: 'stmt_bench',
    propertyName: 'Bench House',
    lines: Array.from({ length: lines }, (_, i) =>
      statementLine({ reservationId: String(i), guestName: `Guest ${i}` }),
    ),
  });
}

export async function benchPdf(lines = 200, runs = 20): Promise<{ p50: number; max: number; bytes: number }> {
  const s = statementWith(lines);
  await renderStatementPdf(s, { company: companyNamed('Bench'), ownerName: 'Owner' }); // warm up fonts
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    bytes = (await renderStatementPdf(s, { company: companyNamed('Bench'), ownerName: 'Owner' })).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), max: times.at(-1) ?? Number.NaN, bytes };
}
