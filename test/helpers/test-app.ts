/**
 * An application as users run it, for integration tests: a real SQLite file in a temporary
 * directory, the Hostify simulator over real HTTP, and a Fastify server listening on a random port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type ComposeOptions, type Composition, compose } from '../../src/compose.js';
import { openSqlite } from '../../src/db/database.js';
import { createHostifyClient } from '../../src/hostify/index.js';
import { startHostifySim } from '../../src/hostify-sim/index.js';
import { systemClock } from '../../src/lib/clock.js';
import { createLogger } from '../../src/lib/logger.js';

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
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<TestResponse>;
  /** Stops everything; the data directory is removed unless `keepData`. */
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
    compose?: Partial<Pick<ComposeOptions, 'retentionHours' | 'jobRetry' | 'engine' | 'clock'>>;
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
  const db = openSqlite({ filename: join(dataDir, 'owner-statements.sqlite') });
  const composition = await compose({
    db,
    hostify,
    clock: systemClock,
    logger,
    jobRetry: { baseMs: 5, maxMs: 50 },
    ...options.compose,
  });
  const address = await composition.app.listen({ port: 0, host: '127.0.0.1' });
  if (options.startEngine !== false) await composition.start();

  const request = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const init: RequestInit = { method, headers: { ...headers } };
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
    request,
    close: async (keepData = false) => {
      await composition.close();
      await sim.stop();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
