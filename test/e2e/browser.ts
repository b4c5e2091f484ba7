/**
 * A real browser for end-to-end tests: Debian's Chromium driven by playwright-core. On a machine
 * without Chromium the suites skip with a message, except under CI=true, where that is a failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { Role } from '../../src/auth/roles.js';
import type { TestApp } from '../helpers/test-app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = 'test-output/screenshots';

export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') {
    throw new Error(
      `Chromium is required under CI=true but ${CHROMIUM} is missing (apt-get install -y chromium)`,
    );
  }
  console.warn(`skipping browser tests: ${CHROMIUM} not found (apt-get install -y chromium)`);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Builds dist/web when it is missing or stale (the same step `npm start` runs). */
export function ensureWebBuild(): void {
  const run = spawnSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error('building the web app failed');
  mkdirSync(SCREENSHOTS, { recursive: true });
}

/** Signs `page` in as the test user of `role` (`<role>@test.local`) and waits for the dashboard. */
export async function signInOn(page: Page, app: TestApp, role: Role): Promise<void> {
  await page.goto(app.baseUrl);
  await page.getByLabel('E-mail').fill(`${role}@test.local`);
  await page.getByLabel('Password').fill(app.passwords[role]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Statements', exact: true }).waitFor();
}
