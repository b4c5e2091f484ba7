/**
 * Line review in a real browser (issue §4): an editor opens a draft, excludes a line with a
 * reason and sees the totals change, adds a manual line, and removes an override again — each
 * change regenerating the draft through the API with the Hostify simulator behind it. A viewer
 * sees the review but no buttons. Screenshots: test-output/screenshots/line-review-*.png.
 */
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/domain/money-format.js';
import { EXPECTED_101_TOTALS, knownData, PERIOD } from '../helpers/known-dataset.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { browserAvailable, ensureWebBuild, launchBrowser, SCREENSHOTS, signInOn } from './browser.js';

const enabled = browserAvailable();
let browser: Browser;
let t: TestApp;

beforeAll(async () => {
  if (!enabled) return;
  ensureWebBuild();
  browser = await launchBrowser();
  t = await startTestApp({ sim: { data: knownData() }, compose: { webRoot: resolve('dist/web') } });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const usd = (cents: number) => formatMoney(cents, 'USD');

async function draftOf101(): Promise<string> {
  const res = await t.request('POST', '/api/statements/generate', {
    ownerId: '1',
    propertyId: '101',
    ...PERIOD,
  });
  expect(res.status).toBe(201);
  return res.body.statement.id;
}

async function openAs(role: 'editor' | 'viewer', id: string, width = 1366): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: width > 800 ? 900 : 844 } });
  await signInOn(page, t, role);
  await page.goto(`${t.baseUrl}/statements/${id}`);
  await page.getByRole('heading', { level: 1, name: 'Seaside Loft' }).waitFor();
  return page;
}

const netPayout = (page: Page) =>
  page
    .getByRole('region', { name: 'Summary' })
    .getByText('Net payout')
    .locator('xpath=following-sibling::*[1]');

describe.skipIf(!enabled)('line review in the browser', () => {
  it('excludes a line with a reason, adds a manual line and removes an override', async () => {
    const id = await draftOf101();
    const page = await openAs('editor', id);
    expect(await netPayout(page).textContent()).toBe(usd(EXPECTED_101_TOTALS.netPayout));

    // Exclude R13 (payout 215.90 to the owner) with a reason.
    await page.getByRole('button', { name: 'Exclude Guest (reservation 13)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Exclude this reservation?' });
    await dialog.getByLabel('Reason').fill('The owner stayed there');
    await dialog.getByRole('button', { name: 'Exclude' }).click();
    await dialog.waitFor({ state: 'detached' });
    const afterExclusion = EXPECTED_101_TOTALS.netPayout - 21590;
    await expect.poll(() => netPayout(page).textContent(), { timeout: 10_000 }).toBe(usd(afterExclusion));
    const notCounted = page.getByRole('table', { name: 'Not counted' });
    await notCounted.getByText('excluded on review: The owner stayed there').waitFor();
    await expect
      .poll(() => page.getByRole('table', { name: 'Lines' }).getByText('reservation 13').count())
      .toBe(0);

    // A manual line: 50.00 of other income, counting toward the 15 % commission (7.50).
    await page.getByLabel('Line description').fill('Late checkout fee');
    await page.getByLabel('Line amount (USD)').fill('50');
    await page.getByLabel('Counts toward commission').check();
    await page.getByRole('button', { name: 'Add line' }).click();
    const lines = page.getByRole('table', { name: 'Lines' });
    await lines.getByRole('rowheader', { name: /Late checkout fee/ }).waitFor();
    const withManual = afterExclusion + 5000 - 750;
    await expect.poll(() => netPayout(page).textContent(), { timeout: 10_000 }).toBe(usd(withManual));
    const overrides = page.getByRole('table', { name: 'Overrides' });
    await expect.poll(() => overrides.getByRole('row').count()).toBe(3);
    await page.screenshot({ path: `${SCREENSHOTS}/line-review-desktop.png`, fullPage: true });

    // Remove the exclusion: R13 is counted again.
    await overrides.getByRole('button', { name: 'Remove: Excluded reservation 13' }).click();
    await expect
      .poll(() => netPayout(page).textContent(), { timeout: 10_000 })
      .toBe(usd(EXPECTED_101_TOTALS.netPayout + 5000 - 750));
    await expect.poll(() => overrides.getByRole('row').count()).toBe(2);
    await expect.poll(() => notCounted.getByText(/excluded on review/).count()).toBe(0);

    // What the page shows is what is stored.
    const stored = (await t.request('GET', `/api/statements/${id}`)).body;
    expect(stored.overrides.map((o: { kind: string }) => o.kind)).toEqual(['manual']);
    expect(stored.totals.netPayout).toBe(EXPECTED_101_TOTALS.netPayout + 5000 - 750);
    await page.close();
  });

  it('shows a viewer the review without buttons, and an editor the buttons on a phone', async () => {
    const id = await draftOf101();
    const viewer = await openAs('viewer', id);
    await viewer
      .getByRole('table', { name: 'Overrides' })
      .getByText('Manual line: Late checkout fee')
      .waitFor();
    await expect
      .poll(() => viewer.getByRole('button', { name: /^(Exclude|Include|Remove|Undo|Add line)/ }).count())
      .toBe(0);
    await viewer.close();

    const phone = await openAs('editor', id, 390);
    const cards = phone.getByRole('list', { name: 'Lines' });
    await cards.getByRole('button', { name: 'Exclude Guest (reservation 13)' }).waitFor();
    await cards.getByRole('button', { name: 'Remove the line “Late checkout fee”' }).click();
    await expect
      .poll(async () => (await t.request('GET', `/api/statements/${id}`)).body.overrides.length)
      .toBe(0);
    await phone.getByText('No overrides: the statement counts what the rules count.').waitFor();
    // Nothing sticks out of the phone's screen.
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: `${SCREENSHOTS}/line-review-phone.png`, fullPage: true });
    await phone.close();
  });
});
