/**
 * The Owner page in a real browser (1366×900 and 390×844): from the statements list an owner's
 * name opens their page; a period is picked; the owner statement shows each property with its
 * status and net payout, the totals per currency (USD and EUR apart) and the draft and missing
 * notices; "Download owner PDF" saves a PDF. Screenshots: test-output/screenshots/owner-page-*.png.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simData, simListing, simReservation, simUser } from '../helpers/sim-fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { browserAvailable, ensureWebBuild, launchBrowser, SCREENSHOTS, signInOn } from './browser.js';

const enabled = browserAvailable();
let browser: Browser;
let t: TestApp;

const data = () =>
  simData({
    listings: [
      simListing({ id: 301, name: 'Seaside Loft', currency: 'USD' }),
      simListing({ id: 302, name: 'Unit 10', currency: 'USD' }),
      simListing({ id: 303, name: 'Unit 2', currency: 'EUR' }),
      simListing({ id: 304, name: 'Annex', currency: 'USD' }),
    ],
    users: [
      simUser({
        id: 1,
        first_name: 'Olivia',
        last_name: 'Owner',
        listings: [{ id: 301 }, { id: 302 }, { id: 303 }, { id: 304 }],
      }),
    ],
    reservations: [
      simReservation({ id: 1, listing_id: 301, checkIn: '2025-09-10', checkOut: '2025-09-14', nights: 4 }),
      simReservation({ id: 2, listing_id: 301, checkIn: '2025-10-03', checkOut: '2025-10-06', nights: 3 }),
      simReservation({ id: 3, listing_id: 302, checkIn: '2025-10-10', checkOut: '2025-10-12' }),
      simReservation({
        id: 4,
        listing_id: 303,
        currency: 'EUR',
        checkIn: '2025-10-05',
        checkOut: '2025-10-09',
      }),
    ],
  });

beforeAll(async () => {
  if (!enabled) return;
  ensureWebBuild();
  browser = await launchBrowser();
  t = await startTestApp({ sim: { data: data() }, compose: { webRoot: resolve('dist/web') } });
  for (const [startDate, endDate] of [
    ['2025-09-01', '2025-09-30'],
    ['2025-10-01', '2025-10-31'],
  ] as const) {
    const made = await t.request('POST', '/api/statements/generate', { ownerId: '1', startDate, endDate });
    expect(made.status).toBe(201);
    // Everything final but Unit 10 of October, which stays a draft.
    for (const s of made.body.statements as Array<{ id: string; propertyName: string }>) {
      if (s.propertyName === 'Unit 10') continue;
      expect((await t.request('PUT', `/api/statements/${s.id}/status`, { status: 'final' })).status).toBe(
        200,
      );
    }
  }
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The cells of each body row of a table, as text. */
const rowsOf = (page: Page, name: string) =>
  page
    .getByRole('table', { name, exact: true })
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())),
    );

describe.skipIf(!enabled)('the Owner page', () => {
  for (const viewport of [
    { width: 1366, height: 900 },
    { width: 390, height: 844 },
  ]) {
    it(`opens from the statements list, shows a period's owner statement and downloads its PDF (${viewport.width} px)`, async () => {
      const page = await browser.newPage({ viewport, acceptDownloads: true });
      await signInOn(page, t, 'viewer');
      if (viewport.width > 600) {
        // The statements table names each statement's owner, a link to their page.
        await page
          .getByRole('table', { name: 'Statements' })
          .getByRole('link', { name: 'Olivia Owner' })
          .first()
          .click();
      } else {
        // Phones list cards: the owner filter offers the owner page.
        const owner = page.getByRole('combobox', { name: 'Filter by owner' });
        await owner.fill('Olivia');
        await page.getByRole('option', { name: /Olivia Owner/ }).click();
        await page.getByRole('link', { name: 'Open the owner page' }).click();
      }
      await page.getByRole('heading', { level: 1, name: 'Olivia Owner' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/owners/1');

      // The latest period is shown first; September is picked, then October again.
      const picker = page.getByLabel('Owner statement for');
      await page.getByRole('heading', { name: /^Owner statement, .*Oct/ }).waitFor();
      await picker.selectOption({ label: 'Sep 2025' });
      await page.getByRole('heading', { name: /^Owner statement, .*Sep/ }).waitFor();
      await expect
        .poll(() => rowsOf(page, 'Properties of the owner statement'))
        .toContainEqual(expect.arrayContaining(['Seaside Loft', 'Final']));
      expect(new URL(page.url()).search).toBe('?periodStart=2025-09-01&periodEnd=2025-09-30');
      await picker.selectOption({ label: 'Oct 2025' });
      await page.getByRole('heading', { name: /^Owner statement, .*Oct/ }).waitFor();

      await expect
        .poll(async () => (await rowsOf(page, 'Properties of the owner statement')).map((r) => r.slice(0, 2)))
        .toEqual([
          ['Annex', 'No statement'],
          ['Seaside Loft', 'Final'],
          ['Unit 2', 'Final'],
          ['Unit 10', 'Draft'],
        ]);
      const totals = await rowsOf(page, 'Totals per currency');
      expect(totals.map((r) => [r[0], r[2]])).toEqual([
        ['EUR', '1'],
        ['USD', '2'],
      ]);
      // Each net payout in its own currency: the two are never one sum.
      expect(totals[0]?.[1]).toContain('€');
      expect(totals[1]?.[1]).toContain('$');
      await page.getByText(/1 draft, not final yet: Unit 10/).waitFor();
      await page.getByText(/No statement for this period:.*Annex/).waitFor();

      await page.screenshot({ path: `${SCREENSHOTS}/owner-page-${viewport.width}.png`, fullPage: true });
      // Wide tables scroll in their own box; the page itself never scrolls sideways.
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download owner PDF' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('Owner statement – Olivia Owner – October 2025.pdf');
      const bytes = readFileSync(await download.path());
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(bytes.length).toBeGreaterThan(5_000);

      // A statement's link on the page opens it.
      await page
        .getByRole('table', { name: 'Properties of the owner statement' })
        .getByRole('link', { name: 'Unit 10' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Unit 10' }).waitFor();
      await page.close();
    }, 120_000);
  }
});
