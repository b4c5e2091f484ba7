/**
 * Wires the application from explicit parts: store, Hostify client, clock and logger in, services,
 * the job engine and the Fastify app out. main.ts calls it with what the environment says;
 * integration tests call it with a temporary SQLite file and the simulator.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { type Db, migrateToLatest } from './db/database.js';
import { CatalogRepository } from './db/repositories/catalog-repository.js';
import { JobRepository } from './db/repositories/job-repository.js';
import { LedgerRepository } from './db/repositories/ledger-repository.js';
import { StatementRepository } from './db/repositories/statement-repository.js';
import type { HostifyClient } from './hostify/types.js';
import { buildApp } from './http/build-app.js';
import type { JobEngine } from './jobs/engines/job-engine.js';
import { type LocalEngineOptions, LocalJobEngine } from './jobs/engines/local-engine.js';
import { LocalJobEventBus } from './jobs/event-bus.js';
import { BulkGenerationHandler } from './jobs/handlers/bulk-generation-handler.js';
import type { JobHandler } from './jobs/job-handler.js';
import { JobRunner, type RetryPolicy } from './jobs/job-runner.js';
import { JobService } from './jobs/job-service.js';
import type { JobType } from './jobs/types.js';
import { type Clock, isoNow } from './lib/clock.js';
import { CatalogService } from './services/catalog-service.js';
import { StatementGenerator } from './services/statement-generator.js';
import { StatementLifecycle } from './services/statement-lifecycle.js';
import { SyncGenerationService } from './services/sync-generation-service.js';

export const APP_VERSION = '0.1.0';

export interface ComposeOptions {
  db: Db;
  hostify: HostifyClient;
  clock: Clock;
  logger: Logger;
  retentionHours?: number;
  jobRetry?: Partial<RetryPolicy>;
  engine?: LocalEngineOptions;
}

export interface Composition {
  app: FastifyInstance;
  db: Db;
  catalogService: CatalogService;
  statements: StatementRepository;
  catalog: CatalogRepository;
  ledger: LedgerRepository;
  jobs: JobRepository;
  jobService: JobService;
  engine: JobEngine;
  /** Starts the job engine (resuming unfinished jobs) and the retention sweep. */
  start(): Promise<void>;
  /** Stops HTTP, then lets the items in flight finish, then closes the database. */
  close(): Promise<void>;
}

export async function compose(options: ComposeOptions): Promise<Composition> {
  const { db, hostify, clock, logger } = options;
  await migrateToLatest(db);
  const catalog = new CatalogRepository(db);
  const statements = new StatementRepository(db);
  const ledger = new LedgerRepository(db);
  const jobs = new JobRepository(db);
  const catalogService = new CatalogService({ hostify, catalog, clock, logger });
  const generator = new StatementGenerator({ statements, clock });
  const syncGeneration = new SyncGenerationService({
    hostify,
    catalogService,
    catalog,
    ledger,
    generator,
    logger,
  });
  const lifecycle = new StatementLifecycle({ statements, clock });

  const events = new LocalJobEventBus();
  const handlers = new Map<JobType, JobHandler>([
    [
      'bulk_statement_generation',
      new BulkGenerationHandler({ hostify, catalogService, catalog, ledger, generator }),
    ],
  ]);
  const runner = new JobRunner({ jobs, handlers, events, clock, logger, retry: options.jobRetry });
  const engine = new LocalJobEngine({ jobs, runner, events, logger }, options.engine);
  const jobService = new JobService({
    jobs,
    engine,
    clock,
    logger,
    retentionHours: options.retentionHours ?? 720,
  });

  const app = await buildApp({
    logger,
    clock,
    catalog,
    statements,
    ledger,
    catalogService,
    syncGeneration,
    lifecycle,
    jobService,
    jobs,
    version: APP_VERSION,
    readiness: [
      {
        name: 'database',
        check: async () => {
          await sql`select 1`.execute(db);
        },
      },
    ],
  });

  let closed = false;
  return {
    app,
    db,
    catalogService,
    statements,
    catalog,
    ledger,
    jobs,
    jobService,
    engine,
    start: async () => {
      const interrupted = await jobs.failInterruptedInProcess(isoNow(clock));
      if (interrupted > 0)
        logger.warn({ interrupted }, 'in-process jobs interrupted by a restart marked failed');
      await engine.start();
      jobService.startRetention();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close();
      jobService.stopRetention();
      await engine.stop();
      await db.destroy();
    },
  };
}
