/**
 * Issue 15 §3 and §10 in a real browser: month end without opening statements one by one. For
 * each width (1366×900 and 390×844) a period is generated with Generate All, every draft of the
 * period is selected and finalized in bulk, then every final one is sent to the owners in bulk —
 * a background job with its progress bar in the result dialog — and the result says what was done
 * and what was refused. The filters live in the URL (a reload keeps them) and the list says
 * "50 of N". The app serves the built web app with simulator data (72 properties, so a period has
 * more drafts than one page of 50 and than the sync limits). Screenshots:
 * test-output/screenshots/bulk-*-<width>.png.
 */
import { resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_LIMITS } from '../../src/services/bulk-statement-actions.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { browserAvailable, ensureWebBuild, launchBrowser, SCREENSHOTS, signInOn } from './browser.js';

const enabled = browserAvailable();
let browser: Browser;
let t: TestApp;
/** The dashboard's page size. */
const PAGE = 50;

beforeAll(async () => {
  if (!enabled) return;
  ensureWebBuild();
  browser = await launchBrowser();
  t = await startTestApp({
    sim: { owners: 12, propertiesPerOwner: 6 },
    compose: { webRoot: resolve('dist/web') },
  });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The whole page; `fullPage: false`, only what is on screen (a long list at its toolbar). */
const shot = (page: Page, name: string, width: number, fullPage = true) =>
  page.screenshot({
    path: `${SCREENSHOTS}/bulk-${name}-${width}.png`,
    fullPage,
    animations: 'disabled',
  });

async function signIn(viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await signInOn(page, t, 'editor');
  return page;
}

/**
 * Generate All for the period, through the modal; waits for the job's line to say it completed
 * ("Completed · N generated", or "Completed with errors · …" when a simulated property fails).
 */
async function generatePeriod(page: Page, start: string, end: string) {
  await page.getByRole('button', { name: 'Generate Statement' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate Statement' });
  await dialog.getByLabel('Generate All Owner Statements').check();
  await dialog.getByLabel('Start date').fill(start);
  await dialog.getByLabel('End date').fill(end);
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await dialog.waitFor({ state: 'detached' });
  const jobs = page.getByRole('region', { name: 'Background jobs' });
  await jobs.getByText(/^Completed( with errors)? · \d+ generated/).waitFor({ timeout: 120_000 });
  await jobs.getByRole('button', { name: 'Dismiss' }).click();
}

/** How many statements of the period have this status (the API's own count). */
async function countOf(start: string, end: string, status: string): Promise<number> {
  const res = await t.request(
    'GET',
    `/api/statements?periodStart=${start}&periodEnd=${end}&status=${status}&limit=1`,
  );
  expect(res.status).toBe(200);
  return res.body.total;
}

/** The counts of a result dialog's summary line ("12 finalized · 3 refused"). */
async function summaryOf(dialog: Locator, doneWord: string): Promise<{ done: number; refused: number }> {
  const line = dialog.getByText(new RegExp(`^\\d+ ${doneWord}( · \\d+ already [a-z ]+)? · \\d+ refused$`));
  await line.waitFor({ timeout: 150_000 });
  const text = (await line.textContent()) ?? '';
  const [done, refused] = [new RegExp(`(\\d+) ${doneWord}`), /(\d+) refused/].map((re) =>
    Number(re.exec(text)?.[1]),
  );
  return { done: done ?? Number.NaN, refused: refused ?? Number.NaN };
}

/** The list's foot: "50 of 72 statements shown", or "22 statements shown" once all are loaded. */
const shownText = (total: number) =>
  total > PAGE ? `${PAGE} of ${total} statements shown` : `${total} statement${total === 1 ? '' : 's'} shown`;

const toolbar = (page: Page) => page.getByRole('region', { name: 'Selected statements' });

/** Ticks the page's checkbox and then "Select all N matching the filters". */
async function selectAllMatching(page: Page, total: number) {
  await page.getByRole('checkbox', { name: 'Select all shown statements' }).check();
  await toolbar(page)
    .getByText(`${Math.min(PAGE, total)} selected`)
    .waitFor();
  await toolbar(page)
    .getByRole('button', { name: `Select all ${total} matching the filters` })
    .click();
  await toolbar(page).getByText(`All ${total} statements matching the filters are selected.`).waitFor();
}

/** Sends every final statement of the period (filters set to it), confirmed; a job beyond 10. */
async function sendAllFinal(page: Page, start: string, end: string, width: number) {
  const finals = await countOf(start, end, 'final');
  expect(finals).toBeGreaterThan(SYNC_LIMITS.send);
  await page.getByLabel('Filter by status').selectOption({ label: 'Final' });
  await page.getByText(shownText(finals)).waitFor();
  if (finals > PAGE) await selectAllMatching(page, finals);
  else await page.getByRole('checkbox', { name: 'Select all shown statements' }).check();

  await toolbar(page).getByRole('button', { name: 'Send to owners' }).click();
  const confirm = page.getByRole('dialog', { name: 'Send to owners' });
  await confirm.getByText(/E-mail all \d+ statements matching the filters to their owners/).waitFor();
  await shot(page, 'send-confirm', width);
  await confirm.getByRole('button', { name: 'Send to owners' }).click();

  const dialog = page.getByRole('dialog', { name: 'Send to owners: background job' });
  const bar = dialog.getByRole('progressbar', { name: 'Job progress' });
  await bar.waitFor();
  await expect.poll(() => bar.getAttribute('aria-valuemax'), { timeout: 30_000 }).toBe(String(finals));
  // The dialog's bar is the only one: the layout follows the job only if the dialog is closed.
  expect(await page.getByRole('progressbar').count()).toBe(1);
  await shot(page, 'send-progress', width);
  const { done, refused } = await summaryOf(dialog, 'sent');
  expect(await bar.getAttribute('aria-valuenow')).toBe(String(finals));
  expect(done + refused).toBe(finals);
  await shot(page, 'send-result', width);
  // What the dialog says is what the store holds.
  expect(await countOf(start, end, 'sent')).toBe(done);
  expect(await countOf(start, end, 'final')).toBe(refused);
  await dialog.getByRole('button', { name: 'Close' }).click();
}

describe.skipIf(!enabled)('bulk finalize and send of a period', () => {
  it('at 1366 px: all drafts by the filters, finalized as a job, then sent as a job', async () => {
    const width = 1366;
    const [start, end] = ['2025-10-01', '2025-10-31'];
    const page = await signIn({ width, height: 900 });
    await generatePeriod(page, start, end);
    const drafts = await countOf(start, end, 'draft');
    // More than a page and more than the request does itself: the link and the job both show.
    expect(drafts).toBeGreaterThan(Math.max(PAGE, SYNC_LIMITS.finalize));

    await page.getByLabel('Period from').fill(start);
    await page.getByLabel('Period to').fill(end);
    await page.getByLabel('Filter by status').selectOption({ label: 'Draft' });
    await page.getByText(`${PAGE} of ${drafts} statements shown`).waitFor();
    // The filters are in the URL: a reload (or a shared link) shows the same list.
    expect(new URL(page.url()).search).toBe(`?periodStart=${start}&periodEnd=${end}&status=draft`);
    await page.reload();
    await page.getByText(`${PAGE} of ${drafts} statements shown`).waitFor();
    expect(await page.getByLabel('Filter by status').inputValue()).toBe('draft');
    expect(await page.getByLabel('Period from').inputValue()).toBe(start);

    await selectAllMatching(page, drafts);
    await shot(page, 'selected', width, false);
    await toolbar(page).getByRole('button', { name: 'Finalize' }).click();
    const dialog = page.getByRole('dialog', { name: 'Finalize: background job' });
    await dialog.getByRole('progressbar', { name: 'Job progress' }).waitFor();
    const finalized = await summaryOf(dialog, 'finalized');
    expect(finalized).toEqual({ done: drafts, refused: 0 });
    await shot(page, 'finalize-result', width);
    await dialog.getByRole('button', { name: 'Close' }).click();
    // Re-read after the job: no draft is left under these filters.
    await page.getByText('No statements match these filters.').waitFor();
    expect(await countOf(start, end, 'draft')).toBe(0);
    expect(await countOf(start, end, 'final')).toBe(drafts);

    await sendAllFinal(page, start, end, width);
    await page.close();
  }, 400_000);

  it('at 390 px: drafts ticked on the cards, finalized a page at a time, then sent as a job', async () => {
    const width = 390;
    const [start, end] = ['2025-09-01', '2025-09-30'];
    const page = await signIn({ width, height: 844 });
    await generatePeriod(page, start, end);
    const drafts = await countOf(start, end, 'draft');
    expect(drafts).toBeGreaterThan(PAGE);

    await page.getByLabel('Period from').fill(start);
    await page.getByLabel('Period to').fill(end);
    await page.getByLabel('Filter by status').selectOption({ label: 'Draft' });
    await page.getByText(`${PAGE} of ${drafts} statements shown`).waitFor();
    const cards = page.getByRole('list', { name: 'Statements' }).getByRole('listitem');
    expect(await cards.count()).toBe(PAGE);

    // One card by its own checkbox, then the rest of the page by the page's checkbox.
    await cards.first().getByRole('checkbox').check();
    await toolbar(page).getByText('1 selected').waitFor();
    let left = drafts;
    while (left > 0) {
      const shown = Math.min(PAGE, left);
      await page.getByRole('checkbox', { name: 'Select all shown statements' }).check();
      await toolbar(page).getByText(`${shown} selected`).waitFor();
      if (left === drafts) {
        await toolbar(page).scrollIntoViewIfNeeded();
        await shot(page, 'selected', width, false);
      }
      await toolbar(page).getByRole('button', { name: 'Finalize' }).click();
      // At most a page of ticked rows: carried out in the request, the result at once.
      expect(shown).toBeLessThanOrEqual(SYNC_LIMITS.finalize);
      const dialog = page.getByRole('dialog', { name: 'Finalize: result' });
      expect(await summaryOf(dialog, 'finalized')).toEqual({ done: shown, refused: 0 });
      if (left === drafts) await shot(page, 'finalize-result', width);
      await dialog.getByRole('button', { name: 'Close' }).click();
      left -= shown;
      expect(await countOf(start, end, 'draft')).toBe(left);
      if (left > 0) await page.getByText(shownText(left)).waitFor();
    }
    await page.getByText('No statements match these filters.').waitFor();

    await sendAllFinal(page, start, end, width);
    // Nothing on the phone scrolls sideways, dialogs included.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await page.close();
  }, 400_000);
});
