/**
 * The Hostify simulator: a real `node:http` server serving DESIGN.md §4 over a SimData set, with
 * injectable latency, rate limiting (429 + Retry-After), random 5xx faults and a per-request
 * script, and statistics (requests per path, max requests in flight, a request log) that tests
 * assert on. Used by the test suites, the benchmark and demo mode.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCollections, HttpError, isCollectionPath } from './collections.js';
import { FilterError } from './filters.js';
import { generateSimData, type SimDataOptions } from './generate.js';
import { mulberry32 } from './prng.js';
import type { SimData, SimFacts } from './types.js';

/** One scripted answer, consumed by the next request (of `path`, when given). */
export interface SimScriptStep {
  /** Only requests to this path (e.g. `/reservations`) consume the step. */
  path?: string;
  /** Extra delay before answering (on top of `latencyMs`); with no `status`, the request is then served normally. */
  latencyMs?: number;
  /** Answer with this status instead of serving (body `{success:false,error}` unless `body` is given). */
  status?: number;
  /** Retry-After header for this answer (default `1` for a 429). */
  retryAfter?: string;
  /** Raw body to answer with (JSON-encoded unless it is a string). With no `status`, 200. */
  body?: unknown;
}

/** Options that can change while the simulator runs (`setOptions`). */
export interface SimRuntimeOptions {
  /** The only key accepted in `x-api-key`. */
  apiKey: string;
  /** Delay before every answer. Default 0. */
  latencyMs: number;
  /** More than `rps` accepted requests in a sliding second → 429 with `Retry-After: 1`. Default null. */
  rateLimit: { rps: number } | null;
  /** 0..1: chance per request of a 500/502/503 (from the seeded RNG). Default 0. */
  faultRate: number;
  /** Serve every record regardless of `filters`/`listing_id` (a server whose filters don't work). */
  ignoreFilters: boolean;
  /** Scripted answers, consumed in order. */
  script: SimScriptStep[];
  /** Replace the dataset (facts become null). */
  data: SimData;
}

export interface HostifySimOptions extends SimDataOptions, Partial<Omit<SimRuntimeOptions, 'apiKey'>> {
  apiKey: string;
  /** 0 (default) = a random free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface SimRequestLogEntry {
  /** performance.now() at arrival, ms. */
  at: number;
  method: string;
  path: string;
  page: number | null;
  /** 0 until answered (or when the client went away first). */
  status: number;
  /** performance.now() when the answer was sent, ms; null until then (or when the client went away first). */
  answeredAt: number | null;
}

export interface SimStats {
  requests: number;
  byPath: Record<string, number>;
  /** 429 answers (rate limit or script). */
  rateLimited: number;
  /** 5xx answers injected (faultRate or script). */
  faults: number;
  inFlight: number;
  /** Highest number of requests in flight at once since start/reset. */
  maxInFlight: number;
  /** The last 10,000 requests, oldest first. */
  log: SimRequestLogEntry[];
}

export interface HostifySim {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Live object, mutated in place (safe to keep a reference). */
  stats: SimStats;
  /** The dataset being served (live: in-place changes are served; call setOptions({}) to drop cached filter results). */
  readonly data: SimData;
  /** Where the awkward cases are, for generated data; null for explicit `data`. */
  readonly facts: SimFacts | null;
  setOptions(partial: Partial<SimRuntimeOptions>): void;
  resetStats(): void;
}

const LOG_LIMIT = 10_000;

