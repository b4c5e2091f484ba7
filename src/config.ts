/**
 * The one configuration schema (DESIGN.md §3). `loadConfig` is pure: it takes an environment
 * object, so tests can build configs; only `src/main.ts` passes `process.env`.
 */
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

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

export const configSchema = z.object({
  PORT: port.default(3003),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: urlWithScheme(['postgres', 'postgresql']),
  REDIS_URL: urlWithScheme(['redis', 'rediss']),
  ROLE: z.enum(['web', 'worker', 'all']).default('all'),
  HOSTIFY_API_URL: z.url({ protocol: /^https?$/ }).default('https://api-rms.hostify.com'),
  HOSTIFY_API_KEY: optionalString,
  HOSTIFY_MAX_CONCURRENCY: positiveInt.max(100).default(5),
  HOSTIFY_MAX_RPS: positiveInt.max(1000).default(10),
  HOSTIFY_TIMEOUT_MS: positiveInt.default(15_000),
  JOB_RETENTION_HOURS: z.coerce.number().positive().default(720),
  SMTP_URL: urlWithScheme(['smtp', 'smtps']),
  MAIL_FROM: optionalString,
  ADMIN_EMAIL: z.preprocess(emptyToUndefined, z.email().optional()),
  ADMIN_PASSWORD: z.preprocess(emptyToUndefined, z.string().min(12).optional()),
  SESSION_IDLE_MINUTES: positiveInt.default(8 * 60),
  SESSION_MAX_HOURS: positiveInt.default(7 * 24),
  /** Behind a reverse proxy that sets X-Forwarded-*: trust it (for https detection and client IPs). */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** The address users open the app at, for links in e-mails (default http://HOST:PORT). */
  APP_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  /** Shown on statement PDFs and e-mails. */
  COMPANY_NAME: z.string().trim().min(1).max(200).default('Owner Statements'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Demo mode only: size of the in-process simulator's data set. */
  DEMO_OWNERS: positiveInt.max(10_000).default(8),
  DEMO_PROPERTIES_PER_OWNER: positiveInt.max(100).default(4),
});

export type Config = z.infer<typeof configSchema>;

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

/** Demo mode: no Hostify key, so the built-in simulator stands in for Hostify. */
export const isDemoMode = (config: Config): boolean => config.HOSTIFY_API_KEY === undefined;
