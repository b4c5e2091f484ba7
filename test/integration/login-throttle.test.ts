/**
 * Sign-in throttling over real HTTP, from distinct client addresses (127.0.x.y loopback sources):
 * one address hammering does not lock the owner out elsewhere, delays grow, the per-account limit
 * is soft, a NAT of many users is not locked out, admins unlock, and the counters live in the
 * shared store (a new app instance on it, or a second one at the same time, sees them). Time is
 * the app's clock, moved by the tests; nothing sleeps.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/roles.js';
import type { Clock } from '../../src/lib/clock.js';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let now = Date.parse('2026-03-01T09:00:00Z');
const clock: Clock = { now: () => new Date(now) };

beforeAll(async () => {
  // The default policy: what installations run.
  t = await startTestApp({ sim: { data: knownData() }, compose: { clock } });
});
afterAll(async () => {
  await t.close();
});

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
  body: any;
  retryAfter: number | null;
}

/** POST /api/auth/login from the loopback address `from` (the server sees it as the client IP). */
function loginFrom(app: TestApp, from: string, email: string, password: string): Promise<Answer> {
  const url = new URL('/api/auth/login', app.baseUrl);
  const payload = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          const header = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            body: text ? JSON.parse(text) : undefined,
            retryAfter: header === undefined ? null : Number(header),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

let userNumber = 0;
const PASSWORD = 'Harbour-Lights-5521';
/** A fresh account, so each test counts from zero. */
async function newUser(app: TestApp = t, role: Role = 'viewer'): Promise<{ id: string; email: string }> {
  const email = `person${++userNumber}-${Math.random().toString(36).slice(2, 8)}@throttle.test`;
  const { user } = await app.composition.userService.create({ email, role, password: PASSWORD }, null);
  return { id: user.id, email };
}

describe('per (account, address) with growing delays', () => {
  it('keeps the right password working from another address while one address hammers wrong ones', async () => {
    const { email } = await newUser();
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) answers.push((await loginFrom(t, '127.0.2.1', email, `guess-${i}`)).status);
    expect(answers.slice(0, 3)).toEqual([401, 401, 401]);
    expect(answers.slice(3).every((s) => s === 429)).toBe(true);
    // The hammering address is refused even with the right password, while its delay runs …
    expect((await loginFrom(t, '127.0.2.1', email, PASSWORD)).status).toBe(429);
    // … and the owner elsewhere signs in at once.
    const owner = await loginFrom(t, '127.0.2.2', email, PASSWORD);
    expect(owner.status).toBe(200);
    expect(owner.body.user.email).toBe(email);
  });

  it('doubles the delay with each further failure, and a success starts over', async () => {
    const { email } = await newUser();
    const from = '127.0.2.3';
    for (let i = 0; i < 3; i++)
      expect((await loginFrom(t, from, email, 'wrong-password-x')).status).toBe(401);
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      const refused = await loginFrom(t, from, email, PASSWORD);
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('too_many_attempts');
      expect(refused.body.error.message).toMatch(/too many failed sign-ins; try again in \d+ s/);
      waits.push(refused.retryAfter ?? 0);
      now += (refused.retryAfter ?? 0) * 1000;
      if (round < 2) expect((await loginFrom(t, from, email, 'wrong-password-x')).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4]);
    expect((await loginFrom(t, from, email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 3; i++)
      expect((await loginFrom(t, from, email, 'wrong-password-x')).status).toBe(401);
  });
});

describe('per account, softer', () => {
  it('slows an account guessed from many addresses for a short while, never the address it signs in from', async () => {
    const { email } = await newUser();
    expect((await loginFrom(t, '127.0.5.1', email, PASSWORD)).status).toBe(200); // the owner's office
    for (let i = 0; i < 20; i++) {
      expect((await loginFrom(t, `127.0.6.${i + 1}`, email, 'wrong-password-x')).status).toBe(401);
    }
    const slowed = await loginFrom(t, '127.0.7.1', email, PASSWORD);
    expect(slowed.status).toBe(429);
    expect(slowed.retryAfter).toBeGreaterThan(0);
    expect(slowed.retryAfter).toBeLessThanOrEqual(60);
    expect((await loginFrom(t, '127.0.5.1', email, PASSWORD)).status).toBe(200);
    now += (slowed.retryAfter ?? 0) * 1000;
    expect((await loginFrom(t, '127.0.7.1', email, PASSWORD)).status).toBe(200);
  });
});

describe('per address, high enough for a NAT', () => {
  it('locks nobody out when many users behind one address mistype a few times', async () => {
    const office = await Promise.all(Array.from({ length: 20 }, () => newUser()));
    for (const { email } of office) {
      for (let i = 0; i < 2; i++)
        expect((await loginFrom(t, '127.0.8.1', email, 'typo-password-x')).status).toBe(401);
    }
    for (const { email } of office)
      expect((await loginFrom(t, '127.0.8.1', email, PASSWORD)).status).toBe(200);
  });

  it('lets a user who signed in from that address in while someone there sprays unknown accounts', async () => {
    const colleague = await newUser();
    expect((await loginFrom(t, '127.0.8.2', colleague.email, PASSWORD)).status).toBe(200);
    // One attacker behind the same NAT: far past the per-address allowance.
    let refused = 0;
    for (let i = 0; i < 130 && refused === 0; i++) {
      const res = await loginFrom(t, '127.0.8.2', `nobody${i}@spray.test`, 'Wrong-Guess-9931');
      if (res.status === 429) refused += 1;
    }
    expect(refused, 'the address is slowed for unknown accounts').toBe(1);
    expect((await loginFrom(t, '127.0.8.2', colleague.email, PASSWORD)).status).toBe(200);
  });
});

describe('admin unlock', () => {
  it('clears the delays at once over the API, for admins only, and is audited', async () => {
    const { id, email } = await newUser();
    for (let i = 0; i < 4; i++) await loginFrom(t, '127.0.9.1', email, 'wrong-password-x');
    expect((await loginFrom(t, '127.0.9.1', email, PASSWORD)).status).toBe(429);
    expect((await t.as('editor')('POST', `/api/users/${id}/unlock`)).status).toBe(403);
    const unlocked = await t.request('POST', `/api/users/${id}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.user.email).toBe(email);
    expect((await loginFrom(t, '127.0.9.1', email, PASSWORD)).status).toBe(200);
    const audit = await t.request('GET', `/api/audit?action=user.unlocked&targetId=${id}`);
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0].userEmail).toBe('admin@test.local');
    expect((await t.request('POST', '/api/users/usr_01aaaaaaaaaaaaaaaaaaaaaaaa/unlock')).status).toBe(404);
  });
});

describe('counters in the shared store', () => {
  // A long first delay: the counts must outlive the instance that made them.
  const strict = {
    perAccountAndIp: { freeAttempts: 2, windowMs: 3_600_000, baseDelayMs: 600_000, maxDelayMs: 600_000 },
  };

  it('survive a new app instance on the same store', async () => {
    const first = await startTestApp({ compose: { loginLimits: strict }, startEngine: false });
    let second: TestApp | undefined;
    try {
      const { email } = await newUser(first);
      for (let i = 0; i < 2; i++)
        expect((await loginFrom(first, '127.0.10.1', email, 'nope-nope-nope')).status).toBe(401);
      expect((await loginFrom(first, '127.0.10.1', email, PASSWORD)).status).toBe(429);
      await first.close(true);
      second = await startTestApp({
        dataDir: first.dataDir,
        ...(first.databaseName ? { databaseName: first.databaseName } : {}),
        compose: { loginLimits: strict },
        startEngine: false,
      });
      const after = await loginFrom(second, '127.0.10.1', email, PASSWORD);
      expect(after.status).toBe(429);
      expect(after.retryAfter).toBeGreaterThan(500);
    } finally {
      await (second ?? first).close();
    }
  });

  it('are shared by two app instances on one store, the generation limit too', async () => {
    const a = await startTestApp({
      sim: { data: knownData() },
      compose: { loginLimits: strict, generationLimit: { max: 2, windowMs: 60_000 } },
      startEngine: false,
    });
    const b = await startTestApp({
      dataDir: a.dataDir,
      ...(a.databaseName ? { databaseName: a.databaseName } : {}),
      sim: { data: knownData() },
      compose: { loginLimits: strict, generationLimit: { max: 2, windowMs: 60_000 } },
      startEngine: false,
    });
    try {
      const { email } = await newUser(a);
      expect((await loginFrom(a, '127.0.11.1', email, 'nope-nope-nope')).status).toBe(401);
      expect((await loginFrom(b, '127.0.11.1', email, 'nope-nope-nope')).status).toBe(401);
      expect((await loginFrom(a, '127.0.11.1', email, PASSWORD)).status).toBe(429);
      expect((await loginFrom(b, '127.0.11.1', email, PASSWORD)).status).toBe(429);

      const gen = (app: TestApp) =>
        app.as('editor')('POST', '/api/statements/generate', { ownerId: '2', propertyId: '104', ...PERIOD });
      expect((await gen(a)).status).toBe(201);
      expect((await gen(b)).status).toBe(201);
      const third = await gen(a);
      expect(third.status).toBe(429);
      expect(third.body.error.code).toBe('rate_limited');
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await b.close(true);
      await a.close();
    }
  });
});
