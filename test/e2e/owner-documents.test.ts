/**
 * The owner's PDF and e-mail as the owner sees them, rendered to images: a manager saves the
 * company details and a logo, sends a statement, and the mail written to the outbox is opened
 * — its HTML part in Chromium (desktop and phone width), its PDF attachment with poppler's
 * pdftoppm. The images go to test-output/screenshots/ (owner-pdf-*.png, owner-email-*.png) for
 * a person to look at (and the Settings section that set them up, owner-settings-*.png); the test checks what can be checked without eyes: the images are real,
 * nothing sticks out of the page or the phone screen, the logo shows, and the words are there.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { hasPoppler, pdfToPngs, pdfWords } from '../helpers/pdf-tools.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { browserAvailable, ensureWebBuild, launchBrowser } from './browser.js';

export const DOCUMENT_SHOTS = 'test-output/screenshots';
const enabled = browserAvailable() && hasPoppler;
/** statement-pdf.ts's page margin, in points. */
const MARGIN = 40;

let browser: Browser;
let t: TestApp;

beforeAll(async () => {
  if (!enabled) return;
  mkdirSync(DOCUMENT_SHOTS, { recursive: true });
  for (const f of readdirSync(DOCUMENT_SHOTS).filter((f) => /^owner-(pdf|email|settings)-/.test(f)))
    rmSync(join(DOCUMENT_SHOTS, f));
  ensureWebBuild();
  browser = await launchBrowser();
  t = await startTestApp({ sim: { data: knownData() }, compose: { webRoot: resolve('dist/web') } });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** A PNG's width and height, from its header. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** A logo as a designer would hand it over: a mark and the name, on a transparent background. */
async function drawnLogo(): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 600, height: 200 }, deviceScaleFactor: 1 });
  await page.setContent(`<div id="logo" style="display:inline-flex;align-items:center;gap:14px;padding:6px 10px;font:700 44px sans-serif;color:#1d3f6e">
    <svg width="64" height="64" viewBox="0 0 64 64"><path d="M32 6 L60 30 H52 V58 H12 V30 H4 Z" fill="#1d3f6e"/><rect x="26" y="38" width="12" height="20" fill="#f2b134"/></svg>
    <span>ACME <span style="color:#f2b134">RENTALS</span></span></div>`);
  const png = await page.locator('#logo').screenshot({ omitBackground: true });
  await page.close();
  return png;
}

describe.skipIf(!enabled)('the owner’s PDF and e-mail, as images', () => {
  it('renders the PDF and the HTML e-mail a manager sends, and both fit their page', async () => {
    const logo = await drawnLogo();
    expect(
      (
        await t.request('PUT', '/api/settings/company', {
          name: 'Acme Rentals',
          addressLines: ['12 Harbour Street', 'Portsmouth PO1 2AB', 'United Kingdom'],
          email: 'office@acme.test',
          phone: '+44 23 9200 0000',
        })
      ).status,
    ).toBe(200);
    expect(
      (await t.request('PUT', '/api/settings/company/logo', { image: logo.toString('base64') })).status,
    ).toBe(200);
    const made = await t.request('POST', '/api/statements/generate', {
      ownerId: '1',
      propertyId: '101',
      ...PERIOD,
    });
    expect(made.status).toBe(201);
    const id = made.body.statement.id;
    expect((await t.request('PUT', `/api/statements/${id}/status`, { status: 'final' })).status).toBe(200);
    expect((await t.request('POST', `/api/statements/${id}/send`, {})).status).toBe(200);

    const outbox = join(t.dataDir, 'outbox');
    const [file] = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    const mail = await simpleParser(readFileSync(join(outbox, file ?? '')));
    expect(mail.from?.text).toBe('"Acme Rentals" <statements@test.local>');
    expect(mail.text).toMatch(/^Dear Olivia Owner,/);
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf')?.content;
    expect(pdf).toBeDefined();
    if (!pdf || typeof mail.html !== 'string') throw new Error('the mail has no PDF or no HTML part');

    // ---- The PDF, page by page at 60 dpi (A4 landscape: 702 × 497 pixels) ----
    const pages = pdfToPngs(pdf, DOCUMENT_SHOTS, 'owner-pdf', 60);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    for (const png of pages) {
      expect(pngSize(png)).toEqual({ width: 702, height: 497 });
      expect(statSync(png).size).toBeGreaterThan(15_000); // text, a table and a logo, not a blank page
    }
    // Every word inside the side margins; the reservations table's right edge on the margin.
    for (const page of pdfWords(pdf)) {
      const xs = page.words.map((w) => w.xMax);
      expect(Math.max(...xs)).toBeLessThanOrEqual(page.width - MARGIN + 0.5);
      expect(Math.min(...page.words.map((w) => w.xMin))).toBeGreaterThanOrEqual(MARGIN - 0.5);
    }
    // The table spans the page: its last column ends at the right margin (less a cell's padding).
    const first = pdfWords(pdf)[0];
    const heading = first?.words.find((w) => w.text === 'Reservations');
    const table = first?.words.filter((w) => w.yMin > (heading?.yMax ?? 0)) ?? [];
    expect(Math.max(...table.map((w) => w.xMax))).toBeGreaterThan((first?.width ?? 0) - MARGIN - 6);

    // ---- The e-mail's HTML part, as a desktop and a phone mail program would show it ----
    for (const [name, width] of [
      ['desktop', 760],
      ['phone', 390],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      // mailparser has made the inline logo (cid:) a data: URL, as a mail program shows it.
      await page.setContent(mail.html, { waitUntil: 'load' });
      const shot = join(DOCUMENT_SHOTS, `owner-email-${name}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      expect(pngSize(shot).width).toBe(width);
      expect(statSync(shot).size).toBeGreaterThan(10_000);
      const facts = await page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        logo: (document.querySelector('img') as HTMLImageElement | null)?.naturalWidth ?? 0,
        // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, as the owner reads it
        text: document.body.innerText,
      }));
      expect(facts.overflow, `${name}: wider than the screen`).toBeLessThanOrEqual(0);
      expect(facts.logo).toBeGreaterThan(0);
      for (const words of ['Dear Olivia Owner,', 'Net payout', 'Kind regards,', '12 Harbour Street'])
        expect(facts.text).toContain(words);
      await page.close();
    }
  }, 120_000);

  it('shows the company details and the logo on the Settings page', async () => {
    for (const width of [1366, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(t.baseUrl);
      await page.getByLabel('E-mail').fill('admin@test.local');
      await page.getByLabel('Password').fill(t.passwords.admin);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Statements', exact: true }).waitFor();
      await page.getByRole('link', { name: 'Settings' }).click();
      const section = page.locator('section', {
        has: page.getByRole('heading', { name: 'Company details' }),
      });
      await expect.poll(() => section.getByLabel('Company name').inputValue()).toBe('Acme Rentals');
      expect(await section.getByLabel('Postal address').inputValue()).toBe(
        '12 Harbour Street\nPortsmouth PO1 2AB\nUnited Kingdom',
      );
      const logo = section.getByRole('img', { name: 'Logo of Acme Rentals' });
      await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      await section.screenshot({ path: join(DOCUMENT_SHOTS, `owner-settings-${width}.png`) });
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await page.close();
    }
  }, 60_000);
});
