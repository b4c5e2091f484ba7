/**
 * The job engine integration tests run on: the embedded engine by default, or BullMQ on Redis
 * with TEST_ENGINE=bullmq-redis (the `server-pg-bullmq` project runs the HTTP integration suites
 * on PostgreSQL + BullMQ-Redis, as a distributed installation is deployed). Each test app gets its
 * own queue prefix, kept across a restart of the same data directory and removed at the end.
 */
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { ComposeOptions } from '../../src/compose.js';
import { ITEMS_QUEUE, PLAN_QUEUE } from '../../src/jobs/engines/bullmq-engine.js';
import { SCHEDULE_QUEUE } from '../../src/scheduling/bullmq-scheduler.js';

export const TEST_ENGINE = process.env.TEST_ENGINE === 'bullmq-redis' ? 'bullmq-redis' : 'local';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const prefixOf = new Map<string, string>();

/**
 * The engine options for a test app in `dataDir`: what the test asked for when it names an
 * engine itself or TEST_ENGINE is local; else BullMQ on Redis carrying over the embedded engine's
 * concurrency and progress-log settings.
 */
export function engineFor(dataDir: string, given: ComposeOptions['engine']): ComposeOptions['engine'] {
  if (TEST_ENGINE === 'local' || (given && 'kind' in given)) return given;
  let prefix = prefixOf.get(dataDir);
  if (!prefix) {
    prefix = `os-it-${randomBytes(6).toString('hex')}`;
    prefixOf.set(dataDir, prefix);
  }
  return {
    kind: 'bullmq',
    backend: { type: 'redis', redisUrl: TEST_REDIS_URL },
    runWorkers: true,
    prefix,
    lockMs: 5000,
    ...(given?.concurrency !== undefined ? { concurrency: given.concurrency } : {}),
    ...(given?.progressLogMs !== undefined ? { progressLogMs: given.progressLogMs } : {}),
  };
}

/** Removes the queues of a test app that is gone for good. */
export async function dropTestQueues(dataDir: string): Promise<void> {
  const prefix = prefixOf.get(dataDir);
  if (!prefix) return;
  prefixOf.delete(dataDir);
  const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  try {
    for (const name of [PLAN_QUEUE, ITEMS_QUEUE, SCHEDULE_QUEUE]) {
      const queue = new Queue(name, { connection, prefix });
      await queue.obliterate({ force: true });
      await queue.close();
    }
  } finally {
    await connection.quit();
  }
}
