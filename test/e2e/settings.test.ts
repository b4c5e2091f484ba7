/**
 * Settings in a real browser (issue 15 §7), at 1366×900 and 390×844: the schedule set as
 * "Day 1 of every month at 06:00 in Europe/Berlin" survives a reload and its next run is shown in
 * Berlin's clock, equal to the API's nextRunAt; and every checkbox of the app sits left of its
 * label, on the label's first line. Screenshots go to test-output/screenshots/.
 */
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownData } from '../helpers/known-dataset.js';
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
  page.screenshot({
    path: `${SCREENSHOTS}/${name}-${viewport.width}.png`,
    fullPage: true,
    animations: 'disabled',
  });

/** Signed in as the admin, in a browser whose own clock is New York's (not the schedule's zone). */
async function signIn(viewport: Viewport): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: viewport.width, height: viewport.height },
    locale: 'en-GB',
    timezoneId: 'America/New_York',
  });
  await signInOn(page, t, 'admin');
  return page;
}

/** The wall-clock parts of an instant in a zone, computed here (Node's ICU), not in the page. */
function partsIn(iso: string, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    time: `${part('hour')}:${part('minute')}`,
  };
}

interface CheckboxGeometry {
  label: string | null;
  box: { left: number; right: number; top: number; bottom: number };
  /** The first line of the label's text. */
  text: { left: number; top: number; bottom: number } | null;
}

/** Every rendered checkbox of the page with its box and its label's first text line. */
function checkboxes(page: Page): Promise<CheckboxGeometry[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')]
      .filter((input) => input.getClientRects().length > 0)
      .map((input) => {
        const r = input.getBoundingClientRect();
        const label = input.labels?.[0] ?? null;
        let text: CheckboxGeometry['text'] = null;
        if (label) {
          const range = document.createRange();
          range.selectNodeContents(label);
          const first = [...range.getClientRects()].find((rect) => rect.width > 0);
          if (first) text = { left: first.left, top: first.top, bottom: first.bottom };
        }
        return {
          label: label?.textContent ?? null,
          box: { left: r.left, right: r.right, top: r.top, bottom: r.bottom },
          text,
        };
      }),
  );
}

async function expectBesideLabels(page: Page, where: string, atLeast: number) {
  const found = await checkboxes(page);
  expect(found.length, `checkboxes on ${where}`).toBeGreaterThanOrEqual(atLeast);
  for (const { label, box, text } of found) {
    const what = `${where}: "${label}"`;
    expect(text, `${what} has a label`).not.toBeNull();
    if (!text) continue;
    // Left of the text, close to it (a gap, not a column apart)…
    expect(box.right, `${what}: box left of the text`).toBeLessThanOrEqual(text.left);
    expect(text.left - box.right, `${what}: text right after the box`).toBeLessThan(16);
    // …and on the text's first line: the box's middle lies within that line.
    const middle = (box.top + box.bottom) / 2;
    expect(middle, `${what}: same row`).toBeGreaterThan(text.top);
    expect(middle, `${what}: same row`).toBeLessThan(text.bottom);
  }
}

