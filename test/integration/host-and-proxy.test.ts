/**
 * Which host and origin the app answers for, and whose client IP it believes: requests for a
 * foreign Host get 421 (DNS rebinding), cookie writes must come from APP_URL's origin (not from
 * whatever Host the request names), and X-Forwarded-For counts only from configured proxies. The
 * audit log keeps the acting user and client IP of every change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostPolicyFrom } from '../../src/http/host-policy.js';
import { rawRequest } from '../helpers/raw-http.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const APP_URL = 'https://statements.example.com';

async function sessionCookie(t: TestApp): Promise<string> {
  const res = await t.request(
    'POST',
    '/api/auth/login',
    { email: 'admin@test.local', password: t.passwords.admin },
    { authorization: '' },
  );
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** The newest audit entry of an action, as the admin reads it over the API. */
async function lastAudit(t: TestApp, action: string) {
  const res = await t.request('GET', `/api/audit?action=${action}&limit=1`);
  expect(res.status).toBe(200);
  return res.body.entries[0];
}

describe('with APP_URL set', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      compose: {
        hostPolicy: hostPolicyFrom({
          appUrl: APP_URL,
          host: '127.0.0.1',
          allowedHosts: [],
          interfaceAddresses: [],
          machineName: 'box',
        }),
      },
    });
  });
  afterAll(() => t.close());

  it('answers 421 to a Host it is not, also with valid credentials, but probes answer any Host', async () => {
    for (const host of ['evil.example', 'evil.example:3003', 'statements.example.com.evil.example']) {
      const res = await rawRequest(t.baseUrl, 'GET', '/api/owners', {
        headers: { host, authorization: `Bearer ${t.tokens.admin}` },
      });
      expect(res.status, host).toBe(421);
      expect(JSON.parse(res.text).error.code).toBe('misdirected_request');
      expect((await rawRequest(t.baseUrl, 'GET', '/', { headers: { host } })).status).toBe(421);
    }
    expect(
      (await rawRequest(t.baseUrl, 'GET', '/healthz', { headers: { host: '10.1.2.3:3003' } })).status,
    ).toBe(200);
    const ok = await rawRequest(t.baseUrl, 'GET', '/api/owners', {
      headers: { host: 'statements.example.com', authorization: `Bearer ${t.tokens.admin}` },
    });
    expect(ok.status).toBe(200);
  });

  it("checks a cookie write's Origin against APP_URL, not against the request's own Host", async () => {
    const cookie = await sessionCookie(t);
    const sync = (headers: Record<string, string>) =>
      rawRequest(t.baseUrl, 'POST', '/api/catalog/sync', { body: '{}', headers: { cookie, ...headers } });
    // Matching Host and Origin prove nothing: a rebinding page controls both.
    const ownHost = new URL(t.baseUrl).host;
    const same = await sync({ host: ownHost, origin: `http://${ownHost}` });
    expect(same.status).toBe(403);
    expect(JSON.parse(same.text).error.code).toBe('csrf_rejected');
    expect((await sync({ host: 'statements.example.com', origin: APP_URL })).status).toBe(200);
    expect(
      (await sync({ host: 'statements.example.com', origin: 'https://statements.example.com:8443' })).status,
    ).toBe(403);
  });
});

describe('without APP_URL (loopback)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('takes writes from a loopback origin on the port the request arrived at, not another port', async () => {
    const cookie = await sessionCookie(t);
    const port = new URL(t.baseUrl).port;
    const sync = (origin: string) =>
      rawRequest(t.baseUrl, 'POST', '/api/catalog/sync', { body: '{}', headers: { cookie, origin } });
    expect((await sync(`http://localhost:${port}`)).status).toBe(200);
    expect((await sync(`http://127.0.0.1:${port}`)).status).toBe(200);
    expect((await sync(`http://127.0.0.1:${Number(port) + 1}`)).status).toBe(403);
    expect((await sync('http://evil.example')).status).toBe(403);
    // Only exactly scheme://host:port, with the scheme the request came over.
    for (const odd of [
      `https://localhost:${port}`,
      `http://evil.example@localhost:${port}`,
      `http://localhost:${port}/x`,
    ])
      expect((await sync(odd)).status, odd).toBe(403);
  });

  it('refuses Host headers that are not a plain host and port', async () => {
    const port = new URL(t.baseUrl).port;
    for (const host of [`evil.example@localhost:${port}`, `localhost/evil:${port}`, `localhost\\evil`]) {
      const res = await rawRequest(t.baseUrl, 'GET', '/api/owners', {
        headers: { host, authorization: `Bearer ${t.tokens.admin}` },
      });
      expect(res.status, host).toBe(421);
    }
    for (const host of [
      `localhost:${port}`,
      `LOCALHOST:${port}`,
      `127.0.0.1:${port}`,
      `[::1]:${port}`,
      'localhost.',
    ])
      expect(
        (
          await rawRequest(t.baseUrl, 'GET', '/api/owners', {
            headers: { host, authorization: `Bearer ${t.tokens.admin}` },
          })
        ).status,
        host,
      ).toBe(200);
  });

  it('ignores X-Forwarded-For when no proxy is trusted, and audits the acting user and socket IP', async () => {
    const res = await t.request(
      'POST',
      '/api/users',
      { email: 'audited-1@test.local', role: 'viewer', password: 'a-long-enough-password-1' },
      { 'x-forwarded-for': '203.0.113.7' },
    );
    expect(res.status).toBe(201);
    const entry = await lastAudit(t, 'user.created');
    expect(entry).toMatchObject({ userEmail: 'admin@test.local', ip: '127.0.0.1' });
  });
});

describe('behind trusted proxies', () => {
  it('believes X-Forwarded-For only from the configured proxy address', async () => {
    const t = await startTestApp({ compose: { trustProxy: ['127.0.0.1'] } });
    try {
      const res = await t.request(
        'PUT',
        '/api/settings/schedule',
        { enabled: false, cron: '0 6 1 * *', timezone: 'UTC' },
        { 'x-forwarded-for': '203.0.113.7' },
      );
      expect(res.status, res.text).toBe(200);
      expect(await lastAudit(t, 'settings.schedule_changed')).toMatchObject({
        userEmail: 'admin@test.local',
        ip: '203.0.113.7',
      });
    } finally {
      await t.close();
    }
    const untrusted = await startTestApp({ compose: { trustProxy: ['10.9.9.9'] } });
    try {
      await untrusted.request(
        'PUT',
        '/api/settings/schedule',
        { enabled: false, cron: '0 6 1 * *', timezone: 'UTC' },
        { 'x-forwarded-for': '203.0.113.7' },
      );
      expect((await lastAudit(untrusted, 'settings.schedule_changed')).ip).toBe('127.0.0.1');
    } finally {
      await untrusted.close();
    }
  });

  it('with a hop count, takes the address the nearest proxy saw, not one the client wrote', async () => {
    const t = await startTestApp({ compose: { trustProxy: 1 } });
    try {
      await t.request(
        'PUT',
        '/api/settings/schedule',
        { enabled: false, cron: '0 6 1 * *', timezone: 'UTC' },
        { 'x-forwarded-for': '198.51.100.1, 203.0.113.9' },
      );
      expect((await lastAudit(t, 'settings.schedule_changed')).ip).toBe('203.0.113.9');
    } finally {
      await t.close();
    }
  });
});
