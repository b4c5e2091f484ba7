/**
 * Broadcast over Redis pub/sub. A subscribed Redis connection can run no other command, so
 * publishing and subscribing use two connections; ioredis re-subscribes after a reconnect.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Broadcast, MessageHandler } from './broadcast.js';

export class RedisBroadcast implements Broadcast {
  readonly label = 'Redis';
  private readonly publisher: Redis;
  private subscriber: Redis | undefined;
  private readonly handlers = new Map<string, MessageHandler[]>();

  constructor(
    private readonly redisUrl: string,
    private readonly logger: Logger,
  ) {
    this.publisher = new Redis(redisUrl, { maxRetriesPerRequest: null });
    logConnectionErrors(this.publisher, logger, 'broadcast publisher');
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.publisher.publish(channel, message);
  }

  async subscribe(channel: string, handler: MessageHandler): Promise<void> {
    const subscriber = this.subscriberConnection();
    const list = this.handlers.get(channel) ?? [];
    list.push(handler);
    this.handlers.set(channel, list);
    if (list.length === 1) await subscriber.subscribe(channel);
  }

  async ping(): Promise<void> {
    await this.publisher.ping();
  }

  async close(): Promise<void> {
    await Promise.all([quit(this.publisher), this.subscriber ? quit(this.subscriber) : undefined]);
  }

  private subscriberConnection(): Redis {
    if (this.subscriber) return this.subscriber;
    const subscriber = new Redis(this.redisUrl, { maxRetriesPerRequest: null });
    logConnectionErrors(subscriber, this.logger, 'broadcast subscriber');
    subscriber.on('message', (channel: string, message: string) => {
      for (const handler of this.handlers.get(channel) ?? []) handler(message);
    });
    this.subscriber = subscriber;
    return subscriber;
  }
}

/** Closes a connection politely, or at once when it is not connected. */
export async function quit(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') {
    redis.disconnect();
    return;
  }
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}

/**
 * ioredis reports a lost connection as 'error' events while it reconnects; log them (at most one
 * line every 10 s per connection) instead of letting Node print unhandled errors.
 */
export function logConnectionErrors(redis: Redis, logger: Logger, name: string): void {
  let lastLog = 0;
  redis.on('error', (error: unknown) => {
    if (Date.now() - lastLog < 10_000) return;
    lastLog = Date.now();
    logger.warn({ err: error, connection: name }, 'Redis connection error; reconnecting');
  });
}
