/**
 * Issue 15 §1, "money always visible": on the dashboard and on a statement, every money column
 * (header, cells, totals) and the net payout lie inside the viewport at 1366 px and on a phone
 * (390 px), and the document never scrolls sideways. Demo-sized simulator data (8 owners × 4
 * properties, October 2025 generated for all). Screenshots: test-output/screenshots/<page>-<width>.png.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONEY_COLUMNS } from '../../src/domain/statement-columns.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { waitForJobEnd } from '../helpers/wait.js';
import { browserAvailable, ensureWebBuild, launchBrowser, SCREENSHOTS, signInOn } from './browser.js';

const SHOTS = SCREENSHOTS;
const VIEWPORTS = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
] as const;
const MONEY_LABELS = MONEY_COLUMNS.map((c) => c.label);

const enabled = browserAvailable();
let browser: Browser;
let t: TestApp;
interface Pick {
  /** Names the screenshot: `statement` for the busiest, `statement-<shot>` for the others. */
  shot: string;
  id: string;
  propertyName: string;
  lineCount: number;
  /** From the owners list, as the header must show it. */
  ownerName: string;
}
/** The statements most likely to overflow: the most lines, the largest amounts, warnings. */
let picks: Pick[];

beforeAll(async () => {
  if (!enabled) return;
  ensureWebBuild();
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
  t = await startTestApp({
    sim: { owners: 8, propertiesPerOwner: 4 },
    compose: { webRoot: resolve('dist/web') },
  });
  const started = await t.request('POST', '/api/statements/generate', {
    ownerId: 'all',
    startDate: '2025-10-01',
    endDate: '2025-10-31',
  });
  expect(started.status).toBe(202);
  await waitForJobEnd(t.composition.jobService, started.body.jobId);
  const list = (await t.request('GET', '/api/statements?limit=500')).body.statements as Array<{
    id: string;
    propertyName: string;
    ownerId: string;
    lineCount: number;
    warningCount: number;
    totals: { grossRevenue: number };
  }>;
  expect(list.length).toBeGreaterThan(20);
  const owners = (await t.request('GET', '/api/owners')).body.owners as Array<{ id: string; name: string }>;
  const most =
    <T>(by: (s: T) => number) =>
    (a: T, b: T) =>
      by(b) > by(a) ? b : a;
  const chosen = [
    { shot: '', statement: list.reduce(most((s) => s.lineCount)) },
    { shot: 'largest', statement: list.reduce(most((s) => s.totals.grossRevenue)) },
    { shot: 'warnings', statement: list.find((s) => s.warningCount > 0) },
  ];
  picks = [];
  for (const { shot, statement } of chosen) {
    if (!statement || picks.some((p) => p.id === statement.id)) continue;
    const ownerName = owners.find((o) => o.id === statement.ownerId)?.name;
    if (!ownerName) throw new Error(`owner ${statement.ownerId} is not in /api/owners`);
    picks.push({ ...statement, shot: shot ? `statement-${shot}` : 'statement', ownerName });
  }
  // The simulator's special cases: a reconciliation warning is among them.
  expect(picks.map((p) => p.shot)).toContain('statement-warnings');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await signInOn(page, t, 'editor');
  return page;
}

/** How far the document scrolls sideways (0 or less: not at all). */
const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

interface Checked {
  checked: number;
  outside: string[];
}

/**
 * The cells of a table's columns whose header reads one of `labels`, header and totals included:
 * each must lie inside the viewport (the visible width, without a vertical scroll bar) and inside
 * the table's own scroll box, so a column reached only by scrolling the table counts as outside.
 */
function tableColumnsOutside(table: Locator, labels: readonly string[]): Promise<Checked> {
  return table.evaluate((el, wanted) => {
    const t = el as HTMLTableElement;
    const visibleRight = Math.min(
      document.documentElement.clientWidth,
      (t.parentElement ?? t).getBoundingClientRect().right,
    );
    const head = t.tHead?.rows[0];
    if (!head) return { checked: 0, outside: ['no header row'] };
    const columns = new Set<number>();
    let at = 0;
    for (const cell of Array.from(head.cells)) {
      if (wanted.includes((cell.textContent ?? '').replace(/[▲▼]/g, '').trim())) columns.add(at);
      at += cell.colSpan;
    }
    const outside: string[] = [];
    let checked = 0;
    for (const row of Array.from(t.rows)) {
      let column = 0;
      for (const cell of Array.from(row.cells)) {
        if (cell.colSpan === 1 && columns.has(column)) {
          checked++;
          const box = cell.getBoundingClientRect();
          if (box.left < 0 || box.right > visibleRight + 0.5 || box.width === 0)
            outside.push(`${cell.textContent?.trim()} at ${Math.round(box.left)}–${Math.round(box.right)}`);
        }
        column += cell.colSpan;
      }
    }
    if (columns.size !== wanted.length) outside.push(`found ${columns.size} of ${wanted.length} columns`);
    return { checked, outside };
  }, labels);
}

/** Every amount (`dd` of a `dt` reading one of `labels`) in `root` lies inside the viewport. */
function listAmountsOutside(root: Locator, labels: readonly string[]): Promise<Checked> {
  return root.evaluate((el, wanted) => {
    const width = document.documentElement.clientWidth;
    const outside: string[] = [];
    let checked = 0;
    for (const dt of Array.from(el.querySelectorAll('dt'))) {
      if (!wanted.includes((dt.textContent ?? '').trim())) continue;
      const dd = dt.nextElementSibling;
      if (dd?.tagName !== 'DD') {
        outside.push(`${dt.textContent} has no amount`);
        continue;
      }
      checked++;
      const box = dd.getBoundingClientRect();
      if (box.left < 0 || box.right > width + 0.5 || box.width === 0)
        outside.push(
          `${dt.textContent} ${dd.textContent} at ${Math.round(box.left)}–${Math.round(box.right)}`,
        );
    }
    return { checked, outside };
  }, labels);
}

const shot = (page: Page, name: string, width: number) =>
  page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true, animations: 'disabled' });

