/**
 * The BullMQ engine on BullMQ's PostgreSQL backend: each test's queues live in their own schema
 * (named after the queue prefix) of the TEST_PG_URL database, dropped after. Skipped with a message when
 * PostgreSQL does not answer, except under CI=true, where that is a failure.
 */
import { createPostgresBackend, withBackend } from 'bullmq';
import pg from 'pg';
import { describe } from 'vitest';
import { ITEMS_QUEUE } from '../../src/jobs/engines/bullmq-engine.js';
import { postgresSchemaOf } from '../../src/jobs/engines/bullmq-transport.js';
import { requireService } from '../helpers/services.js';
import { TEST_PG_URL } from '../helpers/test-database.js';
import { describeBullMqEngine } from './bullmq-engine.suite.js';

const available = await requireService('PostgreSQL', TEST_PG_URL, 'the BullMQ-on-PostgreSQL engine tests');
const { Queue } = withBackend(createPostgresBackend);

(available ? describe : describe.skip)('BullMQ on PostgreSQL', () => {
  describeBullMqEngine({
    name: 'PostgreSQL',
    backend: { type: 'postgres', databaseUrl: TEST_PG_URL },
    obliterate: async (prefix) => {
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${postgresSchemaOf(prefix)}" cascade`);
      } finally {
        await client.end();
      }
    },
    pendingItems: async (prefix) => {
      const queue = new Queue(ITEMS_QUEUE, {
        connection: { connectionString: TEST_PG_URL, schema: postgresSchemaOf(prefix), max: 1 },
      });
      try {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return Object.values(counts).reduce((a, b) => a + b, 0);
      } finally {
        await queue.close();
      }
    },
  });
});
