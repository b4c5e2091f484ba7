/** The probes main.ts waits on at start: the PostgreSQL store and the Redis queue server. */
import { Redis } from 'ioredis';
import pg from 'pg';
import type { ServiceProbe } from './wait-for-service.js';

/** Wrong password, unknown role, no such database: waiting does not help. */
const FATAL_PG_CODES = new Set(['28P01', '28000', '3D000']);

export function postgresProbe(databaseUrl: string, shownUrl: string): ServiceProbe {
  return {
    name: 'PostgreSQL',
    setting: 'DATABASE_URL',
    shownUrl,
    check: async () => {
      const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('select 1');
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    isFatal: (error) => FATAL_PG_CODES.has(String((error as { code?: unknown } | null)?.code)),
  };
}

export function redisProbe(redisUrl: string, shownUrl: string): ServiceProbe {
  return {
    name: 'Redis',
    setting: 'REDIS_URL',
    shownUrl,
    check: async () => {
      const redis = new Redis(redisUrl, {
        lazyConnect: true,
        connectTimeout: 5000,
        maxRetriesPerRequest: 0,
        enableOfflineQueue: false,
        retryStrategy: () => null,
      });
      let failure: unknown;
      redis.on('error', (error: unknown) => {
        failure = error;
      });
      try {
        await redis.connect();
        await redis.ping();
      } catch (error) {
        throw failure ?? error;
      } finally {
        redis.disconnect();
      }
    },
    isFatal: (error) =>
      /NOAUTH|WRONGPASS|invalid (username-)?password/i.test(String((error as Error)?.message)),
  };
}
