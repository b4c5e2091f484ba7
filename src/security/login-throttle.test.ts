/**
 * The sign-in throttle's rules on the real database store (SQLite in memory) with a clock the
 * tests move: growing delays, the soft per-account limit, known addresses, bursts, unlock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrateToLatest, openSqlite } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { DomainError } from '../services/errors.js';
import { addressKey, delayAfter, LoginThrottle, type LoginThrottlePolicy } from './login-throttle.js';
import { RateLimitStore } from './rate-limit-store.js';

let db: Db;
let now = Date.parse('2026-01-01T00:00:00Z');
const clock: Clock = { now: () => new Date(now) };

const policy: LoginThrottlePolicy = {
  perAccountAndIp: { freeAttempts: 3, windowMs: 3_600_000, baseDelayMs: 1000, maxDelayMs: 8000 },
  perAccount: { freeAttempts: 10, windowMs: 3_600_000, baseDelayMs: 1000, maxDelayMs: 4000 },
  perIp: { freeAttempts: 50, windowMs: 3_600_000, baseDelayMs: 1000, maxDelayMs: 4000 },
  knownAddressMs: 24 * 3_600_000,
};

beforeEach(async () => {
  db = openSqlite({ filename: ':memory:' });
  await migrateToLatest(db);
});
afterEach(async () => {
  await db.destroy();
});

const throttle = () => new LoginThrottle(new RateLimitStore('database', db, clock), policy);

/** The wait in ms of a refused attempt, or 0 when it was let through (and counted as failed). */
async function tryOnce(t: LoginThrottle, email: string, ip: string): Promise<number> {
  try {
    await t.begin(email, ip);
    return 0;
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'rate_limited') {
      return (error.details as { retryAfterSeconds: number }).retryAfterSeconds * 1000;
    }
    throw error;
  }
}

describe('delayAfter', () => {
  it('is free for the first attempts, then doubles up to the cap', () => {
    const rule = policy.perAccountAndIp;
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => delayAfter(rule, n))).toEqual([
      0, 0, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });
});

describe('addressKey', () => {
  it('counts IPv6 clients by their /64 and IPv4 (also mapped) by the address', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:0:12:a:b:c:d')).toBe('2001:db8:0:12::/64');
    expect(addressKey('2001:0db8:0000:0012::1')).toBe('2001:db8:0:12::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});

describe('LoginThrottle', () => {
  it('treats addresses of one IPv6 /64 as one address', async () => {
    const t = throttle();
    for (let i = 0; i < 3; i++) expect(await tryOnce(t, 'ann@x.test', `2001:db8:1:2::${i + 1}`)).toBe(0);
    expect(await tryOnce(t, 'ann@x.test', '2001:db8:1:2:ffff::9')).toBe(1000);
    expect(await tryOnce(t, 'ann@x.test', '2001:db8:1:3::1')).toBe(0);
  });

  it('delays one address with growing waits and lets the next attempt through once each passes', async () => {
    const t = throttle();
    for (let i = 0; i < 3; i++) expect(await tryOnce(t, 'ann@x.test', '10.0.0.1')).toBe(0);
    const waits: number[] = [];
    for (let round = 0; round < 5; round++) {
      const wait = await tryOnce(t, 'ann@x.test', '10.0.0.1');
      expect(wait).toBeGreaterThan(0);
      waits.push(wait);
      // A refusal is not counted: asking again during the wait changes nothing.
      expect(await tryOnce(t, 'ann@x.test', '10.0.0.1')).toBe(wait);
      now += wait;
      expect(await tryOnce(t, 'ann@x.test', '10.0.0.1')).toBe(0);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000]);
    // Another address is not affected by this one's failures.
    expect(await tryOnce(t, 'ann@x.test', '10.0.0.2')).toBe(0);
  });

  it('a success clears the (account, address) counters', async () => {
    const t = throttle();
    for (let i = 0; i < 2; i++) await t.begin('ann@x.test', '10.0.0.1');
    await (await t.begin('ann@x.test', '10.0.0.1')).succeeded();
    for (let i = 0; i < 3; i++) expect(await tryOnce(t, 'ann@x.test', '10.0.0.1')).toBe(0);
  });

  it('slows an account attacked from many addresses, but not an address it signed in from', async () => {
    const t = throttle();
    await (await t.begin('ann@x.test', '10.9.9.9')).succeeded(); // the owner's office
    for (let i = 0; i < 10; i++) expect(await tryOnce(t, 'ann@x.test', `10.1.0.${i}`)).toBe(0);
    const wait = await tryOnce(t, 'ann@x.test', '10.1.1.1');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(policy.perAccount.maxDelayMs);
    expect(await tryOnce(t, 'ann@x.test', '10.9.9.9')).toBe(0);
    // Other accounts are not affected.
    expect(await tryOnce(t, 'bob@x.test', '10.1.1.1')).toBe(0);
    now += wait;
    expect(await tryOnce(t, 'ann@x.test', '10.1.1.1')).toBe(0);
  });

  it('slows one address spraying many accounts once past its (high) allowance', async () => {
    const t = throttle();
    for (let i = 0; i < 50; i++) expect(await tryOnce(t, `user${i}@x.test`, '10.2.0.1')).toBe(0);
    expect(await tryOnce(t, 'another@x.test', '10.2.0.1')).toBe(1000);
    expect(await tryOnce(t, 'another@x.test', '10.2.0.2')).toBe(0);
  });

  it('lets only one of a burst of parallel guesses through once the free attempts are used', async () => {
    const t = throttle();
    for (let i = 0; i < 2; i++) await t.begin('ann@x.test', '10.0.0.1');
    const results = await Promise.all(Array.from({ length: 8 }, () => tryOnce(t, 'ann@x.test', '10.0.0.1')));
    expect(results.filter((w) => w === 0)).toHaveLength(1);
  });

  it('unlock starts the account afresh from every address', async () => {
    const t = throttle();
    for (const ip of ['10.0.0.1', '10.0.0.2']) for (let i = 0; i < 3; i++) await tryOnce(t, 'ann@x.test', ip);
    expect(await tryOnce(t, 'ann@x.test', '10.0.0.1')).toBeGreaterThan(0);
    await t.unlock('ANN@x.test');
    expect(await tryOnce(t, 'ann@x.test', '10.0.0.1')).toBe(0);
    expect(await tryOnce(t, 'ann@x.test', '10.0.0.2')).toBe(0);
  });

  it('keeps its counts in the store: a second throttle on it sees them', async () => {
    for (let i = 0; i < 3; i++) await tryOnce(throttle(), 'ann@x.test', '10.0.0.1');
    expect(await tryOnce(throttle(), 'ann@x.test', '10.0.0.1')).toBe(1000);
  });
});
