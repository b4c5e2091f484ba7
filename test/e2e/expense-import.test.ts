/**
 * Expense import in a real browser, with the sample file the README offers
 * (examples/expenses-sample.csv, written for the simulator's properties): an editor opens
 * Import expenses, uploads the file, changes the mapping, sees a duplicate warning and errors,
 * imports the chosen rows, regenerates the draft the import touched (its expenses now include
 * the imported ones) and undoes the import. Screenshots: test-output/screenshots/expense-import-*.png.
 */
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { browserAvailable, ensureWebBuild, launchBrowser, SCREENSHOTS, signInOn } from './browser.js';

const enabled = browserAvailable();
const SAMPLE = resolve('examples/expenses-sample.csv');
const OCTOBER = { startDate: '2025-10-01', endDate: '2025-10-31' };

let browser: Browser;
let t: TestApp;
let draftId: string;

beforeAll(async () => {
  if (!enabled) return;
  ensureWebBuild();
  browser = await launchBrowser();
  t = await startTestApp({ compose: { webRoot: resolve('dist/web') } });
  await t.composition.catalogService.sync();
  // A draft for October of the sample's first property: the import touches it.
  const properties = (await t.request('GET', '/api/properties')).body.properties as Array<{
    id: string;
    name: string;
    ownerId: string;
  }>;
  const loft = properties.find((p) => p.name === 'Hillside Loft 1');
  if (!loft) throw new Error('the simulator has no Hillside Loft 1');
  const made = await t.request('POST', '/api/statements/generate', {
    ownerId: loft.ownerId,
    propertyId: loft.id,
    ...OCTOBER,
  });
  expect(made.status, made.text).toBe(201);
  draftId = made.body.statement.id;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const shot = (page: Page, name: string) =>
  page.screenshot({
    path: `${SCREENSHOTS}/expense-import-${name}.png`,
    fullPage: true,
    animations: 'disabled',
  });

describe.skipIf(!enabled)('importing the sample expense file', () => {
  it('previews, imports, regenerates the touched draft and undoes the import', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signInOn(page, t, 'editor');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Import expenses' })
      .click();
    await page.getByRole('heading', { name: 'Import expenses' }).waitFor();

    await page.getByLabel(/Expense file/).setInputFiles(SAMPLE);
    const table = page.getByRole('table', { name: 'Rows of the file' });
    await table.waitFor();
    await page.getByRole('heading', { name: 'expenses-sample.csv: 10 rows' }).waitFor();
    // The mapping the headers suggest.
    expect(await page.getByLabel('Amount column').inputValue()).toBe('3');
    expect(await page.getByLabel('Vendor column (optional)').inputValue()).toBe('6');

    const rowOf = (n: number) =>
      table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: String(n), exact: true }) });
    await rowOf(3).getByText('Possible duplicate of row 2 of this file').waitFor();
    expect(await rowOf(3).getByRole('checkbox').isChecked()).toBe(false);
    await rowOf(8)
      .getByText('no property has the id, name or nickname "Sunset Villa"', { exact: false })
      .waitFor();
    expect(await rowOf(8).getByRole('checkbox').isDisabled()).toBe(true);
    await rowOf(6)
      .getByText(/reads as −45\.00: amounts must be positive/)
      .waitFor();
    await rowOf(5).getByText('“€ 212,40” read as 212.40 €').waitFor();
    await rowOf(2).getByText("Repairs · Bob's Plumbing").waitFor();
    await shot(page, 'preview');

    // No vendor column: the file is read again without it.
    await page.getByLabel('Vendor column (optional)').selectOption({ label: 'None' });
    await rowOf(2).getByText('Repairs', { exact: true }).waitFor();
    expect(await rowOf(2).getByText("Bob's Plumbing", { exact: false }).count()).toBe(0);

    await page.getByRole('button', { name: 'Import 7 rows' }).click();
    await page.getByRole('heading', { name: 'Imported 7 entries from expenses-sample.csv' }).waitFor();
    const drafts = page.getByRole('list', { name: 'Drafts to regenerate' });
    expect(await drafts.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('Hillside Loft 1, Oct 2025'),
    ]);
    await shot(page, 'imported');
    await drafts.getByRole('button', { name: /Regenerate Hillside Loft 1/ }).click();
    await drafts.getByText('Regenerated.').waitFor();
    const statement = (await t.request('GET', `/api/statements/${draftId}`)).body;
    expect(
      statement.expenses.map((e: { amount: number }) => e.amount).sort((a: number, b: number) => a - b),
    ).toEqual([1250, 123456]);
    expect(statement.totals.expenses).toBe(124706);

    const history = page.getByRole('table', { name: 'Imported files' });
    await history.getByRole('rowheader', { name: 'expenses-sample.csv' }).waitFor();
    await history.getByRole('button', { name: 'Undo the import of expenses-sample.csv' }).click();
    const dialog = page.getByRole('dialog', { name: 'Undo import' });
    await dialog
      .getByText('Remove the 7 entries imported from expenses-sample.csv?', { exact: false })
      .waitFor();
    await dialog.getByRole('button', { name: 'Undo import' }).click();
    await page.getByText('Undone: 7 entries of expenses-sample.csv removed.').waitFor();
    await history.getByText(/^Undone /).waitFor();
    await shot(page, 'undone');
    const left = await t.composition.db.selectFrom('ledger_entries').selectAll().execute();
    expect(left).toEqual([]);
    await page.close();
  });
});
