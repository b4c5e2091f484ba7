/**
 * Wires the application from explicit parts: store, Hostify client, clock and logger in, services,
 * the job engine and the Fastify app out. main.ts calls it with what the environment says;
 * integration tests call it with a temporary SQLite file and the simulator.
 */

import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { DEMO_MAIL_FROM, type TrustProxy } from './config.js';
import type { BulkAction } from './contract/bulk-actions.js';
import { type Db, migrateToLatest } from './db/database.js';
import { PeriodStatementsRepository } from './db/repositories/period-statements-repository.js';
import { SqlJobStore } from './db/repositories/sql-job-store.js';
import { type Repositories, Store } from './db/store.js';
import { PdfPool, type PdfPoolOptions } from './documents/pdf-pool.js';
import type { HostifyClient } from './hostify/types.js';
import { buildApp } from './http/build-app.js';
import type { ExportLimiter } from './http/export-limiter.js';
import type { HostPolicy } from './http/host-policy.js';
import { DEFAULT_STREAM_LIMITS, type StreamLimits, StreamSlots } from './http/stream-slots.js';
import { BroadcastJobEventBus } from './jobs/broadcast-event-bus.js';
import {
  type BullMqEngineOptions,
  BullMqJobEngine,
  DEFAULT_BULLMQ_PREFIX,
  eventsChannel,
} from './jobs/engines/bullmq-engine.js';
import { createBullMqTransport } from './jobs/engines/bullmq-transport.js';
import type { JobEngine } from './jobs/engines/job-engine.js';
import { type LocalEngineOptions, LocalJobEngine } from './jobs/engines/local-engine.js';
import { LocalJobEventBus } from './jobs/event-bus.js';
import { BulkActionHandler } from './jobs/handlers/bulk-action-handler.js';
import { BulkGenerationHandler } from './jobs/handlers/bulk-generation-handler.js';
import { StatementDeliveryHandler } from './jobs/handlers/statement-delivery-handler.js';
import type { JobHandler } from './jobs/job-handler.js';
import { JobService } from './jobs/job-service.js';
import { JobLifecycle } from './jobs/lifecycle.js';
import type { RetryPolicy } from './jobs/retry-policy.js';
import type { Clock } from './lib/clock.js';
import type { Limit } from './lib/rate-limiter.js';
import type { JobStore } from './model/job-store.js';
import type { JobType } from './model/jobs.js';
import { JobNotifier } from './notify/job-notifier.js';
import { createMailer } from './notify/mailer.js';
import { Outbox } from './notify/outbox.js';
import { BullMqScheduler } from './scheduling/bullmq-scheduler.js';
import { CronerScheduler } from './scheduling/croner-scheduler.js';
import { ScheduleRunner } from './scheduling/schedule-runner.js';
import type { Scheduler } from './scheduling/scheduler.js';
import { LoginThrottle, type LoginThrottlePolicy } from './security/login-throttle.js';
import { RateLimitStore, type RateLimitStoreKind } from './security/rate-limit-store.js';
import { RequestLimit } from './security/request-limit.js';
import { accountServices } from './services/account-services.js';
import { AuditService } from './services/audit-service.js';
import type { AuthService, SessionPolicy } from './services/auth-service.js';
import { BulkActionSteps, BulkStatementActions } from './services/bulk-statement-actions.js';
import { CatalogQueries } from './services/catalog-queries.js';
import { CatalogService } from './services/catalog-service.js';
import { Changes } from './services/changes.js';
import { CompanyService } from './services/company-service.js';
import { ExpenseImportService } from './services/expense-import-service.js';
import { GenerateAllService } from './services/generate-all-service.js';
import { ImmediateGenerationService } from './services/immediate-generation-service.js';
import { LedgerService } from './services/ledger-service.js';
import { LineReviewService } from './services/line-review-service.js';
import { OnDemandCatalog, type OnDemandSyncPolicy } from './services/on-demand-sync.js';
import { OwnerDelivery } from './services/owner-delivery.js';
import { OwnerDeliverySettings } from './services/owner-delivery-settings.js';
import { OwnerStatementService } from './services/owner-statements.js';
import { PayoutReportQueries } from './services/payout-report.js';
import { PropertySettingsService } from './services/property-settings-service.js';
import { ScheduleService } from './services/schedule-service.js';
import { SendAllService } from './services/send-all-service.js';
import { SendingPlanner } from './services/sending-planner.js';
import { StatementDelivery } from './services/statement-delivery.js';
import { StatementGeneration } from './services/statement-generation.js';
import { StatementLifecycle } from './services/statement-lifecycle.js';
import { StatementQueries } from './services/statement-queries.js';
import type { UserService } from './services/user-service.js';

export const APP_VERSION = '0.1.0';

