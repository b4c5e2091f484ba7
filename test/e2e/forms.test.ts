/**
 * The Generate form in a real browser (issue 15 §2 and §5), at 1366×900 and 390×844: two owners
 * with the same name are told apart by their e-mail and one is picked by typing part of it; an end
 * date before the start date is refused under the End date field, in words, before anything is
 * sent (the end date's picker does not offer such a day either); corrected, the form submits.
 * Screenshots go to test-output/screenshots/.
 */
import { resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownData } from '../helpers/known-dataset.js';
import { simListing, simUser } from '../helpers/sim-fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { browserAvailable, ensureWebBuild, launchBrowser, SCREENSHOTS, signInOn } from './browser.js';

const enabled = browserAvailable();
let browser: Browser;
let t: TestApp;

/** The known data set plus a second "Olivia Owner" (as in real accounts and the demo data). */
function dataWithTwins() {
  const data = knownData();
  data.listings.push(simListing({ id: 107, name: 'Twin Cottage', currency: 'USD' }));
  data.users.push(
    simUser({
      id: 7,
      username: 'olivia.twin@example.com',
      first_name: 'Olivia',
      last_name: 'Owner',
      roles: 'Listing Owner',
      listings: [{ id: 107 }],
    }),
  );
  return data;
}

beforeAll(async () => {
  if (!enabled) return;
  ensureWebBuild();
  browser = await launchBrowser();
  t = await startTestApp({ sim: { data: dataWithTwins() }, compose: { webRoot: resolve('dist/web') } });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
type Viewport = (typeof VIEWPORTS)[number];

const shot = (page: Page, name: string, viewport: Viewport) =>
  page.screenshot({ path: `${SCREENSHOTS}/${name}-${viewport.width}.png`, animations: 'disabled' });

async function signIn(viewport: Viewport): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height } });
  await signInOn(page, t, 'editor');
  return page;
}

/** The text of the elements a control's aria-describedby names (what a screen reader adds). */
async function description(control: Locator): Promise<string> {
  return control.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .join(' '),
  );
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not rendered');
  return b;
}

describe.skipIf(!enabled)('Generate form in Chromium', () => {
  for (const viewport of VIEWPORTS) {
    it(`tells owners apart, picks one by e-mail and refuses an end before the start (${viewport.width} px)`, async () => {
      const page = await signIn(viewport);
      const generateRequests: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith('/api/statements/generate')) {
          generateRequests.push(r.postData() ?? '');
        }
      });
      await page.getByRole('button', { name: 'Generate Statement' }).click();
      const dialog = page.getByRole('dialog', { name: 'Generate Statement' });
      await dialog.waitFor();

      // Two owners named "Olivia Owner": the list shows each with its e-mail and property count.
      const owner = dialog.getByRole('combobox', { name: 'Owner' });
      await owner.fill('olivia');
      const list = page.getByRole('listbox', { name: 'Owners' });
      await list.waitFor();
      const options = list.getByRole('option');
      await expect.poll(() => options.count()).toBe(2);
      const texts = await options.allTextContents();
      expect(texts.every((x) => x.startsWith('Olivia Owner'))).toBe(true);
      expect(texts.some((x) => x.includes('user1@example.com') && x.includes('3 properties'))).toBe(true);
      expect(texts.some((x) => x.includes('olivia.twin@example.com') && x.includes('1 property'))).toBe(true);
      // The open list stays inside the screen.
      const listBox = await box(list);
      expect(listBox.x).toBeGreaterThanOrEqual(0);
      expect(listBox.x + listBox.width).toBeLessThanOrEqual(viewport.width);
      await shot(page, 'forms-owner-picker', viewport);

      // Part of the e-mail finds the one owner; Enter picks it.
      await owner.fill('twin@');
      await expect.poll(() => options.count()).toBe(1);
      await owner.press('Enter');
      await expect.poll(() => owner.inputValue()).toBe('Olivia Owner (olivia.twin@example.com)');
      expect(await owner.getAttribute('aria-expanded')).toBe('false');

      // Her property, found by typing in the property picker.
      const property = dialog.getByRole('combobox', { name: 'Property' });
      await expect.poll(() => property.isEnabled()).toBe(true);
      await property.fill('cottage');
      await page
        .getByRole('listbox', { name: 'Properties' })
        .getByRole('option', { name: /Twin Cottage/ })
        .click();
      expect(await property.inputValue()).toBe('Twin Cottage');

      // An end before the start: the message sits under the End date, and Generate sends nothing.
      const start = dialog.getByLabel('Start date');
      const end = dialog.getByLabel('End date');
      await start.fill('2025-10-31');
      expect(await end.getAttribute('min')).toBe('2025-10-31'); // the picker offers no earlier day
      expect(await end.getAttribute('max')).toBe('2026-10-31'); // nor a period over 366 days
      await end.fill('2025-10-01');
      await dialog.getByRole('button', { name: 'Generate' }).click();
      const message = dialog.getByText('End date must be on or after the start date.');
      await message.waitFor();
      expect(await description(end)).toBe('End date must be on or after the start date.');
      expect(await end.getAttribute('aria-invalid')).toBe('true');
      expect(await end.evaluate((el) => el === document.activeElement)).toBe(true);
      const endBox = await box(end);
      const messageBox = await box(message);
      expect(messageBox.y).toBeGreaterThanOrEqual(endBox.y + endBox.height - 1); // under the field
      expect(messageBox.x).toBeLessThan(endBox.x + endBox.width); // in its column
      expect(messageBox.x + messageBox.width).toBeGreaterThan(endBox.x);
      expect(messageBox.x + messageBox.width).toBeLessThanOrEqual(viewport.width);
      expect(await dialog.textContent()).not.toContain('endDate');
      expect(generateRequests).toEqual([]);
      expect(await dialog.isVisible()).toBe(true);
      await shot(page, 'forms-generate-end-before-start', viewport);

      // Corrected, the message goes and the form is sent for the owner picked by e-mail.
      await end.fill('2025-10-31');
      await expect.poll(() => message.count()).toBe(0);
      const answered = page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith('/api/statements/generate'),
      );
      await dialog.getByRole('button', { name: 'Generate' }).click();
      // Generated (201), or refused for its own reason (422, e.g. nothing to count in one day):
      // either way the request left the form.
      expect([201, 422]).toContain((await answered).status());
      expect(generateRequests).toHaveLength(1);
      expect(JSON.parse(generateRequests[0] ?? '{}')).toMatchObject({
        ownerId: '7',
        propertyId: '107',
        startDate: '2025-10-31',
        endDate: '2025-10-31',
      });
      await page.close();
    });
  }
});
