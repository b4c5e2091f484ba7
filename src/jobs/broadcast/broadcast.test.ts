/**
 * Both Broadcast adapters against real servers: delivery to every subscriber, order from one
 * sender, messages longer than PostgreSQL's 8000-byte NOTIFY limit, and a LISTEN connection that
 * is killed and comes back.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { requireService } from '../../../test/helpers/services.js';
import { TEST_PG_URL } from '../../../test/helpers/test-database.js';
import { pollUntil } from '../../../test/helpers/wait.js';
import { createLogger } from '../../lib/logger.js';
import type { Broadcast } from './broadcast.js';
import { PostgresBroadcast } from './postgres-broadcast.js';
import { RedisBroadcast } from './redis-broadcast.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));

const adapters: Array<{ name: string; available: boolean; open: () => Broadcast }> = [
  {
    name: 'PostgreSQL',
    available: await requireService('PostgreSQL', TEST_PG_URL, 'the PostgreSQL broadcast tests'),
    open: () => new PostgresBroadcast(TEST_PG_URL, logger),
  },
  {
    name: 'Redis',
    available: await requireService('Redis', REDIS_URL, 'the Redis broadcast tests'),
    open: () => new RedisBroadcast(REDIS_URL, logger),
  },
];

const opened: Broadcast[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((b) => b.close()));
});

function open(adapter: (typeof adapters)[number]): Broadcast {
  const b = adapter.open();
  opened.push(b);
  return b;
}

for (const adapter of adapters) {
  (adapter.available ? describe : describe.skip)(`${adapter.name} broadcast`, () => {
    it('delivers every message to every subscriber, in the order one sender sent them', async () => {
      const channel = `test-${randomBytes(4).toString('hex')}`;
      const [a, b, sender] = [open(adapter), open(adapter), open(adapter)];
      const heardA: string[] = [];
      const heardB: string[] = [];
      await a.subscribe(channel, (m) => heardA.push(m));
      await b.subscribe(channel, (m) => heardB.push(m));
      const sent = Array.from({ length: 200 }, (_, i) => `message ${i}`);
      await Promise.all(sent.map((m) => sender.publish(channel, m)));
      await pollUntil(
        async () => (heardA.length === 200 && heardB.length === 200 ? true : undefined),
        'all messages',
      );
      expect(heardA).toEqual(sent);
      expect(heardB).toEqual(sent);
    });

    it('carries a message far over 8000 bytes intact, multi-byte characters included', async () => {
      const channel = `test-${randomBytes(4).toString('hex')}`;
      const [listener, sender] = [open(adapter), open(adapter)];
      const heard: string[] = [];
      await listener.subscribe(channel, (m) => heard.push(m));
      // Emoji are surrogate pairs: a part boundary must not cut one in two.
      const long = `${'€uro and ✓ 🏠'.repeat(4000)}end`;
      await sender.publish(channel, 'before');
      await sender.publish(channel, long);
      await sender.publish(channel, 'after');
      await pollUntil(async () => (heard.length === 3 ? true : undefined), 'three messages');
      expect(heard).toEqual(['before', long, 'after']);
    });
  });
}

(adapters[0]?.available ? it : it.skip)(
  'PostgreSQL broadcast listens again after its LISTEN connection is killed',
  async () => {
    const channel = `test-${randomBytes(4).toString('hex')}`;
    const listener = open(adapters[0] as (typeof adapters)[number]);
    const sender = open(adapters[0] as (typeof adapters)[number]);
    const heard: string[] = [];
    await listener.subscribe(channel, (m) => heard.push(m));
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    try {
      const killed = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where query = $1`,
        [`LISTEN "${channel}"`],
      );
      expect(killed.rowCount).toBe(1);
    } finally {
      await admin.end();
    }
    await expect(listener.ping()).rejects.toThrow(/LISTEN/);
    // Sent until the listener is back: messages while it is down are lost (at-most-once).
    await pollUntil(async () => {
      await sender.publish(channel, 'are you there');
      return heard.length > 0 ? true : undefined;
    }, 'the listener to come back');
    await listener.ping();
  },
);
