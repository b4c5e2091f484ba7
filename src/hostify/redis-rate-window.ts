/**
 * The shared Hostify rate window in Redis (for JOB_ENGINE=bullmq-redis): a sorted set of the
 * start times in the window, trimmed, counted and added to by one Lua script, so the check and
 * the record are atomic for every process. Times are Redis's own clock (TIME), so processes on
 * machines whose clocks disagree still count the same window.
 *
 * Why not rate-limiter-flexible's RateLimiterRedis (used for the sign-in limits): its counter is a
 * fixed window that starts at the first point, which lets 2 × max through around a window's end;
 * Hostify's throttle is what a sliding window avoids. The script here is a sliding log.
 *
 * The connection fails fast instead of queueing commands while Redis is away (no offline queue,
 * one attempt, a command timeout): the limiter then falls back to the process's own limit at
 * once, rather than holding every Hostify call until Redis returns.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { HostifyLogger } from './logger.js';
import type { RateWindowAnswer, RateWindowLimit, SharedRateWindow } from './rate-window.js';

// KEYS[1] the window; ARGV: max, windowMs, member. Returns 0 when a start was recorded, else the
// milliseconds until enough starts leave the window for one more.
const ACQUIRE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local max = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
-- Scores as text with three decimals: a Lua number argument would be cut to 14 digits.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.3f', now - window))
local count = redis.call('ZCARD', KEYS[1])
if count < max then
  redis.call('ZADD', KEYS[1], string.format('%.3f', now), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window))
  return 0
end
local frees = redis.call('ZRANGE', KEYS[1], count - max, count - max, 'WITHSCORES')
local wait = math.ceil(tonumber(frees[2]) + window - now)
if wait < 1 then wait = 1 end
return wait
`;

type WithAcquire = Redis & {
  hostifyRateAcquire(key: string, max: number, windowMs: number, member: string): Promise<number>;
};

export interface RedisRateWindowOptions {
  redisUrl: string;
  /** From rateWindowKey(). */
  key: string;
  logger: HostifyLogger;
  /** One command's budget before it counts as a failure. Default 1000. */
  commandTimeoutMs?: number;
}

export interface RedisRateWindow extends SharedRateWindow {
  /** Opens the connection (main.ts waits for it, so the first calls find it ready). */
  connect(): Promise<void>;
}

export function createRedisRateWindow(options: RedisRateWindowOptions): RedisRateWindow {
  const redis = new Redis(options.redisUrl, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 1000,
    connectTimeout: 5000,
  }) as WithAcquire;
  redis.defineCommand('hostifyRateAcquire', { numberOfKeys: 1, lua: ACQUIRE_SCRIPT });
  // Without a listener ioredis prints every reconnect failure; the limiter already warns (rate
  // limited) when it falls back, so the details go to debug.
  redis.on('error', (error: unknown) => {
    options.logger.debug(
      { err: error instanceof Error ? error.message : String(error) },
      'Hostify rate window: Redis connection error',
    );
  });
  const member = randomBytes(6).toString('hex');
  let seq = 0;

  return {
    label: 'Redis',
    connect: async () => {
      if (redis.status === 'wait') await redis.connect();
    },
    async tryAcquire(limit: RateWindowLimit): Promise<RateWindowAnswer> {
      seq += 1;
      const wait = Number(
        await redis.hostifyRateAcquire(options.key, limit.max, limit.windowMs, `${member}:${seq}`),
      );
      return wait === 0 ? { acquired: true } : { acquired: false, retryInMs: wait };
    },
    async close(): Promise<void> {
      if (redis.status === 'end') return;
      if (redis.status !== 'ready') {
        redis.disconnect();
        return;
      }
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
