/**
 * Wires the application from explicit parts: store, Hostify client, clock and logger in, services
 * and the Fastify app out. main.ts calls it with what the environment says; integration tests call
 * it with a temporary SQLite file and the simulator.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { type Db, migrateToLatest } from './db/database.js';
import { CatalogRepository } from './db/repositories/catalog-repository.js';
import { LedgerRepository } from './db/repositories/ledger-repository.js';
import { StatementRepository } from './db/repositories/statement-repository.js';
import type { HostifyClient } from './hostify/types.js';
import { buildApp } from './http/build-app.js';
import type { Clock } from './lib/clock.js';
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
}

export interface Composition {
  app: FastifyInstance;
  catalogService: CatalogService;
  statements: StatementRepository;
  catalog: CatalogRepository;
  ledger: LedgerRepository;
  /** Closes the app and the database. */
  close(): Promise<void>;
}

export async function compose({ db, hostify, clock, logger }: ComposeOptions): Promise<Composition> {
  await migrateToLatest(db);
  const catalog = new CatalogRepository(db);
  const statements = new StatementRepository(db);
  const ledger = new LedgerRepository(db);
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
  const app = await buildApp({
    logger,
    clock,
    catalog,
    statements,
    ledger,
    catalogService,
    syncGeneration,
    lifecycle,
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
  return {
    app,
    catalogService,
    statements,
    catalog,
    ledger,
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}
