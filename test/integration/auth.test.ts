/**
 * Accounts, roles and API security over real HTTP: every route needs credentials, the role ×
 * route matrix, sessions and cookies with CSRF defence, brute-force slowing, token revocation,
 * disabled users, expiry, the audit log, and no secret in any log line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES } from '../../src/auth/roles.js';
import type { Clock } from '../../src/lib/clock.js';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { startTestApp, TEST_HOSTIFY_KEY, type TestApp } from '../helpers/test-app.js';
import { waitForJobEnd } from '../helpers/wait.js';

let t: TestApp;
let now = Date.now();
const clock: Clock = { now: () => new Date(now) };

beforeAll(async () => {
  t = await startTestApp({
    sim: { data: knownData() },
    compose: {
      clock,
      session: { idleMinutes: 30, maxHours: 24 },
      loginLimits: {
        perAccountAndIp: { freeAttempts: 3, windowMs: 60_000, baseDelayMs: 1000, maxDelayMs: 8000 },
      },
    },
  });
});
afterAll(async () => {
  await t.close();
});

/** A concrete path for a route pattern (params replaced by plausible ids). */
const concrete = (url: string) =>
  url
    .replace(':jobId', 'job_01aaaaaaaaaaaaaaaaaaaaaaaa')
    .replace(/\/api\/users\/:id/, '/api/users/usr_01aaaaaaaaaaaaaaaaaaaaaaaa')
    .replace(/\/api\/auth\/tokens\/:id/, '/api/auth/tokens/tok_01aaaaaaaaaaaaaaaaaaaaaaaa')
    .replace(':id', 'stmt_01aaaaaaaaaaaaaaaaaaaaaaaa');

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  t.request('POST', '/api/auth/login', { email, password }, { authorization: '', ...headers });

