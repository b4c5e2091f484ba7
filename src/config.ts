/**
 * The one configuration schema (DESIGN.md §3). `loadConfig` is pure: it takes an environment
 * object, so tests can build configs; only `src/main.ts` passes `process.env`.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { HOSTIFY_TIMEOUT_MS } from './lib/retry-budgets.js';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

/**
 * The sender of every e-mail when MAIL_FROM is unset, which is allowed without SMTP_URL only
 * (demo mode: the mails go to the outbox). A reserved .test domain: it can never be a real
 * mailbox, and unlike statements@localhost it reads as a sender. The company's name is put in
 * front of it (src/notify/mailer.ts).
 */
export const DEMO_MAIL_FROM = 'statements@demo.owner-statements.test';

const isEmail = (v: string) => z.email().safeParse(v).success;
/** `statements@acme.test`, or with a display name: `Acme Rentals <statements@acme.test>`. */
export function isMailFrom(value: string): boolean {
  const named = /^[^<>]*<([^<>]+)>$/.exec(value);
  return isEmail(named ? (named[1] ?? '') : value);
}

const urlWithScheme = (schemes: string[]) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(
        (v) => {
          try {
            return schemes.includes(new URL(v).protocol.replace(/:$/, ''));
          } catch {
            return false;
          }
        },
        `must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`,
      )
      .optional(),
  );

export const configSchema = z
  .object({
    PORT: port.default(3003),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: urlWithScheme(['postgres', 'postgresql']),
    REDIS_URL: urlWithScheme(['redis', 'rediss']),
    ROLE: z.enum(['web', 'worker', 'all']).default('all'),
    /**
     * Which job engine runs bulk work. Unset: BullMQ on Redis when REDIS_URL is set, else the
     * embedded engine. `bullmq-postgres` keeps BullMQ's queues in the DATABASE_URL database.
     */
    JOB_ENGINE: z.preprocess(
      emptyToUndefined,
      z.enum(['local', 'bullmq-redis', 'bullmq-postgres']).optional(),
    ),
    /** BullMQ: the queues' namespace (Redis key prefix, or PostgreSQL schema), shared by one installation. */
    JOB_QUEUE_PREFIX: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,40}$/, 'lower-case letters, digits, "_" or "-", starting with a letter')
      .default('owner-statements'),
    /** BullMQ: batches of work items one worker process runs at once. */
    JOB_CONCURRENCY: positiveInt.max(64).default(4),
    /** Properties per batch of a bulk job: one unit of queue work and one transaction. */
    JOB_BATCH_SIZE: positiveInt.max(500).default(25),
    /** BullMQ: how long a worker holds a batch; a killed worker's batches are taken over after about 1.5× this. */
    JOB_LOCK_MS: positiveInt.min(1000).max(600_000).default(30_000),
    HOSTIFY_API_URL: z.url({ protocol: /^https?$/ }).default('https://api-rms.hostify.com'),
    HOSTIFY_API_KEY: optionalString,
    HOSTIFY_MAX_CONCURRENCY: positiveInt.max(100).default(5),
    HOSTIFY_MAX_RPS: positiveInt.max(1000).default(10),
    HOSTIFY_TIMEOUT_MS: positiveInt.default(HOSTIFY_TIMEOUT_MS),
    /** Comma-separated role names that make an active Hostify user an owner; unset = any role containing the word "owner" (DESIGN.md §4). */
    HOSTIFY_OWNER_ROLES: optionalString,
    /** Comma-separated reservation statuses a statement counts (DESIGN.md §5). */
    COUNTED_STATUSES: z
      .preprocess(emptyToUndefined, z.string().default('accepted,confirmed,checked_in,completed'))
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim().toLowerCase())
          .filter((s) => s !== ''),
      )
      .refine((list) => list.length > 0, 'must name at least one status'),
    JOB_RETENTION_HOURS: z.coerce.number().positive().default(720),
    SMTP_URL: urlWithScheme(['smtp', 'smtps']),
    /** The sender of statements and notifications: an address, or `Name <address>`. */
    MAIL_FROM: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .refine(
          isMailFrom,
          'must be an e-mail address, or a name and address: Acme Rentals <statements@acme.test>',
        )
        .optional(),
    ),
    ADMIN_EMAIL: z.preprocess(emptyToUndefined, z.email().optional()),
    ADMIN_PASSWORD: z.preprocess(emptyToUndefined, z.string().min(12).optional()),
    SESSION_IDLE_MINUTES: positiveInt.default(8 * 60),
    SESSION_MAX_HOURS: positiveInt.default(7 * 24),
    /**
     * Behind a reverse proxy that sets X-Forwarded-*: which proxies to believe (for https detection
     * and client IPs). `false` (default), a hop count (`1` = the nearest proxy), or the proxies'
     * addresses/CIDRs (`10.0.0.5,10.1.0.0/16`, also `loopback`). `true` is refused: it would believe
     * any client's X-Forwarded-For, voiding per-IP limits and forging audit IPs.
     */
    TRUST_PROXY: z
      .string()
      .trim()
      .default('false')
      .transform((v, ctx): TrustProxy => {
        const parsed = parseTrustProxy(v);
        if (typeof parsed === 'string') {
          ctx.addIssue({ code: 'custom', message: parsed });
          return z.NEVER;
        }
        return parsed;
      }),
    /** More host names the app answers for (comma-separated), besides APP_URL's, HOST and loopback. */
    ALLOWED_HOSTS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((h) => h.trim())
          .filter(Boolean),
      ),
    /** The address users open the app at, for links in e-mails (default http://HOST:PORT). */
    APP_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
    /** Shown on statement PDFs and e-mails. */
    COMPANY_NAME: z.string().trim().min(1).max(200).default('Owner Statements'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Job event streams (SSE) one user may hold open at once; more answer 429 too_many_streams. */
    SSE_MAX_STREAMS_PER_USER: positiveInt.max(1000).default(10),
    /** Job event streams this process serves at once, for all users; more answer 429 too_many_streams. */
    SSE_MAX_STREAMS: positiveInt.max(100_000).default(500),
    /** Worker threads that render statement PDFs and ZIPs (off the event loop); at most this many at once. */
    PDF_POOL_THREADS: positiveInt.max(32).default(2),
    /** PDF/ZIP renderings that may wait for a thread; more answer 429 renderer_busy. */
    PDF_POOL_MAX_QUEUE: positiveInt.max(10_000).default(16),
    /** Heavy exports (ZIP of PDFs, list CSV) one user may start per minute; more answer 429 too_many_exports. */
    EXPORT_RATE_PER_MINUTE: positiveInt.max(10_000).default(10),
    /** Demo mode only: size of the in-process simulator's data set. */
    DEMO_OWNERS: positiveInt.max(10_000).default(8),
    DEMO_PROPERTIES_PER_OWNER: positiveInt.max(100).default(4),
  })
  .superRefine((c, ctx) => {
    // Real mail needs a real sender: a made-up one is refused or filed as spam by owners' servers.
    if (c.SMTP_URL && !c.MAIL_FROM)
      ctx.addIssue({
        code: 'custom',
        path: ['MAIL_FROM'],
        message: 'is required with SMTP_URL: the address owners receive their statements from',
      });
  });