describe.skipIf(!enabled)('money always visible', () => {
  for (const viewport of VIEWPORTS) {
    const phone = viewport.width <= 600;

    it(`dashboard at ${viewport.width} px: the net payout of every row is on screen`, async () => {
      const page = await signIn(viewport);
      const rows = (await t.request('GET', '/api/statements?limit=50')).body.statements.length;
      await page.getByText(`${rows} statements shown`).waitFor();
      await shot(page, 'dashboard', viewport.width);
      let result: Checked;
      if (phone) {
        const list = page.getByRole('list', { name: 'Statements' });
        await expect.poll(() => list.getByRole('listitem').count()).toBe(rows);
        result = await listAmountsOutside(list, ['Net payout']);
      } else {
        const table = page.getByRole('table', { name: 'Statements' });
        await expect.poll(() => table.locator('tbody tr').count()).toBe(rows);
        result = await tableColumnsOutside(table, ['Gross revenue', 'Owner payout', 'Net payout']);
        // Header + rows, three money columns each.
        expect(result.checked).toBe((rows + 1) * 3);
      }
      if (phone) expect(result.checked).toBe(rows);
      expect(result.outside).toEqual([]);
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
      await page.close();
    });

    it(`statement at ${viewport.width} px: owner named, summary and every money column on screen`, async () => {
      const page = await signIn(viewport);
      for (const pick of picks) {
        await page.goto(`${t.baseUrl}/statements/${pick.id}`);
        await page.getByRole('heading', { level: 1, name: pick.propertyName }).waitFor();
        await page.getByText(pick.ownerName, { exact: true }).waitFor({ timeout: 10_000 });
        const lines = phone
          ? page.getByRole('list', { name: 'Lines' })
          : page.getByRole('table', { name: 'Lines' });
        await lines.waitFor();
        await shot(page, pick.shot, viewport.width);

        const summary = await listAmountsOutside(page.getByRole('region', { name: 'Summary' }), [
          'Gross revenue',
          'Channel fees',
          'Commission',
          'Owner payout',
          'Expenses',
          'Adjustments',
          'Net payout',
        ]);
        expect(summary.checked, pick.shot).toBe(7);
        expect(summary.outside, pick.shot).toEqual([]);

        if (phone) {
          expect(await lines.getByRole('listitem').count(), pick.shot).toBe(pick.lineCount);
          const result = await listAmountsOutside(lines, MONEY_LABELS);
          expect(result.checked, pick.shot).toBe(pick.lineCount * MONEY_LABELS.length);
          expect(result.outside, pick.shot).toEqual([]);
        } else {
          const result = await tableColumnsOutside(lines, MONEY_LABELS);
          // Header, lines and the totals row.
          expect(result.checked, pick.shot).toBe((pick.lineCount + 2) * MONEY_LABELS.length);
          expect(result.outside, pick.shot).toEqual([]);
        }
        // The reservations that were not counted show their payout too.
        const excluded = phone
          ? page.getByRole('list', { name: 'Not counted' })
          : page.getByRole('table', { name: 'Not counted' });
        if ((await excluded.count()) > 0) {
          const result = phone
            ? await listAmountsOutside(excluded, ['Payout'])
            : await tableColumnsOutside(excluded, ['Payout']);
          expect(result.checked, pick.shot).toBeGreaterThan(0);
          expect(result.outside, pick.shot).toEqual([]);
        }
        expect(await sidewaysScroll(page), pick.shot).toBeLessThanOrEqual(0);
      }
      await page.close();
    });
  }
});
