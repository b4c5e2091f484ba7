/**
 * The BullMQ engine on Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379): skipped with a
 * message when Redis does not answer, except under CI=true, where that is a failure.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { describe } from 'vitest';
import { ITEMS_QUEUE, PLAN_QUEUE } from '../../src/jobs/engines/bullmq-engine.js';
import { SCHEDULE_QUEUE } from '../../src/scheduling/bullmq-scheduler.js';
import { requireService } from '../helpers/services.js';
import { describeBullMqEngine } from './bullmq-engine.suite.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function withQueue<T>(prefix: string, name: string, fn: (queue: Queue) => Promise<T>): Promise<T> {
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection, prefix });
  try {
    return await fn(queue);
  } finally {
    await queue.close();
    await connection.quit();
  }
}

const available = await requireService('Redis', REDIS_URL, 'the BullMQ-on-Redis engine tests');

(available ? describe : describe.skip)('BullMQ on Redis', () => {
  describeBullMqEngine({
    name: 'Redis',
    backend: { type: 'redis', redisUrl: REDIS_URL },
    obliterate: async (prefix) => {
      for (const name of [PLAN_QUEUE, ITEMS_QUEUE, SCHEDULE_QUEUE])
        await withQueue(prefix, name, (queue) => queue.obliterate({ force: true }));
    },
    pendingItems: (prefix) =>
      withQueue(prefix, ITEMS_QUEUE, async (queue) => {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return Object.values(counts).reduce((a, b) => a + b, 0);
      }),
  });
});
