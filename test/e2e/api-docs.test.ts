/**
 * The API docs page (/docs, Swagger UI) in Chromium: it renders every operation of the OpenAPI
 * document with its examples, and the browser reports no Content-Security-Policy violation and
 * no script error while it loads and while an operation is opened. Screenshot:
 * test-output/screenshots/api-docs.png.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { browserAvailable, launchBrowser, SCREENSHOTS } from './browser.js';

const enabled = browserAvailable();
let browser: Browser;
let t: TestApp;

beforeAll(async () => {
  if (!enabled) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchBrowser();
  t = await startTestApp();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

interface Problems {
  violations: string[];
  errors: string[];
}

/** A page that records CSP violations (from the document's own event) and script errors. */
async function watchedPage(): Promise<{ page: Page; problems: Problems }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const problems: Problems = { violations: [], errors: [] };
  await page.exposeFunction('reportCspViolation', (v: string) => problems.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation;
      report(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.errors.push(m.text());
  });
  page.on('pageerror', (e) => problems.errors.push(e.message));
  return { page, problems };
}

describe.skipIf(!enabled)('API docs page in Chromium', () => {
  it('renders every operation with dated examples and no CSP violation', async () => {
    const doc = (await t.request('GET', '/docs/json', undefined, { authorization: '' })).body;
    const operationCount = Object.values(doc.paths as Record<string, object>).reduce(
      (n, item) =>
        n + Object.keys(item).filter((k) => ['get', 'put', 'post', 'delete', 'patch'].includes(k)).length,
      0,
    );
    expect(operationCount).toBeGreaterThan(40);

    const { page, problems } = await watchedPage();
    await page.goto(`${t.baseUrl}/docs`);
    await expect.poll(() => page.locator('.opblock').count(), { timeout: 15_000 }).toBe(operationCount);
    await expect(page.getByRole('heading', { name: /Owner Statements API/ })).toBeTruthy();

    // Open Generate: its request example and its answers, described, with October 2025 in them.
    const generate = page.locator('#operations-statements-post_api_statements_generate');
    await generate.locator('.opblock-summary').click();
    const body = generate.locator('.body-param__example');
    await body.waitFor();
    expect(await body.textContent()).toContain('"startDate": "2025-10-01"');
    const responses = generate.locator('.responses-inner');
    await responses.waitFor();
    const text = (await responses.textContent()) ?? '';
    expect(text).toContain('Generate All was queued');
    expect(text).not.toContain('Default Response');
    expect(text).toContain('2025-11-03T10:24:01.112Z');
    await generate.getByRole('button', { name: 'Try it out' }).click();
    await generate.locator('textarea.body-param__text').waitFor();

    // And a job's status, whose answer has two named examples.
    const job = page.locator('#operations-jobs-get_api_statements_jobs__jobId_');
    await job.locator('.opblock-summary').click();
    await job.locator('.responses-inner').waitFor();
    expect(await job.locator('.responses-inner').textContent()).toContain('"status": "processing"');

    await page.screenshot({ path: `${SCREENSHOTS}/api-docs.png`, fullPage: false, animations: 'disabled' });
    expect(problems.violations).toEqual([]);
    expect(problems.errors).toEqual([]);

    // The watch works and the policy is strict: an inline style is refused and reported.
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { color: red }';
      document.head.append(style);
    });
    await expect.poll(() => problems.violations.length).toBe(1);
    expect(problems.violations[0]).toMatch(/^style-src/);
    await page.close();
  });
});
