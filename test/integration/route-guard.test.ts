/**
 * Deny by default, decided on the matched route: every registered route is walked with its path
 * spelled as-is and as an attacker would spell it (percent-encoded letters in each segment,
 * doubled slashes, `/./`, upper case) without credentials. The answer is 401, or — where the
 * router matches no route — the web app's index.html or a JSON 404; never a 2xx from a handler.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../helpers/raw-http.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const INDEX_MARKER = 'route-guard-index-page';
let t: TestApp;
let webRoot: string;

beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'route-guard-web-'));
  writeFileSync(join(webRoot, 'index.html'), `<!doctype html><title>${INDEX_MARKER}</title>`);
  writeFileSync(join(webRoot, 'app.js'), 'console.log(1)');
  t = await startTestApp({ compose: { webRoot } });
});
afterAll(async () => {
  await t.close();
  rmSync(webRoot, { recursive: true, force: true });
});

/** A concrete path for a route pattern (params replaced by plausible ids). */
const concrete = (url: string) =>
  url
    .replace(':jobId', 'job_01aaaaaaaaaaaaaaaaaaaaaaaa')
    .replace(/\/api\/users\/:id/, '/api/users/usr_01aaaaaaaaaaaaaaaaaaaaaaaa')
    .replace(/\/api\/auth\/tokens\/:id/, '/api/auth/tokens/tok_01aaaaaaaaaaaaaaaaaaaaaaaa')
    .replace(/:[a-zA-Z]+/g, 'stmt_01aaaaaaaaaaaaaaaaaaaaaaaa')
    .replace(/\*$/, 'x');

const hex = (c: string) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** The percent-encoding of the letter at `index` of a segment, when it is a letter. */
function encodeLetter(segment: string, index: number): string | undefined {
  const c = segment[index];
  if (!c || !/[a-z]/i.test(c)) return undefined;
  return segment.slice(0, index) + hex(c) + segment.slice(index + 1);
}

/** Ways of spelling `path` that a lenient router may still match. */
function spellings(path: string): string[] {
  const segments = path.split('/').slice(1);
  const out = new Set<string>([path]);
  segments.forEach((segment, i) => {
    for (const index of [0, 1]) {
      const encoded = encodeLetter(segment, index);
      if (encoded) out.add(`/${segments.map((s, j) => (j === i ? encoded : s)).join('/')}`);
    }
  });
  out.add(`/${path}`);
  out.add(path.replace(/^\/([^/]+)\//, '/$1//'));
  out.add(`/.${path}`);
  out.add(path.replace(/^\/([^/]+)\//, '/$1/./'));
  out.add(path.toUpperCase());
  out.add(path.replace(/^\/[^/]+/, (s) => s.toUpperCase()));
  out.add(`${path}/`);
  return [...out];
}

describe('deny by default on the matched route', () => {
  it('registers every route as public or with a permission, and only a few public ones', () => {
    const routes = t.composition.app.apiRoutes;
    expect(routes.length).toBeGreaterThan(40);
    const publicApi = routes.filter((r) => r.auth === 'public' && r.url.startsWith('/api'));
    expect(publicApi.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/auth/login']);
    for (const route of routes.filter((r) => r.auth === 'authenticated'))
      expect(route.permission, `${route.method} ${route.url}`).not.toBeNull();
    // Everything public outside /api is a probe, the API docs or the web app's files.
    for (const route of routes.filter((r) => r.auth === 'public' && !r.url.startsWith('/api')))
      expect(route.url).toMatch(/^\/(healthz|readyz|metrics|docs(\/.*)?|app\.js|index\.html|)$/);
  });

  it('answers 401, the app page or 404 for every route in every spelling, never a handler 2xx', async () => {
    const routes = t.composition.app.apiRoutes.filter((r) => r.auth === 'authenticated');
    let tried = 0;
    for (const route of routes) {
      for (const path of spellings(concrete(route.url))) {
        const res = await rawRequest(t.baseUrl, route.method, path, {
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: '{}' }),
        });
        tried += 1;
        const where = `${route.method} ${path} → ${res.status} ${res.text.slice(0, 120)}`;
        if (res.status === 401) {
          expect(JSON.parse(res.text).error.code, where).toBe('unauthorized');
        } else if (res.status === 200) {
          expect(res.text, where).toContain(INDEX_MARKER);
        } else {
          expect(res.status, where).toBe(404);
          expect(JSON.parse(res.text).error.code, where).toBe('not_found');
        }
      }
    }
    expect(tried).toBeGreaterThan(routes.length * 8);
  });

  it('does not create an admin through /%61pi/users, nor run any other encoded write', async () => {
    const before = (await t.request('GET', '/api/users')).body.users.length;
    const body = JSON.stringify({
      email: 'intruder@evil.test',
      role: 'admin',
      password: 'correct horse battery 9',
    });
    for (const path of [
      '/%61pi/users',
      '/a%70i/users',
      '/api/%75sers',
      '/API/users',
      '//api/users',
      '/./api/users',
    ]) {
      const res = await rawRequest(t.baseUrl, 'POST', path, { body });
      expect([401, 404], `${path} → ${res.status}`).toContain(res.status);
    }
    const after = (await t.request('GET', '/api/users')).body.users;
    expect(after.length).toBe(before);
    expect(after.some((u: { email: string }) => u.email === 'intruder@evil.test')).toBe(false);
    const audit = await rawRequest(t.baseUrl, 'GET', '/a%70i/audit');
    expect(audit.status).toBe(401);
  });

  it('keeps the web app, its files, the probes and the API docs public', async () => {
    for (const path of [
      '/',
      '/statements/whatever',
      '/app.js',
      '/healthz',
      '/readyz',
      '/metrics',
      '/docs/json',
    ]) {
      expect((await rawRequest(t.baseUrl, 'GET', path)).status, path).toBe(200);
    }
  });
});

describe('answers', () => {
  it('marks every /api answer no-store, the login answer included', async () => {
    const login = await t.request(
      'POST',
      '/api/auth/login',
      { email: 'viewer@test.local', password: t.passwords.viewer },
      { authorization: '' },
    );
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toBe('no-store');
    expect((await t.request('GET', '/api/owners')).headers.get('cache-control')).toBe('no-store');
    expect((await t.request('GET', '/api/nope')).headers.get('cache-control')).toBe('no-store');
    expect(
      (await t.request('GET', '/api/owners', undefined, { authorization: '' })).headers.get('cache-control'),
    ).toBe('no-store');
  });

  it("gives Fastify's own refusals the error format", async () => {
    const badUrl = await rawRequest(t.baseUrl, 'GET', '/api/statements/%zz');
    expect(badUrl.status).toBe(400);
    expect(JSON.parse(badUrl.text).error).toMatchObject({ code: 'bad_url', message: expect.any(String) });

    const bigHeader = await rawRequest(t.baseUrl, 'GET', '/api/owners', {
      headers: { 'x-big': 'a'.repeat(20_000) },
    });
    expect(bigHeader.status).toBe(431);
    expect(JSON.parse(bigHeader.text).error).toMatchObject({ code: 'headers_too_large' });

    const longUrl = await rawRequest(t.baseUrl, 'GET', `/api/statements/${'a'.repeat(5000)}`);
    expect(longUrl.status).toBeGreaterThanOrEqual(400);
    expect(longUrl.status).toBeLessThan(500);
    expect(JSON.parse(longUrl.text).error.code).toEqual(expect.any(String));
    // The server is still there.
    expect((await t.request('GET', '/healthz')).status).toBe(200);
  });
});