export type Config = z.infer<typeof configSchema>;

/** Fastify's `trustProxy`: nobody, the nearest N hops, or these addresses/CIDRs. */
export type TrustProxy = false | number | string[];

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (PROXY_KEYWORDS.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  // A /0 (or anything wider than a /8) trusts most of the internet: as good as `true`.
  return Number(prefix) >= 8 && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** TRUST_PROXY's value, or a message saying what is wrong with it. */
export function parseTrustProxy(value: string): TrustProxy | string {
  if (value === '' || value === 'false') return false;
  if (value === 'true')
    return 'true would trust any X-Forwarded-For header (clients could forge their IP): give the number of proxies in front of the app (e.g. 1) or their addresses/CIDRs (e.g. 10.0.0.5,10.1.0.0/16 or loopback)';
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops >= 1 && hops <= 10 ? hops : 'a hop count must be between 1 and 10';
  }
  const entries = value.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  if (bad.length > 0)
    return `not an IP address, CIDR or keyword (loopback, linklocal, uniquelocal): ${bad.join(', ')}`;
  return entries;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; throws ConfigError naming every bad variable and what it allows. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '?');
        const shown =
          name.includes('PASSWORD') || name.includes('KEY') ? '(hidden)' : JSON.stringify(env[name]);
        return `${name}=${shown}: ${issue.message}`;
      }),
    );
  }
  return parsed.data;
}

export type JobEngineName = 'local' | 'bullmq-redis' | 'bullmq-postgres';

/** The engine the configuration selects, or why it cannot run. */
export function selectJobEngine(config: Config): { engine: JobEngineName } | { problem: string } {
  const engine = config.JOB_ENGINE ?? (config.REDIS_URL ? 'bullmq-redis' : 'local');
  if (engine === 'bullmq-redis' && !config.REDIS_URL)
    return { problem: 'JOB_ENGINE=bullmq-redis needs REDIS_URL' };
  if (engine === 'bullmq-postgres' && !config.DATABASE_URL)
    return { problem: 'JOB_ENGINE=bullmq-postgres needs DATABASE_URL (a PostgreSQL database)' };
  if (engine === 'local' && config.ROLE !== 'all')
    return {
      problem: `ROLE=${config.ROLE} needs a distributed job engine (REDIS_URL, or JOB_ENGINE=bullmq-postgres with DATABASE_URL): the embedded engine runs only with ROLE=all`,
    };
  return { engine };
}

/** Who e-mails come from: MAIL_FROM, or in demo mode (no SMTP_URL) DEMO_MAIL_FROM. */
export const mailFrom = (config: Config): string => config.MAIL_FROM ?? DEMO_MAIL_FROM;

/** Demo mode: no Hostify key, so the built-in simulator stands in for Hostify. */
export const isDemoMode = (config: Config): boolean => config.HOSTIFY_API_KEY === undefined;
