/**
 * Issue 15 §6 and §9 in a real browser (Debian's Chromium via playwright-core) against the real
 * server, the Hostify simulator and the demo outbox, at 1366×900 and 390×844: a draft is
 * finalized, "Mark as sent without e-mailing" waits in the "More actions" menu, "Send to owner"
 * e-mails it (the mail lands in the outbox) and only then "Resend" appears; the author shows by
 * name; on Users an admin resets a password, copies it with the copy button (the clipboard holds
 * exactly the password, which signs in) and changes a role through its confirmation.
 * Screenshots: test-output/screenshots/sending-*-<width>.png and users-*-<width>.png.
 */
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { browserAvailable, ensureWebBuild, launchBrowser, SCREENSHOTS, signInOn } from './browser.js';

const VIEWPORTS = [
  // Each width sends its own statement (a sent one cannot be sent for the first time again).
  { width: 1366, height: 900, ownerId: '1', propertyId: '101', propertyName: 'Seaside Loft' },
  { width: 390, height: 844, ownerId: '2', propertyId: '104', propertyName: 'Harbor View' },
] as const;

const enabled = browserAvailable();
let browser: Browser;
let t: TestApp;
/** Statement id by property id, generated as drafts by the admin. */
const statementOf = new Map<string, string>();
let owners: Array<{ id: string; email: string }>;
let adminName: string;