describe('every route needs credentials', () => {
  it('answers 401 without credentials on every /api route but login', async () => {
    const routes = t.composition.app.apiRoutes;
    expect(routes.length).toBeGreaterThan(20);
    const publicRoutes = routes
      .filter((r) => r.auth === 'public' && r.url.startsWith('/api'))
      .map((r) => `${r.method} ${r.url}`);
    expect(publicRoutes).toEqual(['POST /api/auth/login']);
    for (const route of routes.filter((r) => r.auth === 'authenticated' && r.url.startsWith('/api'))) {
      const res = await t.request(
        route.method,
        concrete(route.url),
        route.method === 'GET' ? undefined : {},
        {
          authorization: '',
        },
      );
      expect(res.status, `${route.method} ${route.url}`).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });

  it('keeps health and docs public', async () => {
    for (const path of ['/healthz', '/readyz', '/docs/json']) {
      expect((await t.request('GET', path, undefined, { authorization: '' })).status).toBe(200);
    }
  });

  it('rejects malformed and unknown credentials with 401', async () => {
    for (const authorization of [
      'Bearer',
      'Basic YWRtaW46YWRtaW4=',
      'Bearer ost_nope',
      'Bearer oss_nope',
      'Bearer x y',
    ]) {
      const res = await t.request('GET', '/api/owners', undefined, { authorization });
      expect(res.status, authorization).toBe(401);
    }
  });
});

describe('role × route matrix', () => {
  it('answers 403 exactly where the role lacks the permission, on every route', async () => {
    for (const route of t.composition.app.apiRoutes.filter((r) => r.auth === 'authenticated')) {
      // logout would end the test users' sessions; it is covered below.
      if (route.url === '/api/auth/logout') continue;
      for (const role of ROLES) {
        const res = await t.as(role)(
          route.method,
          concrete(route.url),
          route.method === 'GET' ? undefined : {},
        );
        const allowed = route.permission !== null && can(role, route.permission);
        expect(res.status === 403, `${role} ${route.method} ${route.url} → ${res.status}`).toBe(!allowed);
      }
    }
  });

  it('lets viewers read, editors generate and edit, admins manage users and settings', async () => {
    const gen = { ownerId: '1', propertyId: '101', ...PERIOD };
    expect((await t.as('viewer')('GET', '/api/statements')).status).toBe(200);
    expect((await t.as('viewer')('POST', '/api/statements/generate', gen)).status).toBe(403);
    const made = await t.as('editor')('POST', '/api/statements/generate', gen);
    expect(made.status).toBe(201);
    const editorId = (await t.as('editor')('GET', '/api/auth/me')).body.user.id;
    expect(made.body.statement.createdBy).toBe(editorId);
    const settings = { commissionPercent: 10, commissionBasis: 'net', ownerRemitsTaxes: false };
    expect((await t.as('editor')('PUT', '/api/properties/101/settings', settings)).status).toBe(403);
    expect((await t.as('admin')('PUT', '/api/properties/101/settings', settings)).status).toBe(200);
    expect((await t.as('editor')('GET', '/api/users')).status).toBe(403);
    expect((await t.as('admin')('GET', '/api/users')).body.users.length).toBeGreaterThanOrEqual(3);
    const fin = await t.as('editor')('PUT', `/api/statements/${made.body.statement.id}/status`, {
      status: 'final',
    });
    expect(fin.status).toBe(200);
    expect(fin.body.updatedBy).toBe(editorId);
    expect((await t.as('viewer')('GET', '/api/audit')).status).toBe(403);
  });

  it('records who started a job', async () => {
    const res = await t.as('editor')('POST', '/api/statements/generate', { ownerId: 'all', ...PERIOD });
    expect(res.status).toBe(202);
    const job = await waitForJobEnd(t.composition.jobService, res.body.jobId);
    const editorId = (await t.as('editor')('GET', '/api/auth/me')).body.user.id;
    expect(job.createdBy).toBe(editorId);
    expect((await t.request('GET', res.body.statusUrl)).body.createdBy).toBe(editorId);
    expect((await t.as('viewer')('POST', `/api/statements/jobs/${res.body.jobId}/retry`)).status).toBe(403);
  });
});

describe('sessions and cookies', () => {
  it('signs in with a session token and an httpOnly SameSite cookie, and signs out', async () => {
    const res = await login('viewer@test.local', t.passwords.viewer);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: 'viewer@test.local', role: 'viewer' });
    expect(res.body.token).toMatch(/^oss_/);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/os_session=oss_/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain http here; https sets it

    const cookie = `os_session=${res.body.token}`;
    const me = await t.request('GET', '/api/auth/me', undefined, { authorization: '', cookie });
    expect(me.status).toBe(200);
    expect(me.body.via).toBe('cookie');
    const bearer = await t.request('GET', '/api/auth/me', undefined, {
      authorization: `Bearer ${res.body.token}`,
    });
    expect(bearer.body.via).toBe('bearer');

    const out = await t.request('POST', '/api/auth/logout', undefined, {
      authorization: '',
      cookie,
      origin: t.baseUrl,
    });
    expect(out.status).toBe(204);
    expect((await t.request('GET', '/api/auth/me', undefined, { authorization: '', cookie })).status).toBe(
      401,
    );
  });

  it('refuses cookie-authenticated writes from another origin or without one, and non-JSON bodies', async () => {
    const { body } = await login('editor@test.local', t.passwords.editor);
    const cookie = `os_session=${body.token}`;
    const sync = (headers: Record<string, string>) =>
      t.request('POST', '/api/catalog/sync', {}, { authorization: '', cookie, ...headers });
    const foreign = await sync({ origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('csrf_rejected');
    expect((await sync({})).status).toBe(403);
    expect((await sync({ referer: 'https://evil.example/page' })).status).toBe(403);
    expect((await sync({ origin: t.baseUrl })).status).toBe(200);
    expect((await sync({ referer: `${t.baseUrl}/statements` })).status).toBe(200);

    const form = await t.request('POST', '/api/statements/generate', 'ownerId=all', {
      authorization: '',
      cookie,
      origin: t.baseUrl,
      'content-type': 'text/plain',
    });
    expect(form.status).toBe(415);
    // Bearer requests (scripts) need no Origin.
    expect((await t.as('editor')('POST', '/api/catalog/sync', {})).status).toBe(200);
  });

  it('expires idle sessions and the absolute lifetime', async () => {
    const { body } = await login('viewer@test.local', t.passwords.viewer);
    const me = () => t.request('GET', '/api/auth/me', undefined, { authorization: `Bearer ${body.token}` });
    expect((await me()).status).toBe(200);
    now += 29 * 60_000;
    expect((await me()).status).toBe(200); // activity keeps it alive
    now += 31 * 60_000;
    const idle = await me();
    expect(idle.status).toBe(401);
    expect(idle.body.error.message).toMatch(/expired/);

    const second = await login('viewer@test.local', t.passwords.viewer);
    for (let i = 0; i < 25; i++) {
      now += 59 * 60_000;
      await t.request('GET', '/api/auth/me', undefined, { authorization: `Bearer ${second.body.token}` });
    }
    expect(
      (await t.request('GET', '/api/auth/me', undefined, { authorization: `Bearer ${second.body.token}` }))
        .status,
    ).toBe(401);
  });
});

describe('login attacks', () => {
  it('slows brute force: 429 during the delay after repeated failures, even with the right password', async () => {
    const email = 'admin@test.local';
    for (let i = 0; i < 3; i++) {
      const res = await login(email, `wrong-${i}`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid_credentials');
    }
    const blocked = await login(email, t.passwords.admin);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too_many_attempts');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    now += 1_001;
    expect((await login(email, t.passwords.admin)).status).toBe(200);
  });

  it('answers unknown users, SQL injection and bad shapes without revealing anything', async () => {
    const unknown = await login('nobody@test.local', 'whatever-password');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe(
      (await login('viewer@test.local', 'wrong-password')).body.error.message,
    );
    const injection = await login("admin@test.local' OR '1'='1", "' OR 1=1 --");
    expect(injection.status).toBe(401);
    expect(
      (await t.request('POST', '/api/auth/login', { email: 1, password: [] }, { authorization: '' })).status,
    ).toBe(400);
    expect((await t.request('POST', '/api/auth/login', '{"email":', { authorization: '' })).status).toBe(400);
    const huge = await t.request(
      'POST',
      '/api/auth/login',
      { email: 'a', password: 'x'.repeat(100_000) },
      { authorization: '' },
    );
    expect(huge.status).toBe(413);
    expect((await t.request('GET', '/api/users')).body.users).toHaveLength(3);
  });
});

describe('API tokens', () => {
  it('are shown once, record their last use, and stop working when revoked', async () => {
    const created = await t.as('editor')('POST', '/api/auth/tokens', { name: 'nightly export' });
    expect(created.status).toBe(201);
    const { token, apiToken } = created.body;
    expect(token).toMatch(/^ost_/);
    const list = await t.as('editor')('GET', '/api/auth/tokens');
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(list.body.tokens.find((x: { id: string }) => x.id === apiToken.id).lastUsedAt).toBeNull();

    expect(
      (await t.request('GET', '/api/owners', undefined, { authorization: `Bearer ${token}` })).status,
    ).toBe(200);
    const used = await t.as('editor')('GET', '/api/auth/tokens');
    expect(used.body.tokens.find((x: { id: string }) => x.id === apiToken.id).lastUsedAt).not.toBeNull();

    // Another non-admin user cannot revoke it; its owner can.
    expect((await t.as('viewer')('DELETE', `/api/auth/tokens/${apiToken.id}`)).status).toBe(404);
    expect((await t.as('editor')('DELETE', `/api/auth/tokens/${apiToken.id}`)).status).toBe(204);
    const after = await t.request('GET', '/api/owners', undefined, { authorization: `Bearer ${token}` });
    expect(after.status).toBe(401);
    expect((await t.as('editor')('DELETE', `/api/auth/tokens/${apiToken.id}`)).status).toBe(409);
  });
});

describe('user management', () => {
  it('creates users, changes roles, and disabling stops sessions and tokens at once', async () => {
    const created = await t.request('POST', '/api/users', { email: 'New.Person@Test.Local', role: 'viewer' });
    expect(created.status).toBe(201);
    expect(created.body.user.email).toBe('new.person@test.local');
    expect(created.body.password).toEqual(expect.any(String));
    const id = created.body.user.id;
    expect(
      (await t.request('POST', '/api/users', { email: 'new.person@test.local', role: 'viewer' })).status,
    ).toBe(409);
    expect((await t.request('POST', '/api/users', { email: 'not-an-email', role: 'viewer' })).status).toBe(
      400,
    );
    expect((await t.request('POST', '/api/users', { email: 'x@test.local', role: 'owner' })).status).toBe(
      400,
    );

    const session = await login('new.person@test.local', created.body.password);
    const tok = await t.request(
      'POST',
      '/api/auth/tokens',
      { name: 'script' },
      { authorization: `Bearer ${session.body.token}` },
    );
    expect(tok.status).toBe(201);
    const promoted = await t.request('PATCH', `/api/users/${id}`, { role: 'editor' });
    expect(promoted.body.role).toBe('editor');
    const asNew = (token: string) =>
      t.request('GET', '/api/auth/me', undefined, { authorization: `Bearer ${token}` });
    expect((await asNew(session.body.token)).body.user.role).toBe('editor');

    expect((await t.request('PATCH', `/api/users/${id}`, { disabled: true })).status).toBe(200);
    expect((await asNew(session.body.token)).status).toBe(401);
    expect((await asNew(tok.body.token)).status).toBe(401);
    // The right password learns the account is disabled (a wrong one would not).
    const disabled = await login('new.person@test.local', created.body.password);
    expect(disabled.status).toBe(403);
    expect(disabled.body.error.code).toBe('account_disabled');
  });

  it("lets every role read users' display names, and nothing else about them", async () => {
    const named = await t.request('POST', '/api/users', {
      email: 'named.person@test.local',
      name: 'Named Person',
      role: 'viewer',
    });
    expect(named.status).toBe(201);
    await t.request('PATCH', `/api/users/${named.body.user.id}`, { disabled: true });
    const all = (await t.as('admin')('GET', '/api/users')).body.users as Array<{ id: string; name: string }>;
    for (const role of ROLES) {
      const res = await t.as(role)('GET', '/api/users/names');
      expect(res.status, role).toBe(200);
      // Disabled users too (their past work still names them); only the id and the name.
      expect(res.body.users).toEqual(
        expect.arrayContaining([{ id: named.body.user.id, name: 'Named Person' }]),
      );
      expect(res.body.users).toHaveLength(all.length);
      for (const user of res.body.users) expect(Object.keys(user).sort()).toEqual(['id', 'name']);
    }
  });

  it('never demotes or disables the last active admin', async () => {
    const me = await t.request('GET', '/api/auth/me');
    const res = await t.request('PATCH', `/api/users/${me.body.user.id}`, { role: 'viewer' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('last_admin');
  });
});

describe('audit log', () => {
  it('records who did what, filterable and paginated, for admins', async () => {
    const all = await t.request('GET', '/api/audit?limit=500');
    expect(all.status).toBe(200);
    const actions = new Set(all.body.entries.map((e: { action: string }) => e.action));
    for (const a of [
      'statement.generated',
      'statement.status_changed',
      'job.created',
      'user.created',
      'token.revoked',
      'auth.login_failed',
    ]) {
      expect(actions, a).toContain(a);
    }
    const generated = await t.request('GET', '/api/audit?action=statement.generated');
    expect(generated.body.entries[0]).toMatchObject({
      userEmail: 'editor@test.local',
      targetType: 'statement',
    });
    const page = await t.request('GET', '/api/audit?limit=2');
    expect(page.body.entries).toHaveLength(2);
    const next = await t.request('GET', `/api/audit?limit=2&cursor=${page.body.nextCursor}`);
    expect(next.body.entries[0].id < page.body.entries[1].id).toBe(true);
  });
});

describe('headers, limits and secrets', () => {
  it('sends security headers', async () => {
    const res = await t.request('GET', '/api/owners');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('never logs passwords, tokens or the Hostify key', async () => {
    const text = t.logText();
    expect(text.length).toBeGreaterThan(10_000);
    for (const secret of [...Object.values(t.tokens), ...Object.values(t.passwords), TEST_HOSTIFY_KEY]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/o(ss|st)_[A-Za-z0-9_-]{20,}/);
  });
});

describe('generation rate limit', () => {
  it('answers 429 once a user exceeds the generation requests allowed per minute', async () => {
    const small = await startTestApp({
      sim: { data: knownData() },
      compose: { generationLimit: { max: 2, windowMs: 60_000 } },
    });
    try {
      const gen = () =>
        small.as('editor')('POST', '/api/statements/generate', {
          ownerId: '2',
          propertyId: '104',
          ...PERIOD,
        });
      expect((await gen()).status).toBe(201);
      expect((await gen()).status).toBe(201);
      const third = await gen();
      expect(third.status).toBe(429);
      expect(third.body.error.code).toBe('rate_limited');
      // Per user: another user is not affected.
      expect(
        (
          await small.request('POST', '/api/statements/generate', {
            ownerId: '2',
            propertyId: '104',
            ...PERIOD,
          })
        ).status,
      ).toBe(201);
    } finally {
      await small.close();
    }
  });
});
