/**
 * Every page of the web app at a laptop's width (1366 × 900) and a phone's (390 × 844), signed in
 * as the admin (who sees every page), with a generated month and a finished job: a screenshot of
 * each in test-output/screenshots/tour-<page>-<width>.png, for people to look at, and the checks a
 * reviewer would make first — the page's heading renders, nothing scrolls sideways, no error.
 */
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { waitForJobEnd } from '../helpers/wait.js';
import { browserAvailable, ensureWebBuild, launchBrowser, SCREENSHOTS } from './browser.js';

const enabled = browserAvailable();
let browser: Browser;
let t: TestApp;
let statementId: string;
let jobId: string;

beforeAll(async () => {
  if (!enabled) return;
  ensureWebBuild();
  browser = await launchBrowser();
  t = await startTestApp({ sim: { data: knownData() }, compose: { webRoot: resolve('dist/web') } });
  const all = await t.request('POST', '/api/statements/generate', { ownerId: 'all', ...PERIOD });
  expect(all.status).toBe(202);
  jobId = all.body.jobId;
  await waitForJobEnd(t.composition.jobService, jobId);
  const list = await t.request('GET', '/api/statements?propertyId=101');
  statementId = list.body.statements[0].id;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const PAGES: Array<{ name: string; path: () => string; heading: RegExp }> = [
  { name: 'dashboard', path: () => '/', heading: /^Statements$/ },
  { name: 'statement', path: () => `/statements/${statementId}`, heading: /Seaside Loft/ },
  { name: 'owner', path: () => '/owners/1', heading: /^Olivia Owner$/ },
  { name: 'jobs', path: () => '/jobs', heading: /Jobs/ },
  { name: 'job', path: () => `/jobs/${jobId}`, heading: /Generate All|Job/ },
  { name: 'properties', path: () => '/properties', heading: /Properties/ },
  { name: 'payouts', path: () => '/payouts', heading: /^Payouts$/ },
  { name: 'expense-imports', path: () => '/expense-imports', heading: /^Import expenses$/ },
  { name: 'users', path: () => '/users', heading: /Users/ },
  { name: 'outbox', path: () => '/outbox', heading: /Outbox/ },
  { name: 'settings', path: () => '/settings', heading: /^Settings$/ },
];

const WIDTHS = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
];

describe.skipIf(!enabled)('a tour of every page', () => {
  for (const viewport of WIDTHS) {
    it(`renders every page at ${viewport.width} px without sideways scrolling`, async () => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${t.baseUrl}/`);
      await page.screenshot({
        path: `${SCREENSHOTS}/tour-login-${viewport.width}.png`,
        animations: 'disabled',
      });
      await page.getByLabel('E-mail').fill('admin@test.local');
      await page.getByLabel('Password').fill(t.passwords.admin);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Statements', exact: true }).waitFor();
      for (const p of PAGES) {
        await page.goto(`${t.baseUrl}${p.path()}`);
        await page.getByRole('heading', { level: 1, name: p.heading }).first().waitFor({ timeout: 15_000 });
        // Loading indicators gone: the page shows its data, not a spinner.
        await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${p.name} scrolls sideways at ${viewport.width} px`).toBeLessThanOrEqual(0);
        await page.screenshot({
          path: `${SCREENSHOTS}/tour-${p.name}-${viewport.width}.png`,
          fullPage: true,
          animations: 'disabled',
        });
      }
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);
  }
});
