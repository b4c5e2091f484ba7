/**
 * Suites that need PostgreSQL or Redis call `requireService` at load: it answers whether the
 * server is there; when it is not, it prints why the suite is skipped, or, under CI=true, fails
 * the suite, because CI promises to run everything.
 */
import { Redis } from 'ioredis';
import pg from 'pg';

async function redisAnswers(url: string): Promise<true | string> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1500,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let cause: unknown;
  redis.on('error', (error: unknown) => {
    cause = error;
  });
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch (error) {
    const reason = cause ?? error;
    return reason instanceof Error ? reason.message : String(reason);
  } finally {
    redis.disconnect();
  }
}

async function postgresAnswers(url: string): Promise<true | string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export async function requireService(
  service: 'Redis' | 'PostgreSQL',
  url: string,
  suite: string,
): Promise<boolean> {
  const state = service === 'Redis' ? await redisAnswers(url) : await postgresAnswers(url);
  if (state === true) return true;
  const shown = url.replace(/\/\/[^@/]*@/, '//');
  if (process.env.CI === 'true')
    throw new Error(`${suite} need ${service} under CI=true, but ${shown} does not answer: ${state}`);
  console.warn(`skipping ${suite}: ${service} at ${shown} does not answer (${state})`);
  return false;
}
