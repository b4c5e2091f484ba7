/**
 * Job events across processes, over Redis pub/sub: a worker's item/progress/finished events reach
 * the web process's SSE streams. `publish` delivers to this process's listeners at once and sends
 * the event on the channel; messages that this bus sent itself are recognised by their origin and
 * not delivered twice. A dedicated subscriber connection (a subscribed Redis connection can run
 * no other command) listens to the channel.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type JobEventBus, type JobEventListener, LocalJobEventBus } from './event-bus.js';
import type { JobEvent } from './types.js';

interface Envelope {
  /** The bus that published the event. */
  origin: string;
  event: JobEvent;
}

export interface RedisJobEventBusOptions {
  redisUrl: string;
  /** The pub/sub channel; processes of one installation share it. */
  channel: string;
  logger: Logger;
  /** How long `connect` waits for the subscription before it gives up. */
  connectTimeoutMs?: number;
}

export class RedisJobEventBus implements JobEventBus {
  private readonly local = new LocalJobEventBus();
  private readonly origin = randomUUID();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private closed = false;

  private constructor(private readonly options: RedisJobEventBusOptions) {
    this.publisher = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    this.subscriber = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    logConnectionErrors(this.publisher, options.logger, 'events publisher');
    logConnectionErrors(this.subscriber, options.logger, 'events subscriber');
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === options.channel) this.receive(message);
    });
  }

  /** A bus whose subscription is active, so no event published afterwards is missed. */
  static async connect(options: RedisJobEventBusOptions): Promise<RedisJobEventBus> {
    const bus = new RedisJobEventBus(options);
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        bus.subscriber.subscribe(options.channel),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`Redis did not answer within ${timeoutMs} ms (check REDIS_URL)`)),
            timeoutMs,
          );
        }),
      ]);
    } catch (error) {
      await bus.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return bus;
  }

  publish(event: JobEvent): void {
    this.local.publish(event);
    if (this.closed) return;
    const envelope: Envelope = { origin: this.origin, event };
    this.publisher.publish(this.options.channel, JSON.stringify(envelope)).catch((error: unknown) => {
      this.options.logger.warn(
        { jobId: event.jobId, err: error },
        'could not send a job event to other processes',
      );
    });
  }

  subscribe(listener: JobEventListener): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([quit(this.subscriber), quit(this.publisher)]);
  }

  private receive(message: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch {
      this.options.logger.warn('ignored a malformed job event from Redis');
      return;
    }
    if (envelope.origin === this.origin || !envelope.event) return;
    this.local.publish(envelope.event);
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
