/**
 * The metrics /metrics serves, on prom-client: HTTP requests by status class, jobs by status,
 * Hostify requests sent, event-loop delay, and prom-client's default process metrics (CPU,
 * memory, heap, GC, handles). No ids, names or money: they are scraped without credentials.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { JobStats } from '../model/job-store.js';

/**
 * A registry of this app's own, not prom-client's global one: tests build many apps in one
 * process, and a second registration of a name on one registry throws.
 */
export function createMetricsRegistry(deps: {
  jobService: { stats(): Promise<JobStats> };
  hostifyRequests: () => number;
}): {
  registry: Registry;
  countRequest: (method: string, statusCode: number) => void;
  close: () => void;
} {
  const registry = new Registry();
  // Includes process_resident_memory_bytes, which this route wrote by hand before.
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'os_http_requests_total',
    help: 'HTTP requests answered, by method and status class.',
    labelNames: ['method', 'status'] as const,
    registers: [registry],
  });

  // Read at scrape time: the store is the truth (other processes run jobs too).
  new Gauge({
    name: 'os_jobs',
    help: 'Jobs in the store, by status.',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const stats = await deps.jobService.stats();
      this.reset();
      for (const [status, n] of Object.entries(stats.byStatus)) this.set({ status }, n);
    },
  });

  // The Hostify client counts its own requests; the counter shows that count when scraped.
  new Counter({
    name: 'os_hostify_requests_total',
    help: 'HTTP requests sent to Hostify by this process.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(deps.hostifyRequests());
    },
  });

  // Kept beside prom-client's nodejs_eventloop_lag_* so dashboards on the old name go on working.
  const loop = monitorEventLoopDelay({ resolution: 20 });
  loop.enable();
  new Gauge({
    name: 'os_event_loop_delay_seconds',
    help: 'Event-loop delay percentiles since start.',
    labelNames: ['quantile'] as const,
    registers: [registry],
    collect() {
      this.set({ quantile: '0.5' }, loop.percentile(50) / 1e9);
      this.set({ quantile: '0.99' }, loop.percentile(99) / 1e9);
    },
  });

  return {
    registry,
    countRequest: (method, statusCode) =>
      requests.inc({ method, status: `${Math.floor(statusCode / 100)}xx` }),
    close: () => {
      loop.disable();
      registry.clear();
    },
  };
}
