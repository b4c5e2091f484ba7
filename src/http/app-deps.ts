/** Everything buildApp needs, wired in main.ts (or a test). */
import type { Logger } from 'pino';
import type { CatalogRepository } from '../db/repositories/catalog-repository.js';
import type { JobRepository } from '../db/repositories/job-repository.js';
import type { LedgerRepository } from '../db/repositories/ledger-repository.js';
import type { StatementRepository } from '../db/repositories/statement-repository.js';
import type { JobService } from '../jobs/job-service.js';
import type { Clock } from '../lib/clock.js';
import type { CatalogService } from '../services/catalog-service.js';
import type { StatementLifecycle } from '../services/statement-lifecycle.js';
import type { SyncGenerationService } from '../services/sync-generation-service.js';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface AppDeps {
  logger: Logger;
  clock: Clock;
  catalog: CatalogRepository;
  statements: StatementRepository;
  ledger: LedgerRepository;
  catalogService: CatalogService;
  syncGeneration: SyncGenerationService;
  lifecycle: StatementLifecycle;
  jobService: JobService;
  /** Read side of jobs for the event stream's replay. */
  jobs: JobRepository;
  /** Each must resolve for /readyz to answer 200. */
  readiness: ReadinessCheck[];
  /** Shown by /healthz. */
  version: string;
}
