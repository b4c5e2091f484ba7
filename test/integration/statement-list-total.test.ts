/**
 * GET /api/statements says how many statements match its filters in all (`total`, issue 15
 * §10: the list shows "50 of 312"), on the first page; later pages (with a cursor) leave it out.
 * Over real HTTP and the store of the run (SQLite, or PostgreSQL with TEST_DB=postgres). The
 * statements are stored straight through the repository: single-day periods of 2031, a year no
 * other data of this app uses, so the counts are exactly what this file stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStatementsResponseSchema } from '../../src/contract/statements.js';
import type { ComputedStatement } from '../../src/domain/types.js';
import { knownData } from '../helpers/known-dataset.js';
import { statementFixture } from '../helpers/statement-fixture.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
/** Stored per property: 101 and 102 belong to owner 1, 104 to owner 2. */
const N101 = 7;
const N102 = 5;
const N104 = 3;
const DAYS: Record<string, number> = { '101': N101, '102': N102, '104': N104 };
const OWNER: Record<string, string> = { '101': '1', '102': '1', '104': '2' };
/** Of 101's statements, these many are finalized. */
const FINAL_101 = 2;

const day = (i: number) => new Date(Date.UTC(2031, 0, 1 + i)).toISOString().slice(0, 10);

function computed(propertyId: string, date: string): ComputedStatement {
  const {
    lines,
    manualLines,
    expenses,
    adjustments,
    excluded,
    warnings,
    totals,
    settings,
    currency,
    calculationType,
  } = statementFixture();
  return {
    propertyId,
    period: { start: date, end: date },
    lines,
    manualLines,
    expenses,
    adjustments,
    excluded,
    warnings,
    totals,
    settings,
    currency,
    calculationType,
  };
}

beforeAll(async () => {
  t = await startTestApp({ sim: { data: knownData() } });
  const now = new Date().toISOString();
  for (const [propertyId, n] of Object.entries(DAYS)) {
    for (let i = 0; i < n; i++) {
      const saved = await t.composition.statements.saveGeneratedMany(
        [{ statement: computed(propertyId, day(i)), ownerId: OWNER[propertyId] ?? null }],
        now,
        null,
      );
      const id = saved.get(propertyId)?.id;
      if (!id) throw new Error(`nothing stored for ${propertyId}`);
      if (propertyId === '101' && i < FINAL_101) {
        expect(await t.composition.statements.changeStatus(id, 'draft', 'final', now)).toBe(true);
      }
    }
  }
});
afterAll(async () => {
  await t?.close();
});

const YEAR = 'periodStart=2031-01-01&periodEnd=2031-12-31';

async function list(query: string) {
  const res = await t.request('GET', `/api/statements?${query}`);
  expect(res.status).toBe(200);
  // The answer as the contract describes it (total included).
  return listStatementsResponseSchema.parse(res.body);
}

describe('the list total', () => {
  it('counts every statement the filters match, beyond the page', async () => {
    const first = await list(`${YEAR}&limit=4`);
    expect(first.statements).toHaveLength(4);
    expect(first.total).toBe(15);

    // Walking the pages finds as many as the total said; only the first page carries it.
    const seen = new Set(first.statements.map((s) => s.id));
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await list(`${YEAR}&limit=4&cursor=${cursor}`);
      expect(page.total).toBeUndefined();
      for (const s of page.statements) seen.add(s.id);
      cursor = page.nextCursor;
    }
    expect(seen.size).toBe(15);
  });

  it('applies each filter to the count as to the rows', async () => {
    const cases: Array<[string, number]> = [
      [`${YEAR}&ownerId=1`, N101 + N102],
      [`${YEAR}&ownerId=2`, N104],
      [`${YEAR}&propertyId=102`, N102],
      [`${YEAR}&status=final`, FINAL_101],
      [`${YEAR}&status=draft&ownerId=1`, N101 + N102 - FINAL_101],
      [`periodStart=${day(2)}&periodEnd=${day(3)}`, 2 + 2 + 1],
      [`${YEAR}&status=sent`, 0],
    ];
    for (const [query, expected] of cases) {
      const page = await list(`${query}&limit=500`);
      expect(page.total, query).toBe(expected);
      expect(page.statements, query).toHaveLength(expected);
    }
  });

  it('follows changes: a deleted draft is no longer counted', async () => {
    const before = await list(`${YEAR}&propertyId=104&limit=1`);
    expect(before.total).toBe(N104);
    const victim = before.statements[0]?.id;
    expect((await t.request('DELETE', `/api/statements/${victim}`)).status).toBe(204);
    expect((await list(`${YEAR}&propertyId=104&limit=1`)).total).toBe(N104 - 1);
  });
});
