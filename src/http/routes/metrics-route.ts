/**
 * GET /metrics in the Prometheus text format: HTTP requests by status class, jobs by status,
 * Hostify requests sent, event-loop delay and memory. No ids, names or money: it is scraped
 * without credentials, like /healthz.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';

/** Installed on the root instance (not as an encapsulated plugin) so it counts every request. */
export function installMetrics(app: FastifyInstance, deps: AppDeps): void {
  const requests = new Map<string, number>();
  const loop = monitorEventLoopDelay({ resolution: 20 });
  loop.enable();
  app.addHook('onClose', async () => loop.disable());
  app.addHook('onResponse', async (request, reply) => {
    const key = `${request.method} ${Math.floor(reply.statusCode / 100)}xx`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
  });

  app.get(
    '/metrics',
    {
      // Scraped without credentials, like /healthz; it holds no ids, names or money.
      config: { auth: 'public', anyHost: true },
      schema: { tags: ['health'], summary: 'Prometheus metrics' },
    },
    async (_request, reply) => {
      const stats = await deps.jobService.stats();
      const lines: string[] = [
        '# HELP os_http_requests_total HTTP requests answered, by method and status class.',
        '# TYPE os_http_requests_total counter',
        ...[...requests].map(([key, n]) => {
          const [method, status] = key.split(' ');
          return `os_http_requests_total{method="${method}",status="${status}"} ${n}`;
        }),
        '# HELP os_jobs Jobs in the store, by status.',
        '# TYPE os_jobs gauge',
        ...Object.entries(stats.byStatus).map(([status, n]) => `os_jobs{status="${status}"} ${n}`),
        '# HELP os_hostify_requests_total HTTP requests sent to Hostify by this process.',
        '# TYPE os_hostify_requests_total counter',
        `os_hostify_requests_total ${deps.hostifyRequests()}`,
        '# HELP os_event_loop_delay_seconds Event-loop delay percentiles since start.',
        '# TYPE os_event_loop_delay_seconds gauge',
        `os_event_loop_delay_seconds{quantile="0.5"} ${loop.percentile(50) / 1e9}`,
        `os_event_loop_delay_seconds{quantile="0.99"} ${loop.percentile(99) / 1e9}`,
        '# HELP process_resident_memory_bytes Resident memory size in bytes.',
        '# TYPE process_resident_memory_bytes gauge',
        `process_resident_memory_bytes ${process.memoryUsage().rss}`,
      ];
      return reply.type('text/plain; version=0.0.4').send(`${lines.join('\n')}\n`);
    },
  );
}