export interface ComposeOptions {
  db: Db;
  hostify: HostifyClient;
  clock: Clock;
  logger: Logger;
  retentionHours?: number;
  jobRetry?: Partial<RetryPolicy>;
  /** Items per batch of a bulk job (JOB_BATCH_SIZE, default 25). */
  jobBatchSize?: number;
  /** The embedded engine (default, with its options) or BullMQ on Redis or PostgreSQL (`kind: 'bullmq'`). */
  engine?: LocalEngineOptions | BullMqEngineOptions;
  session?: SessionPolicy;
  /** Sign-in throttling (defaults: DEFAULT_LOGIN_THROTTLE). */
  loginLimits?: Partial<LoginThrottlePolicy>;
  /**
   * Where rate-limit counters live: the database (default; shared by every process of the
   * installation, kept across restarts) or process memory (tests that ask for it).
   */
  rateLimitStore?: RateLimitStoreKind;
  /** Generation requests per user; default 30 a minute. */
  generationLimit?: Limit;
  trustProxy?: TrustProxy;
  /** The host names the app answers for and its origin (default: loopback only). */
  hostPolicy?: HostPolicy;
  /** Shown on statement documents until company details are saved (COMPANY_NAME). */
  companyName?: string;
  /** E-mail: SMTP when set, else .eml files in `outboxDir`; `from` defaults to DEMO_MAIL_FROM. */
  mail?: { smtpUrl?: string; from?: string; outboxDir: string };
  /** The app's public address, for links in e-mails. */
  appUrl?: string;
  /** How often worker processes re-read the monthly schedule (default 30 s). */
  schedulePollMs?: number;
  /** Directory of the built web app to serve (dist/web). */
  webRoot?: string;
  /** How often job event streams send a keep-alive and re-check their job (default 15 s). */
  sseHeartbeatMs?: number;
  /** Limits of the syncs that requests naming an unknown property start (and their clock). */
  onDemandSync?: Partial<OnDemandSyncPolicy> & { clock?: Clock };
  /** Open job event streams per user and per process (default 10 and 500). */
  streamLimits?: StreamLimits;
  /** How often an open event stream re-checks its user and credential (default 30 s). */
  sseAuthCheckMs?: number;
  /** How long an event stream's replay waits for a client that reads nothing (default 30 s). */
  sseStallMs?: number;
  /** The PDF worker threads and how many renderings may wait (default 2 threads, 16 waiting). */
  pdfPool?: PdfPoolOptions;
  /** Heavy exports per user and minute (default 10), unless `exportLimiter` is given. */
  exportsPerMinute?: number;
  /** A limiter on a shared store, instead of this process's memory. */
  exportLimiter?: ExportLimiter;
  /** HOSTIFY_OWNER_ROLES, parsed (lower-case role names); null/undefined = the default rule (§4). */
  ownerRoles?: readonly string[] | null;
  /** COUNTED_STATUSES (§5); undefined = accepted, confirmed, checked_in, completed. */
  countedStatuses?: readonly string[];
  /** Bulk actions carried out within the request up to these counts (default SYNC_LIMITS). */
  bulkSyncLimits?: Partial<Record<BulkAction, number>>;
}

export interface Composition {
  app: FastifyInstance;
  db: Db;
  catalogService: CatalogService;
  statements: Repositories['statements'];
  catalog: Repositories['catalog'];
  ledger: Repositories['ledger'];
  jobStore: JobStore<Db>;
  jobService: JobService;
  engine: JobEngine;
  /** What each job type does (tests drive a handler's batches by hand, as a crash would). */
  jobHandlers: ReadonlyMap<JobType, JobHandler>;
  authService: AuthService;
  userService: UserService;
  users: Repositories['users'];
  credentials: Repositories['credentials'];
  auditLog: Repositories['audit'];
  /** The monthly generation: fires in every process that runs workers (start()). */
  scheduleRunner: ScheduleRunner;
  /** Starts the job engine (resuming unfinished jobs), the retention sweep and a catalog sync. */
  start(): Promise<void>;
  /** Stops HTTP, then lets the items in flight finish, then closes the database. */
  close(): Promise<void>;
}

