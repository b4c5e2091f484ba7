/**
 * Entry point: the only place that reads the environment, listens, and owns process signals.
 */

import { randomBytes } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compose } from './compose.js';
import { type Config, ConfigError, isDemoMode, loadConfig, mailFrom, selectJobEngine } from './config.js';
import { openDatabase } from './db/database.js';
import { createHostifyClient, createInstallationLimiter, parseOwnerRoles } from './hostify/index.js';
import { startHostifySim } from './hostify-sim/index.js';
import { hostPolicyFrom } from './http/host-policy.js';
import { systemClock } from './lib/clock.js';
import { createLogger } from './lib/logger.js';
import { postgresProbe, redisProbe } from './startup/probes.js';
import { waitForService } from './startup/wait-for-service.js';

/** Months from August 2025 to the month after `now`, inclusive (at least the usual six). */
function demoMonths(now: Date): number {
  return Math.max(6, (now.getUTCFullYear() - 2025) * 12 + now.getUTCMonth() - 7 + 2);
}

/** A connection URL without its password, for logs. */
function redactUrl(url: string | undefined): string {
  if (!url) return '';
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * The built web app, dist/web: next to this file's directory when it runs compiled
 * (dist/server/main.js), under the project's dist/ when it runs from the sources (tsx).
 */
function webRoot(): string {
  const compiled = import.meta.url.endsWith('.js');
  return resolve(fileURLToPath(new URL(compiled ? '../web' : '../dist/web', import.meta.url)));
}

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Demo mode only: the demo admin's credentials go to the terminal (not to the JSON log), so the
 * README's curl examples work with one added header. Real installations never print secrets.
 */
function printDemoCredentials(
  demo: { email: string; password: string | null; token: string },
  config: Config,
): void {
  const lines = [
    '',
    '  DEMO MODE — sign in, or use the API token with curl:',
    `    e-mail:    ${demo.email}`,
    `    password:  ${demo.password ?? '(unchanged since the demo admin was created; reset it with: npm run cli -- users reset-password --email admin@demo.local)'}`,
    `    API token: ${demo.token}`,
    `    export TOKEN=${demo.token}`,
    `    curl -H "Authorization: Bearer $TOKEN" http://${config.HOST}:${config.PORT}/api/auth/me`,
    '',
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.LOG_LEVEL);

  const selected = selectJobEngine(config);
  if ('problem' in selected) {
    logger.fatal(selected.problem);
    process.exit(1);
  }
  const jobEngine = selected.engine;

  let hostifyUrl = config.HOSTIFY_API_URL;
  let hostifyKey = config.HOSTIFY_API_KEY;
  let stopSim: (() => Promise<void>) | undefined;
  if (isDemoMode(config)) {
    hostifyKey = randomBytes(16).toString('hex');
    // Demo data runs from August 2025 (the README's examples use October 2025) to next month,
    // so the "This month" and "Last month" presets find reservations too.
    const months = demoMonths(new Date());
    const sim = await startHostifySim({
      apiKey: hostifyKey,
      owners: config.DEMO_OWNERS,
      propertiesPerOwner: config.DEMO_PROPERTIES_PER_OWNER,
      startMonth: '2025-08',
      months,
      reservationsPerProperty: Math.max(12, months * 2),
    });
    hostifyUrl = sim.url;
    stopSim = sim.stop;
    logger.warn(
      { hostifySimulator: sim.url },
      'DEMO MODE: HOSTIFY_API_KEY is not set, so the built-in Hostify simulator serves generated demo owners, properties and reservations. Set HOSTIFY_API_KEY to use your real Hostify account.',
    );
  }

  // The servers this process needs may start after it: wait for them, with a log line per try.
  // SIGTERM while waiting just exits (nothing is open yet); a refusal stops the start.
  const exitWhileWaiting = () => process.exit(0);
  process.once('SIGTERM', exitWhileWaiting);
  process.once('SIGINT', exitWhileWaiting);
  if (config.DATABASE_URL)
    await waitForService(postgresProbe(config.DATABASE_URL, redactUrl(config.DATABASE_URL)), logger);
  if (jobEngine === 'bullmq-redis' && config.REDIS_URL)
    await waitForService(redisProbe(config.REDIS_URL, redactUrl(config.REDIS_URL)), logger);
  process.off('SIGTERM', exitWhileWaiting);
  process.off('SIGINT', exitWhileWaiting);

  const dbFile = resolve(join(config.DATA_DIR, 'owner-statements.sqlite'));
  const { db, dialect } = openDatabase({ databaseUrl: config.DATABASE_URL, sqliteFile: dbFile });

  // One Hostify rate limit for the whole installation: counted in Redis or PostgreSQL on the
  // distributed engines (every web and worker process shares it), in this process otherwise.
  // The PostgreSQL window's table comes with the migrations compose() applies before any call.
  const hostifyLogger = logger.child({ component: 'hostify' });
  const hostifyLimit = await createInstallationLimiter({
    store:
      jobEngine === 'bullmq-redis'
        ? { type: 'redis', redisUrl: config.REDIS_URL ?? '' }
        : jobEngine === 'bullmq-postgres'
          ? { type: 'postgres', db }
          : { type: 'local' },
    namespace: config.JOB_QUEUE_PREFIX,
    apiKey: hostifyKey ?? '',
    maxConcurrency: config.HOSTIFY_MAX_CONCURRENCY,
    maxRps: config.HOSTIFY_MAX_RPS,
    logger: hostifyLogger,
  });
  const hostify = createHostifyClient({
    baseUrl: hostifyUrl,
    apiKey: hostifyKey ?? '',
    limiter: hostifyLimit.limiter,
    timeoutMs: config.HOSTIFY_TIMEOUT_MS,
    logger: hostifyLogger,
  });
  const composition = await compose({
    db,
    hostify,
    clock: systemClock,
    logger,
    retentionHours: config.JOB_RETENTION_HOURS,
    ownerRoles: parseOwnerRoles(config.HOSTIFY_OWNER_ROLES),
    countedStatuses: config.COUNTED_STATUSES,
    session: { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: config.SESSION_MAX_HOURS },
    trustProxy: config.TRUST_PROXY,
    hostPolicy: hostPolicyFrom({
      ...(config.APP_URL ? { appUrl: config.APP_URL } : {}),
      host: config.HOST,
      allowedHosts: config.ALLOWED_HOSTS,
      interfaceAddresses: Object.values(networkInterfaces()).flatMap((list) =>
        (list ?? []).map((a) => a.address),
      ),
      machineName: hostname(),
    }),
    streamLimits: { perUser: config.SSE_MAX_STREAMS_PER_USER, total: config.SSE_MAX_STREAMS },
    pdfPool: { threads: config.PDF_POOL_THREADS, maxQueue: config.PDF_POOL_MAX_QUEUE },
    exportsPerMinute: config.EXPORT_RATE_PER_MINUTE,
    companyName: config.COMPANY_NAME,
    appUrl: config.APP_URL ?? `http://${config.HOST}:${config.PORT}`,
    mail: {
      smtpUrl: config.SMTP_URL,
      from: mailFrom(config),
      outboxDir: resolve(join(config.DATA_DIR, 'outbox')),
    },
    webRoot: webRoot(),
    jobBatchSize: config.JOB_BATCH_SIZE,
    // BullMQ: a web-only process enqueues and streams events, workers run the items.
    ...(jobEngine === 'local'
      ? {}
      : {
          engine: {
            kind: 'bullmq' as const,
            backend:
              jobEngine === 'bullmq-redis'
                ? { type: 'redis' as const, redisUrl: config.REDIS_URL ?? '' }
                : { type: 'postgres' as const, databaseUrl: config.DATABASE_URL ?? '' },
            runWorkers: config.ROLE !== 'web',
            prefix: config.JOB_QUEUE_PREFIX,
            concurrency: config.JOB_CONCURRENCY,
            lockMs: config.JOB_LOCK_MS,
          },
        }),
  });
  const { demo } = await composition.authService.bootstrap({
    adminEmail: config.ADMIN_EMAIL,
    adminPassword: config.ADMIN_PASSWORD,
    demo: isDemoMode(config),
  });
  if (demo) printDemoCredentials(demo, config);
  logger.info(
    { database: dialect === 'sqlite' ? dbFile : redactUrl(config.DATABASE_URL), role: config.ROLE },
    `store ready (${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`,
  );
  logger.info(
    {
      redis: jobEngine === 'bullmq-redis' ? redactUrl(config.REDIS_URL) : undefined,
      queuePrefix: jobEngine === 'local' ? undefined : config.JOB_QUEUE_PREFIX,
      role: config.ROLE,
    },
    {
      local: 'job engine: embedded',
      'bullmq-redis': 'job engine: BullMQ on Redis',
      'bullmq-postgres': 'job engine: BullMQ on PostgreSQL',
    }[jobEngine],
  );
  logger.info(
    {
      maxRps: config.HOSTIFY_MAX_RPS,
      maxConcurrency: config.HOSTIFY_MAX_CONCURRENCY,
      rateSharedIn: hostifyLimit.sharedIn,
    },
    hostifyLimit.sharedIn === 'process'
      ? 'Hostify rate limit: HOSTIFY_MAX_RPS and HOSTIFY_MAX_CONCURRENCY for this process (the whole installation)'
      : `Hostify rate limit: HOSTIFY_MAX_RPS shared by every process of the installation (${hostifyLimit.sharedIn}); HOSTIFY_MAX_CONCURRENCY per process`,
  );

  if (config.ROLE !== 'worker') await composition.app.listen({ port: config.PORT, host: config.HOST });
  if (config.ROLE !== 'web') await composition.start();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await composition.close();
      // After the items in flight finished: they still call Hostify through the limiter.
      await hostifyLimit.close();
      await stopSim?.();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `owner-statements failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
