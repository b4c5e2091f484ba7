/**
 * Broadcast over PostgreSQL LISTEN/NOTIFY, for installations with no Redis. NOTIFY payloads are
 * limited to 8000 bytes, so a longer message (a finished job's record with many errors) is sent
 * as numbered parts inside one transaction, which PostgreSQL delivers together and in order.
 * LISTEN lives on one dedicated connection; when it drops, it is re-established with backoff and
 * every channel is listened to again.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Broadcast, MessageHandler } from './broadcast.js';

/** Characters per part: at most 4 UTF-8 bytes each, well under the 8000-byte payload limit. */
const PART_CHARS = 1500;
const WHOLE = 'm';
const PART = 'p';
/** Parts of a message that never completed (a sender died mid-way) are dropped after this. */
const PARTIAL_TTL_MS = 60_000;

interface Partial {
  parts: string[];
  received: number;
  startedAt: number;
}

/** Cuts a message into parts of at most PART_CHARS, never between the halves of a surrogate pair. */
function splitParts(message: string): string[] {
  const parts: string[] = [];
  let start = 0;
  while (start < message.length) {
    let end = Math.min(start + PART_CHARS, message.length);
    const last = message.charCodeAt(end - 1);
    if (end < message.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(message.slice(start, end));
    start = end;
  }
  return parts;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

export class PostgresBroadcast implements Broadcast {
  readonly label = 'PostgreSQL';
  private readonly pool: pg.Pool;
  private readonly handlers = new Map<string, MessageHandler[]>();
  private readonly partials = new Map<string, Partial>();
  private listener: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectAttempts = 0;
  private lastErrorLog = 0;
  private closed = false;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 10_000 });
    this.pool.on('error', (error) => this.logError(error, 'broadcast pool'));
    // A checked-out client that loses its socket emits 'error' too: never let that crash us.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  /**
   * Messages go out one after the other: concurrent NOTIFYs on two pooled connections could
   * commit out of order, and listeners rely on a process's events arriving in sequence.
   */
  publish(channel: string, message: string): Promise<void> {
    const sent = this.sending.then(() => this.send(channel, message));
    this.sending = sent.catch(() => undefined);
    return sent;
  }

  private async send(channel: string, message: string): Promise<void> {
    if (message.length <= PART_CHARS) {
      await this.pool.query('select pg_notify($1, $2)', [channel, WHOLE + message]);
      return;
    }
    const id = randomUUID();
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const parts = splitParts(message);
      for (const [i, part] of parts.entries()) {
        await client.query('select pg_notify($1, $2)', [
          channel,
          `${PART}${id}:${i}:${parts.length}:${part}`,
        ]);
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async subscribe(channel: string, handler: MessageHandler): Promise<void> {
    const list = this.handlers.get(channel) ?? [];
    list.push(handler);
    this.handlers.set(channel, list);
    const client = await this.connectListener();
    if (list.length === 1 && client === this.listener) await client.query(`LISTEN ${quoteIdent(channel)}`);
  }

  async ping(): Promise<void> {
    await this.pool.query('select 1');
    // A dead LISTEN connection means this process hears nothing: not ready until it is back.
    if (this.handlers.size > 0 && !this.listener) throw new Error('the LISTEN connection is down');
  }

  async close(): Promise<void> {
    // Messages already handed to publish (a stopping worker's last events) go out first.
    await this.sending;
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const listener = this.listener ?? (await this.connecting?.catch(() => undefined));
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }

  private connectListener(): Promise<pg.Client> {
    if (this.listener) return Promise.resolve(this.listener);
    if (!this.connecting) {
      this.connecting = this.openListener().finally(() => {
        this.connecting = undefined;
      });
    }
    return this.connecting;
  }

  private async openListener(): Promise<pg.Client> {
    // Keep-alive probes after 10 s idle: a half-open LISTEN connection is noticed in about a
    // minute, not after the system's default of two hours.
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client.on('notification', (n) => this.receive(n.channel, n.payload ?? ''));
    client.on('error', (error) => this.onListenerLost(client, error));
    client.on('end', () => this.onListenerLost(client));
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      throw new Error('the broadcast is closed');
    }
    this.listener = client;
    if (this.reconnectAttempts > 0) this.logger.info('PostgreSQL LISTEN connection restored');
    this.reconnectAttempts = 0;
    return client;
  }

  private onListenerLost(client: pg.Client, error?: unknown): void {
    if (this.closed || this.listener !== client) return;
    this.listener = undefined;
    this.logError(error ?? new Error('connection ended'), 'broadcast listener');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const wait = Math.min(10_000, 500 * 2 ** this.reconnectAttempts);
    this.reconnectAttempts++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connectListener().catch((error: unknown) => {
        this.logError(error, 'broadcast listener');
        this.scheduleReconnect();
      });
    }, wait);
    this.reconnectTimer.unref();
  }

  private receive(channel: string, payload: string): void {
    let message: string | undefined;
    if (payload.startsWith(WHOLE)) message = payload.slice(1);
    else if (payload.startsWith(PART)) message = this.assemble(payload.slice(1));
    if (message === undefined) return;
    for (const handler of this.handlers.get(channel) ?? []) handler(message);
  }

  /** Collects a part; returns the whole message when its last part arrives. */
  private assemble(body: string): string | undefined {
    const match = /^([0-9a-f-]{36}):(\d+):(\d+):/.exec(body);
    if (!match) return undefined;
    const [header, id = '', index, count] = match;
    const total = Number(count);
    const now = Date.now();
    for (const [key, p] of this.partials) if (now - p.startedAt > PARTIAL_TTL_MS) this.partials.delete(key);
    const partial = this.partials.get(id) ?? { parts: new Array<string>(total), received: 0, startedAt: now };
    this.partials.set(id, partial);
    const i = Number(index);
    if (partial.parts[i] === undefined) partial.received++;
    partial.parts[i] = body.slice(header.length);
    if (partial.received < total) return undefined;
    this.partials.delete(id);
    return partial.parts.join('');
  }

  private logError(error: unknown, connection: string): void {
    if (Date.now() - this.lastErrorLog < 10_000) return;
    this.lastErrorLog = Date.now();
    this.logger.warn({ err: error, connection }, 'PostgreSQL connection error; reconnecting');
  }
}
