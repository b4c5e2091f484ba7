/**
 * Issue 15 §4–5 in a real browser: a Generate All where one property cannot be generated (the
 * known data set's Mixed Money House has a USD and a EUR reservation: mixed_currency) and one
 * has nothing to put on a statement. The job's notice becomes one live line that ends
 * "Completed with errors · 2 generated, 1 skipped, 1 error — View" in amber (not green, and no
 * "may take several minutes" left), and the job's page, titled in words, explains the error and
 * its next step. At 1366×900 and 390×844; screenshots: test-output/screenshots/job-errors-*.png.
 */
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainError } from '../../web/src/errorText.js';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { browserAvailable, ensureWebBuild, launchBrowser, SCREENSHOTS, signInOn } from './browser.js';

const VIEWPORTS = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
] as const;
/** The amber of a job completed with errors (web/src/styles.css), and the green it must not be. */
const AMBER_TEXT = 'rgb(122, 74, 0)';
const AMBER_BORDER = 'rgb(217, 142, 4)';

const enabled = browserAvailable();
let browser: Browser;
let t: TestApp;

beforeAll(async () => {
  if (!enabled) return;
  ensureWebBuild();
  browser = await launchBrowser();
  t = await startTestApp({ sim: { data: knownData() }, compose: { webRoot: resolve('dist/web') } });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await signInOn(page, t, 'editor');
  return page;
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true, animations: 'disabled' });

describe.skipIf(!enabled)('a Generate All that completes with errors', () => {
  for (const viewport of VIEWPORTS) {
    it(`ends in one amber line and an explained error at ${viewport.width} px`, async () => {
      const page = await signIn(viewport);
      await page.getByRole('button', { name: 'Generate Statement' }).click();
      const dialog = page.getByRole('dialog', { name: 'Generate Statement' });
      await dialog.getByLabel('Generate All Owner Statements').check();
      await dialog.getByLabel('Start date').fill(PERIOD.startDate);
      await dialog.getByLabel('End date').fill(PERIOD.endDate);
      await dialog.getByRole('button', { name: 'Generate' }).click();
      await dialog.waitFor({ state: 'detached' });

      const line = page.getByRole('region', { name: 'Background jobs' }).locator('.job-progress');
      await line.getByText('Generate All · October 2025').waitFor();
      const final = line.locator('.job-progress-final');
      await final.waitFor({ timeout: 30_000 });
      expect(await final.textContent()).toBe(
        'Completed with errors · 2 generated, 1 skipped, 1 error — View',
      );
      // Amber, not green; and nothing on the page says the job may still take minutes.
      expect(await final.evaluate((el) => getComputedStyle(el).color)).toBe(AMBER_TEXT);
      expect(await line.evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe(AMBER_BORDER);
      expect(await page.locator('body').textContent()).not.toMatch(/several minutes/);
      expect(await page.locator('body').textContent()).not.toMatch(/Generating ·/);
      await shot(page, `job-errors-line-${viewport.width}`);

      // The job's page, from the line's link: titled in words, the error explained with its next step.
      await final.getByRole('link', { name: /^View/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Generate All · October 2025' }).waitFor();
      await line.waitFor({ state: 'detached' }); // opened, the line has done its work
      await page.getByText('Status: Completed with errors').waitFor();
      const errors = page.locator('section', { has: page.getByRole('heading', { name: 'Errors' }) });
      const row = errors.getByRole('row', { name: /Mixed Money House/ });
      const explained = explainError('mixed_currency');
      await row.getByText(explained.what).waitFor();
      await row.getByText(explained.next).waitFor();
      expect(await row.textContent()).toMatch(/EUR/); // the server's own message names the currency
      // mixed_currency can pass once corrected in Hostify: the retry is offered.
      await page.getByRole('button', { name: 'Retry failed' }).waitFor();
      expect(await page.locator('main').textContent()).not.toMatch(/job_[0-9a-z]+ \/|Job job_/i);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(page, `job-errors-detail-${viewport.width}`);

      // The generated statement's reconciliation warning is explained too.
      const generated = page.locator('section', { has: page.getByRole('heading', { name: 'Generated' }) });
      await generated
        .getByRole('row', { name: /Seaside Loft/ })
        .getByRole('link', { name: 'View statement' })
        .click();
      const warnings = page.getByRole('list', { name: 'What the warnings mean' });
      await warnings.getByText(explainError('payout_mismatch').what, { exact: false }).waitFor();
      await shot(page, `job-errors-statement-warning-${viewport.width}`);
      await page.close();
    });
  }
});