export async function startHostifySim(options: HostifySimOptions): Promise<HostifySim> {
  if (typeof options.apiKey !== 'string' || options.apiKey === '')
    throw new TypeError('startHostifySim: apiKey is required');
  let facts: SimFacts | null = null;
  let data: SimData;
  if (options.data) data = options.data;
  else ({ data, facts } = generateSimData(options));

  const runtime: Omit<SimRuntimeOptions, 'data'> = {
    apiKey: options.apiKey,
    latencyMs: options.latencyMs ?? 0,
    rateLimit: options.rateLimit ?? null,
    faultRate: options.faultRate ?? 0,
    ignoreFilters: options.ignoreFilters ?? false,
    script: [...(options.script ?? [])],
  };
  const faultRng = mulberry32(((options.seed ?? 1) ^ 0x9e3779b9) >>> 0);
  const stats: SimStats = {
    requests: 0,
    byPath: {},
    rateLimited: 0,
    faults: 0,
    inFlight: 0,
    maxInFlight: 0,
    log: [],
  };
  const acceptedTimes: number[] = []; // for the rate limit's sliding window
  const collections = createCollections();
  const pending = new Set<{ timer: ReturnType<typeof setTimeout>; resolve: () => void }>();
  let stopped = false;

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          pending.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      pending.add(entry);
    });

  function takeScriptStep(path: string): SimScriptStep | undefined {
    const i = runtime.script.findIndex((s) => s.path === undefined || s.path === path);
    return i === -1 ? undefined : runtime.script.splice(i, 1)[0];
  }

  function rateLimited(): boolean {
    if (runtime.rateLimit === null) return false;
    const now = performance.now();
    while (acceptedTimes.length > 0 && (acceptedTimes[0] ?? now) <= now - 1000) acceptedTimes.shift();
    if (acceptedTimes.length >= runtime.rateLimit.rps) return true;
    acceptedTimes.push(now);
    return false;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.resume();
    const url = new URL(req.url ?? '/', 'http://sim.local');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const pageText = url.searchParams.get('page');
    const entry: SimRequestLogEntry = {
      at: performance.now(),
      method: req.method ?? 'GET',
      path,
      page: pageText !== null && /^\d+$/.test(pageText) ? Number(pageText) : null,
      status: 0,
      answeredAt: null,
    };
    stats.requests += 1;
    stats.byPath[path] = (stats.byPath[path] ?? 0) + 1;
    stats.log.push(entry);
    if (stats.log.length > LOG_LIMIT) stats.log.splice(0, stats.log.length - LOG_LIMIT);
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    let gone = false;
    const done = () => {
      if (gone) return;
      gone = true;
      stats.inFlight -= 1;
    };
    res.once('finish', done);
    res.once('close', done);
    res.on('error', () => {}); // a client that went away is not our problem

    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (gone || res.headersSent) return;
      entry.status = status;
      entry.answeredAt = performance.now();
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const type = typeof body === 'string' && body.startsWith('<') ? 'text/html' : 'application/json';
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), ...headers });
      res.end(text);
    };
    const sendError = (status: number, message: string, headers: Record<string, string> = {}) =>
      send(status, { success: false, error: message }, headers);

    const step = takeScriptStep(path);
    const latency = runtime.latencyMs + (step?.latencyMs ?? 0);
    if (latency > 0) await delay(latency);
    if (stopped || gone) return;

    if (step?.status !== undefined) {
      const headers: Record<string, string> = {};
      if (step.status === 429) {
        stats.rateLimited += 1;
        headers['retry-after'] = step.retryAfter ?? '1';
      } else if (step.retryAfter !== undefined) headers['retry-after'] = step.retryAfter;
      if (step.status >= 500) stats.faults += 1;
      if (step.body !== undefined) send(step.status, step.body, headers);
      else sendError(step.status, `Scripted ${step.status}`, headers);
      return;
    }
    if (req.headers['x-api-key'] !== runtime.apiKey) {
      sendError(401, 'Invalid or missing API key');
      return;
    }
    if (rateLimited()) {
      stats.rateLimited += 1;
      sendError(429, 'Too many requests', { 'retry-after': '1' });
      return;
    }
    if (runtime.faultRate > 0 && faultRng() < runtime.faultRate) {
      stats.faults += 1;
      const status = [500, 502, 503][Math.floor(faultRng() * 3)] ?? 500;
      // A 502 comes from a proxy, as HTML: the client must not expect JSON on errors.
      if (status === 502) send(502, '<html><body><h1>502 Bad Gateway</h1></body></html>');
      else sendError(status, status === 503 ? 'Service temporarily unavailable' : 'Internal server error');
      return;
    }
    if (step?.body !== undefined) {
      send(200, step.body);
      return;
    }
    if (req.method !== 'GET') {
      sendError(isCollectionPath(path) ? 405 : 404, `${req.method} is not supported here`);
      return;
    }
    try {
      send(200, collections.serve(data, path, url.searchParams, runtime.ignoreFilters));
    } catch (error) {
      if (error instanceof HttpError) sendError(error.status, error.message);
      else if (error instanceof FilterError) sendError(400, error.message);
      else throw error;
    }
  }

  const server = createServer({ maxHeaderSize: 1 << 20 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ success: false, error: `simulator bug: ${String(error)}` }));
      }
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    stats,
    get data() {
      return data;
    },
    get facts() {
      return facts;
    },
    setOptions(partial) {
      const { data: newData, script, ...rest } = partial;
      Object.assign(runtime, rest);
      if (script !== undefined) runtime.script = [...script];
      if (newData !== undefined) {
        data = newData;
        facts = null;
      }
      collections.clearCache();
    },
    resetStats() {
      Object.assign(stats, {
        requests: 0,
        byPath: {},
        rateLimited: 0,
        faults: 0,
        maxInFlight: stats.inFlight,
      });
      stats.log.length = 0;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const p of pending) {
        clearTimeout(p.timer);
        p.resolve();
      }
      pending.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
