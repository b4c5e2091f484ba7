/**
 * An application as users run it, for integration tests: a real SQLite file in a temporary
 * directory, the Hostify simulator over real HTTP, and a Fastify server listening on a random port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ROLES, type Role } from '../../src/auth/roles.js';
import { type ComposeOptions, type Composition, compose } from '../../src/compose.js';
import { createHostifyClient } from '../../src/hostify/index.js';
import { startHostifySim } from '../../src/hostify-sim/index.js';
import { systemClock } from '../../src/lib/clock.js';
import { createLogger } from '../../src/lib/logger.js';
import { createTestDatabase } from './test-database.js';
import { dropTestQueues, engineFor } from './test-engine.js';

export const TEST_HOSTIFY_KEY = 'test-hostify-key-4f1b2c';

type SimOptions = Parameters<typeof startHostifySim>[0];

export interface TestApp {
  baseUrl: string;
  sim: Awaited<ReturnType<typeof startHostifySim>>;
  composition: Composition;
  dataDir: string;
  /** Every log line the app wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  /** The raw log text (for secret scanning). */
  logText(): string;
  /** API tokens of one user per role (requests use the admin's unless told otherwise). */
  tokens: Record<Role, string>;
  /** Passwords of those users (e-mail: `<role>@test.local`). */
  passwords: Record<Role, string>;
  /**
   * An HTTP request as the admin. Pass `authorization` in headers to act as someone else, or
   * `authorization: ''` to send no credentials.
   */
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<TestResponse>;
  /** The same, as the user of a role. */
  as(
    role: Role,
  ): (
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<TestResponse>;
  /** With TEST_DB=postgres, the database's name (to restart on it). */
  databaseName: string | undefined;
  /** Stops everything; the data directory (and test database) is removed unless `keepData`. */
  close(keepData?: boolean): Promise<void>;
}

export interface TestResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
  body: any;
  text: string;
  headers: Headers;
}

export async function startTestApp(
  options: {
    sim?: Partial<SimOptions>;
    hostifyKey?: string;
    retryBaseMs?: number;
    maxRetries?: number;
    /** Reuse a data directory (a restart of the same installation). */
    dataDir?: string;
    /** With TEST_DB=postgres: reuse that database (a restart of the same installation). */
    databaseName?: string;
    compose?: Partial<
      Pick<
        ComposeOptions,
        | 'retentionHours'
        | 'onDemandSync'
        | 'jobRetry'
        | 'jobBatchSize'
        | 'engine'
        | 'clock'
        | 'session'
        | 'loginLimits'
        | 'rateLimitStore'
        | 'generationLimit'
        | 'webRoot'
        | 'mail'
        | 'appUrl'
        | 'schedulePollMs'
        | 'sseHeartbeatMs'
        | 'hostPolicy'
        | 'trustProxy'
        | 'sseAuthCheckMs'
        | 'sseStallMs'
        | 'streamLimits'
        | 'pdfPool'
        | 'exportsPerMinute'
        | 'ownerRoles'
        | 'countedStatuses'
      >
    >;
    /** Start the job engine (default true). */
    startEngine?: boolean;
  } = {},
): Promise<TestApp> {
  const sim = await startHostifySim({ apiKey: TEST_HOSTIFY_KEY, ...options.sim });
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'owner-statements-test-'));
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('debug', sink);
  const hostify = createHostifyClient({
    baseUrl: sim.url,
    apiKey: options.hostifyKey ?? TEST_HOSTIFY_KEY,
    maxConcurrency: 5,
    maxRps: 1000,
    timeoutMs: 5000,
    retryBaseMs: options.retryBaseMs ?? 5,
    retryMaxMs: 50,
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    logger,
  });
  const store = await createTestDatabase(dataDir, options.databaseName);
  const db = store.db;
  const composition = await compose({
    db,
    hostify,
    clock: systemClock,
    logger,
    jobRetry: { baseMs: 5, maxMs: 50 },
    mail: { outboxDir: join(dataDir, 'outbox'), from: 'statements@test.local' },
    // Tests generate far more often than people do; the limit has its own test.
    generationLimit: { max: 100_000, windowMs: 60_000 },
    // The same for exports (ZIPs, list CSVs).
    exportsPerMinute: 100_000,
    ...options.compose,
    engine: engineFor(dataDir, options.compose?.engine),
  });
  const tokens = {} as Record<Role, string>;
  const passwords = {} as Record<Role, string>;
  for (const role of ROLES) {
    const email = `${role}@test.local`;
    // Not containing the e-mail's name part (the password policy refuses that).
    const password = `Lantern-${ROLES.indexOf(role)}-Quokka-71`;
    const existing = await composition.users.findByEmail(email);
    const user = existing ?? (await composition.userService.create({ email, role, password }, null)).user;
    passwords[role] = password;
    tokens[role] = (await composition.authService.createApiToken(user.id, 'tests')).token;
  }
  const address = await composition.app.listen({ port: 0, host: '127.0.0.1' });
  if (options.startEngine !== false) await composition.start();

  const request = async (
    method: string,
    path: string,
    body?: unknown,
    given: Record<string, string> = {},
  ) => {
    const headers: Record<string, string> = { authorization: `Bearer ${tokens.admin}`, ...given };
    if (headers.authorization === '') delete headers.authorization;
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${address}${path}`, init);
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  };

  return {
    baseUrl: address,
    sim,
    composition,
    dataDir,
    get logs() {
      return chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    logText: () => chunks.join(''),
    tokens,
    passwords,
    request,
    as:
      (role: Role) =>
      (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
        request(method, path, body, { authorization: `Bearer ${tokens[role]}`, ...headers }),
    databaseName: store.url ? new URL(store.url).pathname.slice(1) : undefined,
    close: async (keepData = false) => {
      await composition.close();
      await sim.stop();
      if (!keepData) {
        rmSync(dataDir, { recursive: true, force: true });
        await store.drop();
        await dropTestQueues(dataDir);
      }
    },
  };
}