describe.skipIf(!enabled)('Settings in Chromium', () => {
  for (const viewport of VIEWPORTS) {
    it(`sets "Day 1 at 06:00 in Europe/Berlin" and shows its next run in Berlin time (${viewport.width} px)`, async () => {
      // Start where the sentence has to change every field.
      const start = { enabled: false, cron: '45 22 15 * *', timezone: 'UTC' };
      expect((await t.request('PUT', '/api/settings/schedule', start)).status).toBe(200);

      const page = await signIn(viewport);
      await page.getByRole('link', { name: 'Settings' }).click();
      const form = page.getByRole('form', { name: 'Monthly schedule' });
      await form.waitFor();
      expect(await form.getByLabel('Day', { exact: true }).inputValue()).toBe('15');
      expect(await form.getByLabel('Time', { exact: true }).inputValue()).toBe('22:45');
      expect(await form.getByLabel('Time zone').inputValue()).toBe('UTC');
      expect(await form.getByLabel('Cron expression').count()).toBe(0);

      await form.getByLabel("Generate last month's statements on a schedule").check();
      await form.getByLabel('Day', { exact: true }).selectOption('1');
      await form.getByLabel('Time', { exact: true }).fill('06:00');
      await form.getByLabel('Time zone').selectOption('Europe/Berlin');
      await form.getByText('Next run once saved:').waitFor();
      await shot(page, 'settings-schedule-editing', viewport);
      await form.getByRole('button', { name: 'Save schedule' }).click();
      await form.getByText('Schedule saved.').waitFor();

      const api = (await t.request('GET', '/api/settings/schedule')).body as {
        enabled: boolean;
        cron: string;
        timezone: string;
        nextRunAt: string | null;
      };
      expect(api).toMatchObject({ enabled: true, cron: '0 6 1 * *', timezone: 'Europe/Berlin' });
      const nextRunAt = api.nextRunAt as string;
      const berlin = partsIn(nextRunAt, 'Europe/Berlin');
      expect(berlin).toMatchObject({ day: '1', time: '06:00' });

      await page.reload();
      await form.waitFor();
      expect(await form.getByLabel('Day', { exact: true }).inputValue()).toBe('1');
      expect(await form.getByLabel('Time', { exact: true }).inputValue()).toBe('06:00');
      expect(await form.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
      expect(await form.getByLabel("Generate last month's statements on a schedule").isChecked()).toBe(true);

      const line = form.getByTestId('next-run');
      const time = line.locator('time');
      expect(await time.getAttribute('datetime')).toBe(nextRunAt);
      // The page's clock is New York's; the line reads Berlin's.
      expect((await time.textContent())?.trim()).toMatch(
        new RegExp(`^\\w{3}, 1 ${berlin.month} ${berlin.year}, 06:00 (CET|CEST|GMT\\+[12])$`),
      );
      const ny = partsIn(nextRunAt, 'America/New_York');
      expect(await line.textContent()).toContain('(Europe/Berlin)');
      expect(await line.textContent()).toContain(`${ny.time} `);
      expect(await line.textContent()).toContain('in your time zone (America/New_York)');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
      await shot(page, 'settings-schedule-saved', viewport);

      // An expression the sentence cannot say opens under Advanced after a reload.
      await form.getByRole('button', { name: 'Advanced: use a cron expression' }).click();
      await form.getByLabel('Cron expression').fill('0 6 * * 1');
      await form.getByRole('button', { name: 'Save schedule' }).click();
      await form.getByText('Schedule saved.').waitFor();
      await page.reload();
      expect(await form.getByLabel('Cron expression').inputValue()).toBe('0 6 * * 1');
      const weekly = (await t.request('GET', '/api/settings/schedule')).body.nextRunAt as string;
      expect(await form.getByTestId('next-run').locator('time').getAttribute('datetime')).toBe(weekly);
      await shot(page, 'settings-schedule-advanced', viewport);
      await page.close();
    });

    it(`puts every checkbox beside its label (${viewport.width} px)`, async () => {
      const page = await signIn(viewport);

      await page.getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('form', { name: 'Monthly schedule' }).waitFor();
      await expectBesideLabels(page, 'Settings', 2);
      await shot(page, 'checkboxes-settings', viewport);

      await page.getByRole('link', { name: 'Jobs' }).click();
      await page.getByRole('heading', { name: 'Jobs' }).waitFor();
      await expectBesideLabels(page, 'Jobs', 1);
      await shot(page, 'checkboxes-jobs', viewport);

      await page.getByRole('link', { name: 'Statements' }).click();
      await page.getByRole('button', { name: 'Generate Statement' }).click();
      await page.getByRole('dialog', { name: 'Generate Statement' }).waitFor();
      await expectBesideLabels(page, 'Generate Statement', 1);
      await shot(page, 'checkboxes-generate', viewport);
      await page.keyboard.press('Escape');

      await page.getByRole('link', { name: 'Properties' }).click();
      await page
        .getByRole('button', { name: /^Edit settings of / })
        .first()
        .click();
      await page.getByLabel('Owner remits taxes').waitFor();
      await expectBesideLabels(page, 'Properties', 1);
      await shot(page, 'checkboxes-properties', viewport);
      await page.close();
    });
  }
});
