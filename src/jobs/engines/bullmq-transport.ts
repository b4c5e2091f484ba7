/**
 * Where BullMQ keeps its queues: Redis (its classic backend) or PostgreSQL (its PostgreSQL
 * backend, `withBackend(createPostgresBackend)`), and the matching Broadcast for messages between
 * processes (Redis pub/sub, or LISTEN/NOTIFY). The engine sees only this interface, so one engine
 * runs on either.
 */
import {
  createPostgresBackend,
  type Job,
  type JobsOptions,
  Queue,
  type QueueOptions,
  Worker,
  type WorkerOptions,
  withBackend,
} from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Broadcast } from '../broadcast/broadcast.js';
import { PostgresBroadcast } from '../broadcast/postgres-broadcast.js';
import { logConnectionErrors, quit, RedisBroadcast } from '../broadcast/redis-broadcast.js';

export type BullMqBackend = { type: 'redis'; redisUrl: string } | { type: 'postgres'; databaseUrl: string };

export interface WorkerSettings {
  concurrency: number;
  lockDuration: number;
  stalledInterval: number;
  maxStalledCount: number;
  limiter?: { max: number; duration: number };
}

export interface BullMqTransport {
  /** `Redis` or `PostgreSQL`. */
  readonly label: string;
  readonly broadcast: Broadcast;
  queue<T>(name: string, defaultJobOptions: JobsOptions): Queue<T>;
  worker<T>(
    name: string,
    processor: (job: Job<T>, token?: string) => Promise<void>,
    settings: WorkerSettings,
  ): Worker<T>;
  /** Resolves when the queue server answers. */
  ping(): Promise<void>;
  /** Closes what the transport owns, after the engine closed its queues and workers. */
  close(): Promise<void>;
}

/** `prefix` namespaces an installation's queues: a Redis key prefix, or a PostgreSQL schema. */
export function createBullMqTransport(
  backend: BullMqBackend,
  prefix: string,
  logger: Logger,
): BullMqTransport {
  return backend.type === 'redis'
    ? redisTransport(backend.redisUrl, prefix, logger)
    : postgresTransport(backend.databaseUrl, prefix, logger);
}

function redisTransport(redisUrl: string, prefix: string, logger: Logger): BullMqTransport {
  // Workers need maxRetriesPerRequest null (BullMQ's blocking commands); queues share it.
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  logConnectionErrors(connection, logger, 'job queues');
  const broadcast = new RedisBroadcast(redisUrl, logger);
  return {
    label: 'Redis',
    broadcast,
    queue: <T>(name: string, defaultJobOptions: JobsOptions) =>
      new Queue<T>(name, { connection, prefix, defaultJobOptions }),
    worker: <T>(
      name: string,
      processor: (job: Job<T>, token?: string) => Promise<void>,
      settings: WorkerSettings,
    ) => new Worker<T>(name, processor, { connection, prefix, ...settings }),
    ping: async () => {
      // Commands wait for a reconnect (maxRetriesPerRequest null): answer at once instead.
      if (connection.status !== 'ready') throw new Error(`Redis is not connected (${connection.status})`);
      await connection.ping();
    },
    close: async () => {
      await broadcast.close();
      await quit(connection);
    },
  };
}

/** BullMQ accepts only simple identifiers as schema names: `owner-statements` → `owner_statements`. */
export const postgresSchemaOf = (prefix: string) => prefix.replaceAll('-', '_');

function postgresTransport(databaseUrl: string, prefix: string, logger: Logger): BullMqTransport {
  const pgClasses = withBackend(createPostgresBackend);
  // Every queue and worker owns a small pool (plus one LISTEN connection): kept small so several
  // worker processes stay well inside PostgreSQL's default 100 connections. Whoever connects
  // first creates the schema (BullMQ serialises its migrations with an advisory lock).
  const schema = postgresSchemaOf(prefix);
  const connection = (max: number) => ({ connectionString: databaseUrl, schema, migrate: true, max });
  const broadcast = new PostgresBroadcast(databaseUrl, logger);
  return {
    label: 'PostgreSQL',
    broadcast,
    queue: <T>(name: string, defaultJobOptions: JobsOptions) =>
      new pgClasses.Queue(name, {
        connection: connection(2),
        defaultJobOptions,
      } as QueueOptions<never>) as unknown as Queue<T>,
    worker: <T>(
      name: string,
      processor: (job: Job<T>, token?: string) => Promise<void>,
      settings: WorkerSettings,
    ) =>
      new pgClasses.Worker(
        name,
        processor as never,
        {
          connection: connection(2),
          ...settings,
        } as WorkerOptions<never>,
      ) as unknown as Worker<T>,
    ping: () => broadcast.ping(),
    close: () => broadcast.close(),
  };
}
