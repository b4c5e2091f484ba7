/**
 * Passwords over real HTTP: the policy on every way a password is set (creation, own change,
 * ADMIN_PASSWORD), changing one's own (other sessions end), an admin's reset to a one-time
 * password that must be replaced, and the disabled account's answer (only after the right
 * password).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose } from '../../src/compose.js';
import { openSqlite } from '../../src/db/database.js';
import { createHostifyClient } from '../../src/hostify/index.js';
import { systemClock } from '../../src/lib/clock.js';
import { createLogger } from '../../src/lib/logger.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ startEngine: false });
});
afterAll(async () => {
  await t.close();
});

const login = (email: string, password: string) =>
  t.request('POST', '/api/auth/login', { email, password }, { authorization: '' });
const as = (token: string) => (method: string, path: string, body?: unknown) =>
  t.request(method, path, body, { authorization: `Bearer ${token}` });

let n = 0;
async function newUser(
  password = 'Meadow-Copper-8816',
): Promise<{ id: string; email: string; password: string }> {
  const email = `member${++n}@passwords.test`;
  const res = await t.request('POST', '/api/users', { email, role: 'editor', password });
  expect(res.status).toBe(201);
  return { id: res.body.user.id, email, password };
}

describe('password policy', () => {
  it('refuses common and breached passwords, and ones containing the e-mail, when creating a user', async () => {
    for (const password of ['qwerty123456', 'Password1234!', '1q2w3e4r5t6y']) {
      const res = await t.request('POST', '/api/users', {
        email: 'weak@passwords.test',
        role: 'viewer',
        password,
      });
      expect(res.status, password).toBe(400);
      expect(res.body.error.code).toBe('weak_password');
      expect(res.body.error.message).toMatch(/most common passwords/);
    }
    const own = await t.request('POST', '/api/users', {
      email: 'Maria.Lopez@passwords.test',
      role: 'viewer',
      password: 'maria.lopez-Rocks-77',
    });
    expect(own.status).toBe(400);
    expect(own.body.error.message).toMatch(/must not contain your e-mail/);
    expect(
      (await t.request('GET', '/api/users')).body.users.map((u: { email: string }) => u.email),
    ).not.toContain('weak@passwords.test');
  });

  it('refuses a weak ADMIN_PASSWORD at start, naming the variable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'owner-statements-admin-'));
    const composition = await compose({
      db: openSqlite({ filename: join(dir, 'owner-statements.sqlite') }),
      hostify: createHostifyClient({
        baseUrl: 'http://127.0.0.1:9',
        apiKey: 'unused',
        maxConcurrency: 1,
        maxRps: 1,
        timeoutMs: 100,
        logger: createLogger('silent'),
      }),
      clock: systemClock,
      logger: createLogger('silent'),
      mail: { outboxDir: join(dir, 'outbox') },
    });
    try {
      const start = (adminPassword: string) =>
        composition.authService.bootstrap({ adminEmail: 'boss@example.com', adminPassword, demo: false });
      await expect(start('password1234')).rejects.toThrow(
        /ADMIN_PASSWORD is refused: it is one of the most common/,
      );
      await expect(start('boss-Example-4471')).rejects.toThrow(
        /ADMIN_PASSWORD is refused: it must not contain/,
      );
      expect(await composition.users.count()).toBe(0);
      await start('Granite-Pelican-3390');
      expect((await composition.users.findByEmail('boss@example.com'))?.role).toBe('admin');
    } finally {
      await composition.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('changing one’s own password', () => {
  it('needs the current password, ends the other sessions, keeps this one, and is audited', async () => {
    const user = await newUser();
    const here = (await login(user.email, user.password)).body.token as string;
    const elsewhere = (await login(user.email, user.password)).body.token as string;
    const change = (body: unknown) => as(here)('PUT', '/api/auth/me/password', body);

    const wrong = await change({ currentPassword: 'not-the-password', newPassword: 'Violet-Summit-2047' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('wrong_current_password');
    const weak = await change({ currentPassword: user.password, newPassword: 'qwertyuiop123' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('weak_password');
    const mine = await change({ currentPassword: user.password, newPassword: `${user.email}-x` });
    expect(mine.status).toBe(400);
    expect((await as(elsewhere)('GET', '/api/auth/me')).status).toBe(200); // nothing changed yet

    const ok = await change({ currentPassword: user.password, newPassword: 'Violet-Summit-2047' });
    expect(ok.status).toBe(200);
    expect(ok.body.user.email).toBe(user.email);
    expect((await as(here)('GET', '/api/auth/me')).status).toBe(200);
    expect((await as(elsewhere)('GET', '/api/auth/me')).status).toBe(401);
    expect((await login(user.email, user.password)).status).toBe(401);
    expect((await login(user.email, 'Violet-Summit-2047')).status).toBe(200);
    const audit = await t.request('GET', `/api/audit?action=user.password_changed&targetId=${user.id}`);
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0].userEmail).toBe(user.email);
    expect(JSON.stringify(audit.body)).not.toContain('Violet-Summit-2047');
  });
});

describe('an admin’s reset', () => {
  it('gives a one-time password, shown once, that works only to choose a new one', async () => {
    const user = await newUser();
    const old = (await login(user.email, user.password)).body.token as string;
    expect((await t.as('editor')('POST', `/api/users/${user.id}/reset-password`)).status).toBe(403);
    const reset = await t.request('POST', `/api/users/${user.id}/reset-password`);
    expect(reset.status).toBe(200);
    expect(reset.body.mustChangePassword).toBe(true);
    expect(reset.body.user.mustChangePassword).toBe(true);
    const oneTime = reset.body.password as string;
    expect(oneTime.length).toBeGreaterThanOrEqual(20);
    expect((await as(old)('GET', '/api/auth/me')).status).toBe(401); // sessions ended
    expect((await login(user.email, user.password)).status).toBe(401);
    expect(JSON.stringify((await t.request('GET', '/api/users')).body)).not.toContain(oneTime);

    const signedIn = await login(user.email, oneTime);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.mustChangePassword).toBe(true);
    const session = signedIn.body.token as string;
    expect((await as(session)('GET', '/api/auth/me')).body.user.mustChangePassword).toBe(true);
    const blocked = await as(session)('GET', '/api/statements');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('password_change_required');

    const changed = await as(session)('PUT', '/api/auth/me/password', {
      currentPassword: oneTime,
      newPassword: 'Quiet-Orchard-6610',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
    expect((await as(session)('GET', '/api/statements')).status).toBe(200);
    expect((await login(user.email, oneTime)).status).toBe(401);
    expect((await login(user.email, 'Quiet-Orchard-6610')).status).toBe(200);
  });
});

describe('a disabled account', () => {
  it('says it is disabled only to the right password', async () => {
    const user = await newUser();
    expect((await t.request('PATCH', `/api/users/${user.id}`, { disabled: true })).status).toBe(200);
    const wrong = await login(user.email, 'wrong-password-x');
    const unknown = await login('nobody-at-all@passwords.test', 'wrong-password-x');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.body.error.message).not.toMatch(/disabled/);
    const right = await login(user.email, user.password);
    expect(right.status).toBe(403);
    expect(right.body.error.code).toBe('account_disabled');
    expect(right.body.error.message).toMatch(/disabled/);
    expect(right.body.token).toBeUndefined();
  });
});
