/**
 * The payout report in a real browser, as a viewer: reached from the navigation, it opens on the
 * latest month with statements, shows the final statement's payout and the drafts left out, links
 * to the statements, and "Download CSV" saves the same numbers under the period's file name.
 * Screenshots: test-output/screenshots/payouts-<width>.png.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCents } from '../../src/domain/money.js';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { csvRecords } from '../helpers/parse-csv.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { waitForJobEnd } from '../helpers/wait.js';
import { browserAvailable, ensureWebBuild, launchBrowser, SCREENSHOTS, signInOn } from './browser.js';

const enabled = browserAvailable();
let browser: Browser;
let t: TestApp;
/** Seaside Loft's October statement, made final; the other October statements stay drafts. */
let loft: { id: string; netPayout: number };
let drafts: string[];

beforeAll(async () => {
  if (!enabled) return;
  ensureWebBuild();
  browser = await launchBrowser();
  t = await startTestApp({ sim: { data: knownData() }, compose: { webRoot: resolve('dist/web') } });
  const all = await t.request('POST', '/api/statements/generate', { ownerId: 'all', ...PERIOD });
  expect(all.status).toBe(202);
  await waitForJobEnd(t.composition.jobService, all.body.jobId);
  const list = await t.request('GET', '/api/statements?limit=50');
  const statements = list.body.statements as Array<{
    id: string;
    propertyId: string;
    propertyName: string;
    totals: { netPayout: number };
  }>;
  const seaside = statements.find((s) => s.propertyId === '101');
  if (!seaside) throw new Error('no statement for Seaside Loft');
  loft = { id: seaside.id, netPayout: seaside.totals.netPayout };
  drafts = statements.filter((s) => s.propertyId !== '101').map((s) => s.propertyName);
  expect(drafts.length).toBeGreaterThan(0);
  expect((await t.request('PUT', `/api/statements/${loft.id}/status`, { status: 'final' })).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe.skipIf(!enabled)('the payout report in the browser', () => {
  it('shows the latest month’s payouts, warns about drafts, and downloads the same as CSV', async () => {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInOn(page, t, 'viewer');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payouts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Payouts' }).waitFor();
    const table = page.getByRole('table', { name: 'Payouts by owner' });
    await table.waitFor();
    expect(await page.getByLabel('Month').inputValue()).toBe('2025-10');

    const olivia = table.getByRole('row', { name: /Olivia Owner/ });
    await expect
      .poll(() => olivia.getByRole('link', { name: 'Seaside Loft' }).getAttribute('href'))
      .toBe(`/statements/${loft.id}`);
    const text = (await table.textContent()) ?? '';
    for (const name of drafts) expect(text).toContain(name);
    expect(await page.getByRole('region', { name: 'Check before transferring' }).textContent()).toMatch(
      /draft statements? (is|are) not included/,
    );
    await page.screenshot({
      path: `${SCREENSHOTS}/payouts-1366.png`,
      fullPage: true,
      animations: 'disabled',
    });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('payouts-2025-10-01-2025-10-31.csv');
    const rows = csvRecords(readFileSync(await download.path(), 'utf8'));
    const usd = rows.find((r) => r.owner?.text === 'Olivia Owner' && r.currency?.text === 'USD');
    expect(usd?.netPayout?.text).toBe(formatCents(loft.netPayout));
    expect(usd?.covered?.text).toBe('Seaside Loft (101-2025-10)');

    await olivia.getByRole('link', { name: 'Seaside Loft' }).click();
    await page.getByRole('heading', { level: 1, name: /Seaside Loft/ }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('fits a phone: one card per owner, nothing scrolls sideways', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signInOn(page, t, 'viewer');
    await page.goto(`${t.baseUrl}/payouts?periodStart=2025-10-01&periodEnd=2025-10-31`);
    const cards = page.getByRole('list', { name: 'Payouts by owner' });
    await cards.waitFor();
    expect(await cards.textContent()).toContain('Olivia Owner');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOTS}/payouts-390.png`, fullPage: true, animations: 'disabled' });
    await context.close();
  }, 120_000);
});
