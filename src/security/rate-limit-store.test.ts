/**
 * The rate-limit store and the per-key request limit on it: the database store with a moved
 * clock (windows, sweeping), and the memory store for tests that ask for it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrateToLatest, openSqlite } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { LoginThrottle } from './login-throttle.js';
import { RateLimitStore } from './rate-limit-store.js';
import { RequestLimit } from './request-limit.js';

let db: Db;
let now = Date.parse('2026-01-01T00:00:00Z');
const clock: Clock = { now: () => new Date(now) };

beforeEach(async () => {
  db = openSqlite({ filename: ':memory:' });
  await migrateToLatest(db);
});
afterEach(async () => {
  await db.destroy();
});

describe('RequestLimit on the database store', () => {
  it('allows max requests per window and key, then says how long to wait', async () => {
    const limit = new RequestLimit(new RateLimitStore('database', db, clock), 'generate', {
      max: 2,
      windowMs: 60_000,
    });
    expect(await limit.take('usr_a')).toBe(0);
    now += 10_000;
    expect(await limit.take('usr_a')).toBe(0);
    expect(await limit.take('usr_a')).toBe(50_000);
    expect(await limit.take('usr_b')).toBe(0);
    now += 50_000;
    expect(await limit.take('usr_a')).toBe(0);
  });

  it('sweeps counters that expired over an hour ago, and only those', async () => {
    const store = new RateLimitStore('database', db, clock);
    const limit = new RequestLimit(store, 'generate', { max: 5, windowMs: 60_000 });
    await limit.take('old');
    now += 2 * 3_600_000;
    await limit.take('fresh');
    expect(await store.sweep()).toBe(1);
    const keys = await db.selectFrom('rate_limits').select('key').execute();
    expect(keys.map((k) => k.key)).toEqual(['generate:fresh']);
  });
});

describe('the memory store', () => {
  it('limits the same way, in this process only, and writes nothing to the database', async () => {
    const limit = new RequestLimit(new RateLimitStore('memory', db, clock), 'generate', {
      max: 1,
      windowMs: 60_000,
    });
    expect(await limit.take('usr_a')).toBe(0);
    expect(await limit.take('usr_a')).toBeGreaterThan(0);
    expect(await db.selectFrom('rate_limits').selectAll().execute()).toEqual([]);
  });

  it('runs the sign-in throttle too (delays, success, unlock)', async () => {
    const throttle = new LoginThrottle(new RateLimitStore('memory', db, clock));
    for (let i = 0; i < 3; i++) await throttle.begin('ann@x.test', '10.0.0.1');
    await expect(throttle.begin('ann@x.test', '10.0.0.1')).rejects.toMatchObject({ kind: 'rate_limited' });
    await throttle.unlock('ann@x.test');
    await (await throttle.begin('ann@x.test', '10.0.0.1')).succeeded();
    await (await throttle.begin('ann@x.test', '10.0.0.1')).succeeded();
    expect(await db.selectFrom('rate_limits').selectAll().execute()).toEqual([]);
  });
});