beforeAll(async () => {
  if (!enabled) return;
  ensureWebBuild();
  browser = await launchBrowser();
  t = await startTestApp({ sim: { data: knownData() }, compose: { webRoot: resolve('dist/web') } });
  for (const { propertyId, ownerId } of VIEWPORTS) {
    // Naming the owner and property syncs the catalog on demand (known-dataset.ts).
    const made = await t.request('POST', '/api/statements/generate', { ownerId, propertyId, ...PERIOD });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    statementOf.set(propertyId, made.body.statement.id);
  }
  // After generating: the catalog is synced by then.
  owners = (await t.request('GET', '/api/owners')).body.owners;
  adminName = (await t.request('GET', '/api/auth/me')).body.user.name;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const shot = (page: Page, name: string, width: number) =>
  page.screenshot({ path: `${SCREENSHOTS}/${name}-${width}.png`, fullPage: true, animations: 'disabled' });

async function signIn(
  role: 'admin' | 'editor',
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page }> {
  // Clipboard permissions so the copy button's Clipboard API path runs and the test can read it.
  const context = await browser.newContext({
    viewport,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  await signInOn(page, t, role);
  return { context, page };
}

/** The notice with this title (notices live in the app's polite live region). */
const notice = (page: Page, title: string) => page.locator('.notices').getByText(title, { exact: true });

/** Whether the element lies inside the viewport horizontally (nothing cut off at the right). */
async function insideViewport(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  return box !== null && box.x >= 0 && box.x + box.width <= width;
}

describe.skipIf(!enabled)('safe sending in Chromium', () => {
  for (const viewport of VIEWPORTS) {
    it(`finalizes, keeps "mark as sent" in a menu, sends, then offers Resend (${viewport.width} px)`, async () => {
      const { width } = viewport;
      const id = statementOf.get(viewport.propertyId) ?? '';
      const { context, page } = await signIn('editor', viewport);
      await page.goto(`${t.baseUrl}/statements/${id}`);
      await page.getByRole('heading', { level: 1, name: viewport.propertyName }).waitFor();
      await page.getByText('Status: draft').waitFor();
      // Who made it, by name, never by user id.
      const created = page.locator('dt', { hasText: /^Created$/ }).locator('xpath=following-sibling::dd[1]');
      await expect.poll(() => created.textContent()).toContain(`by ${adminName}`);
      expect(await page.locator('main').textContent()).not.toMatch(/usr_/);

      // A draft: Finalize is the primary action, and it says what happened.
      const finalize = page.getByRole('button', { name: 'Finalize' });
      expect(await finalize.getAttribute('class')).toContain('button-primary');
      await finalize.click();
      await notice(page, 'Finalized — ready to send').waitFor();
      await page.getByText('Status: final').waitFor();

      // Final: Send to owner is the primary action; marking sent without e-mailing is in a menu.
      const send = page.getByRole('button', { name: 'Send to owner', exact: true });
      expect(await send.getAttribute('class')).toContain('button-primary');
      expect(await page.getByRole('button', { name: /Mark as sent/ }).count()).toBe(0);
      await shot(page, 'sending-final', width);
      const more = page.getByRole('button', { name: 'More actions' });
      await more.focus();
      await page.keyboard.press('ArrowDown');
      const item = page.getByRole('menuitem', { name: 'Mark as sent without e-mailing' });
      await expect.poll(() => item.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await insideViewport(page, '[role="menu"]')).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await shot(page, 'sending-menu', width);
      await page.keyboard.press('Escape');
      await page.getByRole('menu').waitFor({ state: 'detached' });
      expect(await more.evaluate((el) => el === document.activeElement)).toBe(true);

      // Send, after a confirmation that names the recipient.
      const statement = (await t.request('GET', `/api/statements/${id}`)).body;
      const recipient = owners.find((o) => o.id === statement.ownerId)?.email ?? '';
      expect(recipient).toMatch(/@/);
      expect(await page.getByRole('button', { name: /Resend/ }).count()).toBe(0);
      await send.click();
      const dialog = page.getByRole('dialog', { name: 'E-mail this statement to the owner?' });
      await dialog.getByText(recipient, { exact: false }).waitFor();
      await shot(page, 'sending-confirm', width);
      await dialog.getByRole('button', { name: 'Send', exact: true }).click();
      await notice(page, `Sent to ${recipient}`).waitFor();
      await page.getByText('Status: sent').waitFor();
      await page.getByRole('button', { name: 'Resend to owner' }).waitFor();
      expect(await page.getByRole('button', { name: 'Send to owner', exact: true }).count()).toBe(0);
      await shot(page, 'sending-sent', width);

      // The e-mail really went out (demo outbox) and is on record as a delivery.
      const deliveries = (await t.request('GET', `/api/statements/${id}/deliveries`)).body.deliveries;
      expect(deliveries.map((d: { status: string; recipient: string }) => [d.status, d.recipient])).toEqual([
        ['sent', recipient],
      ]);
      const outbox = (await t.request('GET', '/api/outbox')).body;
      expect(outbox.active).toBe(true);
      expect(
        outbox.mails.filter(
          (m: { to: string | null; subject: string | null }) =>
            m.to?.includes(recipient) && m.subject?.includes(viewport.propertyName),
        ),
      ).toHaveLength(1);
      await context.close();
    });
  }

  for (const viewport of VIEWPORTS) {
    it(`resets a password, copies it, and changes a role with confirmations (${viewport.width} px)`, async () => {
      const { width } = viewport;
      const email = `copy.${width}@test.local`;
      const created = await t.request('POST', '/api/users', {
        email,
        name: `Copy Tester ${width}`,
        role: 'viewer',
      });
      expect(created.status).toBe(201);
      const { context, page } = await signIn('admin', viewport);
      await page.goto(`${t.baseUrl}/users`);
      const table = page.getByRole('table', { name: 'Users' });
      await table.getByRole('button', { name: `Reset password of ${email}` }).click();
      await page
        .getByRole('dialog', { name: 'Reset password?' })
        .getByRole('button', { name: 'Reset password' })
        .click();
      const shown = page.locator('.generated-password code');
      await shown.waitFor();
      const password = (await shown.textContent()) ?? '';
      expect(password.length).toBeGreaterThanOrEqual(12);

      await page.getByRole('button', { name: 'Copy password' }).click();
      await page.getByText('Copied to the clipboard.').waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
      // The page never scrolls sideways (the wide table scrolls inside its own box).
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await shot(page, 'users-password', width);
      // What was copied is the password: it signs in (and must then be changed).
      const login = await t.request('POST', '/api/auth/login', { email, password }, { authorization: '' });
      expect(login.status).toBe(200);
      expect(login.body.user.mustChangePassword).toBe(true);

      // A role change asks first and confirms afterwards.
      const role = table.getByRole('combobox', { name: `Role of ${email}` });
      await role.selectOption('editor');
      const confirm = page.getByRole('dialog', { name: `Make Copy Tester ${width} an editor?` });
      await confirm.waitFor();
      await shot(page, 'users-role-confirm', width);
      expect(
        (await t.request('GET', '/api/users')).body.users.find((u: { email: string }) => u.email === email)
          .role,
      ).toBe('viewer');
      await confirm.getByRole('button', { name: 'Change role' }).click();
      await notice(page, `Copy Tester ${width} (${email}) is now an editor`).waitFor();
      expect(await role.inputValue()).toBe('editor');
      expect(
        (await t.request('GET', '/api/users')).body.users.find((u: { email: string }) => u.email === email)
          .role,
      ).toBe('editor');
      await context.close();
    });
  }
});
