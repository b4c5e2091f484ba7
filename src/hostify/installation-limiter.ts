/**
 * Picks the Hostify limiter for the job engine (main.ts says which): the embedded engine is one
 * process, so the in-process limiter is the installation's; the distributed engines count the
 * rate in the store their processes already share — Redis for bullmq-redis, the PostgreSQL
 * database for bullmq-postgres.
 */
import type { Db } from '../db/database.js';
import type { HostifyLogger } from './logger.js';
import { createPostgresRateWindow } from './postgres-rate-window.js';
import { createLocalRateLimiter, type RateLimiter } from './rate-limiter.js';
import { rateWindowKey, type SharedRateWindow } from './rate-window.js';
import { createRedisRateWindow } from './redis-rate-window.js';
import { createSharedRateLimiter } from './shared-rate-limiter.js';

export type RateLimitStore =
  | { type: 'local' }
  | { type: 'redis'; redisUrl: string }
  | { type: 'postgres'; db: Db };

export interface InstallationLimiterOptions {
  store: RateLimitStore;
  /** The installation's namespace (JOB_QUEUE_PREFIX). */
  namespace: string;
  /** Only its hash is used (rateWindowKey). */
  apiKey: string;
  maxConcurrency: number;
  maxRps: number;
  logger: HostifyLogger;
}

export interface InstallationLimiter {
  limiter: RateLimiter;
  /** Where the rate is counted: `process`, `Redis` or `PostgreSQL`. */
  sharedIn: string;
  close(): Promise<void>;
}

export async function createInstallationLimiter(
  options: InstallationLimiterOptions,
): Promise<InstallationLimiter> {
  const { store, maxConcurrency, maxRps, logger } = options;
  if (store.type === 'local')
    return {
      limiter: createLocalRateLimiter({ maxConcurrency, maxRps }),
      sharedIn: 'process',
      close: async () => {},
    };
  const key = rateWindowKey(options.namespace, options.apiKey);
  let window: SharedRateWindow;
  if (store.type === 'redis') {
    const redis = createRedisRateWindow({ redisUrl: store.redisUrl, key, logger });
    // main.ts has waited for Redis; should it be gone again, calls fall back (with a warning)
    // and ioredis keeps reconnecting.
    await redis.connect().catch(() => undefined);
    window = redis;
  } else {
    window = createPostgresRateWindow({ db: store.db, key });
  }
  const limiter = createSharedRateLimiter({ window, maxConcurrency, maxRps, logger });
  return { limiter, sharedIn: window.label, close: () => limiter.close() };
}