export async function compose(options: ComposeOptions): Promise<Composition> {
  const { db, hostify, clock, logger } = options;
  await migrateToLatest(db);
  const store = new Store(db);
  const { catalog, statements, ledger, users, credentials, deliveries, schedules } = store.repos;
  const auditLog = store.repos.audit;
  const jobStore = new SqlJobStore(db);
  const audit = new AuditService({ store, clock });
  const changes = new Changes({ store, audit });
  const catalogService = new CatalogService({
    hostify,
    catalog,
    logger,
    ownerRoles: options.ownerRoles ?? null,
    audit,
  });
  const { clock: onDemandClock, ...onDemandPolicy } = options.onDemandSync ?? {};
  const onDemandCatalog = new OnDemandCatalog({
    catalogService,
    catalog,
    clock: onDemandClock ?? clock,
    logger,
    policy: onDemandPolicy,
  });
  const generation = new StatementGeneration({
    hostify,
    catalogService,
    catalog,
    statements,
    clock,
    ...(options.countedStatuses ? { countedStatuses: options.countedStatuses } : {}),
  });
  const immediateGeneration = new ImmediateGenerationService({
    generation,
    catalogService,
    catalog,
    changes,
    logger,
    onDemandCatalog,
  });
  const lifecycle = new StatementLifecycle({ statements, changes, clock });
  const lineReview = new LineReviewService({
    generation,
    statements,
    overrides: store.repos.overrides,
    catalog,
    changes,
    clock,
  });
  const catalogQueries = new CatalogQueries({
    catalog,
    deliveryPreferences: store.repos.deliveryPreferences,
  });
  const rateLimits = new RateLimitStore(options.rateLimitStore ?? 'database', db, clock);
  const throttle = new LoginThrottle(rateLimits, options.loginLimits);
  const { authService, userService } = accountServices({
    store,
    audit,
    changes,
    clock,
    logger,
    throttle,
    session: options.session ?? { idleMinutes: 8 * 60, maxHours: 7 * 24 },
  });
  const company = new CompanyService({
    company: store.repos.company,
    changes,
    clock,
    defaultName: options.companyName ?? 'Owner Statements',
  });
  const mailer = createMailer({
    smtpUrl: options.mail?.smtpUrl,
    from: options.mail?.from ?? DEMO_MAIL_FROM,
    outboxDir: options.mail?.outboxDir ?? 'data/outbox',
  });
  const delivery = new StatementDelivery({
    statements,
    catalog,
    deliveries,
    mailer,
    changes,
    clock,
    company,
  });
  const pdfRenderer = new PdfPool({
    ...(options.pdfPool ?? { threads: 2, maxQueue: 16 }),
    onError: (error) => logger.error({ err: error }, 'a PDF worker thread failed'),
  });
  const ownerStatements = new OwnerStatementService({
    statements,
    catalog,
    onDemandCatalog,
    company,
    deliveryPreferences: store.repos.deliveryPreferences,
  });
  const ownerDelivery = new OwnerDelivery({
    statements,
    catalog,
    deliveries,
    mailer,
    changes,
    clock,
    company,
    ownerStatements,
    pdf: pdfRenderer,
  });
  const planner = new SendingPlanner({
    statements,
    catalog,
    deliveryPreferences: store.repos.deliveryPreferences,
  });
  const notifier = new JobNotifier({
    db,
    users,
    mailer,
    clock,
    logger,
    appUrl: options.appUrl ?? 'http://127.0.0.1:3003',
  });

  const bulkSteps = new BulkActionSteps({ statements, lifecycle, delivery });

  const bullmq = options.engine && 'kind' in options.engine ? options.engine : undefined;
  const prefix = bullmq?.prefix ?? DEFAULT_BULLMQ_PREFIX;
  const transport = bullmq ? createBullMqTransport(bullmq.backend, prefix, logger) : undefined;
  const sharedEvents = transport
    ? await BroadcastJobEventBus.connect(transport.broadcast, eventsChannel(prefix), logger).catch(
        async (error: unknown) => {
          await transport.close();
          throw error;
        },
      )
    : undefined;
  const events = sharedEvents ?? new LocalJobEventBus();
  const handlers = new Map<JobType, JobHandler>([
    [
      'bulk_statement_generation',
      new BulkGenerationHandler({
        hostify,
        catalogService,
        catalog,
        generation,
        jobs: jobStore.jobs,
      }),
    ],
    [
      'statement_delivery',
      new StatementDeliveryHandler({ planner, users, delivery, ownerDelivery, deliveries }),
    ],
    ['bulk_statement_action', new BulkActionHandler({ bulk: bulkSteps, users, deliveries })],
  ]);
  const jobLifecycle = new JobLifecycle({
    store: jobStore,
    handlers,
    events,
    clock,
    logger,
    ...(options.jobRetry ? { retry: options.jobRetry } : {}),
    ...(options.jobBatchSize ? { batchSize: options.jobBatchSize } : {}),
  });
  const engine =
    bullmq && transport && sharedEvents
      ? new BullMqJobEngine({ lifecycle: jobLifecycle, events: sharedEvents, transport, logger }, bullmq)
      : new LocalJobEngine({ lifecycle: jobLifecycle, events, logger }, options.engine as LocalEngineOptions);
  const jobService = new JobService({
    lifecycle: jobLifecycle,
    audit,
    engine,
    clock,
    logger,
    retentionHours: options.retentionHours ?? 720,
  });
  const sendAll = new SendAllService({ planner, jobs: jobService });
  const bulkActions = new BulkStatementActions({
    steps: bulkSteps,
    jobs: jobService,
    ...(options.bulkSyncLimits ? { syncLimits: options.bulkSyncLimits } : {}),
  });
  const generateAll = new GenerateAllService({ jobs: jobService, catalog: catalogQueries, onDemandCatalog });
  const schedule = new ScheduleService({ schedules, changes, clock });
  // The distributed engines keep the schedule in their queue server (one tick per installation);
  // the embedded engine fires from an in-process timer.
  const scheduler: Scheduler = transport
    ? new BullMqScheduler(transport, logger)
    : new CronerScheduler(logger);
  const scheduleRunner = new ScheduleRunner({
    schedules,
    scheduler,
    jobService,
    clock,
    logger: logger.child({ component: 'schedule' }),
    pollMs: options.schedulePollMs ?? 30_000,
  });
  // A change made through this process applies here at once; other processes re-read it.
  schedule.onChange(() => {
    scheduleRunner
      .refresh()
      .catch((error: unknown) => logger.error({ err: error }, 'schedule refresh failed'));
  });
  const outbox = new Outbox({
    dir: options.mail?.outboxDir ?? 'data/outbox',
    active: !options.mail?.smtpUrl,
  });

  const app = await buildApp({
    trustProxy: options.trustProxy ?? false,
    ...(options.hostPolicy ? { hostPolicy: options.hostPolicy } : {}),
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    ...(options.sseHeartbeatMs ? { sseHeartbeatMs: options.sseHeartbeatMs } : {}),
    ...(options.sseAuthCheckMs ? { sseAuthCheckMs: options.sseAuthCheckMs } : {}),
    ...(options.sseStallMs ? { sseStallMs: options.sseStallMs } : {}),
    streamSlots: new StreamSlots(options.streamLimits ?? DEFAULT_STREAM_LIMITS),
    pdfRenderer,
    // In the shared store, like the sign-in and generation counters: every web process enforces
    // one allowance per user.
    exportLimiter:
      options.exportLimiter ??
      new RequestLimit(rateLimits, 'export', { max: options.exportsPerMinute ?? 10, windowMs: 60_000 }),
    logger,
    clock,
    catalogService,
    propertySettings: new PropertySettingsService({ changes, onDemandCatalog, clock }),
    ownerDeliverySettings: new OwnerDeliverySettings({ changes, onDemandCatalog, clock }),
    ledger: new LedgerService({ changes, onDemandCatalog, clock }),
    expenseImports: new ExpenseImportService({ store, catalog, changes, clock }),
    immediateGeneration,
    generateAll,
    lifecycle,
    lineReview,
    jobService,
    authService,
    userService,
    catalogQueries,
    statementQueries: new StatementQueries({ statements, catalog, company }),
    ownerStatements,
    payoutReport: new PayoutReportQueries({ periodStatements: new PeriodStatementsRepository(db), catalog }),
    audit,
    jobEvents: jobStore,
    generationLimit: new RequestLimit(
      rateLimits,
      'generate',
      options.generationLimit ?? { max: 30, windowMs: 60_000 },
    ),
    hostifyRequests: () => hostify.requestCount,
    company,
    delivery,
    sendAll,
    bulkActions,
    schedule,
    outbox,
    version: APP_VERSION,
    readiness: [
      {
        name: 'database',
        check: async () => {
          await sql`select 1`.execute(db);
        },
      },
      ...(engine instanceof BullMqJobEngine
        ? [{ name: engine.label === 'Redis' ? 'redis' : 'queue', check: () => engine.ping() }]
        : []),
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
    jobStore,
    jobService,
    engine,
    jobHandlers: handlers,
    authService,
    userService,
    users,
    credentials,
    auditLog,
    scheduleRunner,
    start: async () => {
      await jobLifecycle.failAbandoned();
      notifier.start(engine.events);
      await engine.start();
      jobService.startRetention();
      rateLimits.startSweeping(undefined, (error) =>
        logger.warn({ err: error }, 'sweeping expired rate-limit counters failed'),
      );
      await scheduleRunner.start();
      // The catalog is synced at start, so owners and properties are listed at once. A Hostify
      // outage now is logged, not fatal: every generation syncs again.
      catalogService.sync().catch((error: unknown) => {
        logger.error(
          { err: error },
          'initial catalog sync from Hostify failed; will retry on the next generation',
        );
      });
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close();
      await pdfRenderer.close();
      jobService.stopRetention();
      rateLimits.stop();
      // The tick worker closes first: a tick it takes must still fire (stop() forgets the schedule).
      await scheduler.close?.();
      scheduleRunner.stop();
      await engine.stop();
      await notifier.stop();
      await db.destroy();
    },
  };
}
