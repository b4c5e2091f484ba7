/**
 * Job events across processes: a worker's items/progress/finished events reach every web process's
 * SSE streams over the installation's Broadcast (Redis pub/sub or PostgreSQL NOTIFY). `publish`
 * delivers to this process's listeners at once and sends the event on; messages this bus sent
 * itself are recognised by their origin and not delivered twice.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { withTimeout } from '../lib/with-timeout.js';
import type { JobEvent } from '../model/jobs.js';
import type { Broadcast } from './broadcast/broadcast.js';
import { type JobEventBus, type JobEventListener, LocalJobEventBus } from './event-bus.js';

interface Envelope {
  /** The bus that published the event. */
  origin: string;
  event: JobEvent;
}

export class BroadcastJobEventBus implements JobEventBus {
  private readonly local = new LocalJobEventBus();
  private readonly origin = randomUUID();
  private closed = false;

  private constructor(
    private readonly broadcast: Broadcast,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {}

  /**
   * A bus whose subscription is active, so no event published afterwards is missed. Gives up
   * after `timeoutMs` with a message that names the server, so a wrong URL does not hang the start.
   */
  static async connect(
    broadcast: Broadcast,
    channel: string,
    logger: Logger,
    timeoutMs = 10_000,
  ): Promise<BroadcastJobEventBus> {
    const bus = new BroadcastJobEventBus(broadcast, channel, logger);
    await withTimeout(
      broadcast.subscribe(channel, (message) => bus.receive(message)),
      timeoutMs,
      `${broadcast.label} did not answer within ${timeoutMs} ms`,
    );
    return bus;
  }

  publish(event: JobEvent): void {
    this.local.publish(event);
    if (this.closed) return;
    const envelope: Envelope = { origin: this.origin, event };
    this.broadcast.publish(this.channel, JSON.stringify(envelope)).catch((error: unknown) => {
      this.logger.warn({ jobId: event.jobId, err: error }, 'could not send a job event to other processes');
    });
  }

  subscribe(listener: JobEventListener): () => void {
    return this.local.subscribe(listener);
  }

  /** Stops sending; the broadcast itself is closed by its owner. */
  close(): void {
    this.closed = true;
  }

  private receive(message: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch {
      this.logger.warn('ignored a malformed job event');
      return;
    }
    if (envelope.origin === this.origin || !envelope.event) return;
    this.local.publish(envelope.event);
  }
}
