/**
 * GET /metrics in the Prometheus text format (the metrics are in ../metrics-registry.ts).
 * Public, like /healthz: it holds no ids, names or money.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { createMetricsRegistry } from '../metrics-registry.js';
import { nonJson } from '../openapi/answers.js';

/** Installed on the root instance (not as an encapsulated plugin) so it counts every request. */
export function installMetrics(app: FastifyInstance, deps: AppDeps): void {
  const metrics = createMetricsRegistry(deps);
  app.addHook('onClose', async () => metrics.close());
  app.addHook('onResponse', async (request, reply) => metrics.countRequest(request.method, reply.statusCode));

  app.get(
    '/metrics',
    {
      // Scraped without credentials, like /healthz; it holds no ids, names or money.
      config: { auth: 'public', anyHost: true },
      schema: {
        tags: ['health'],
        summary: 'Prometheus metrics',
        response: {
          200: nonJson('text/plain', 'The metrics in the Prometheus text format (0.0.4)', {
            example:
              '# HELP os_http_requests_total HTTP requests answered, by method and status class.\n# TYPE os_http_requests_total counter\nos_http_requests_total{method="GET",status="2xx"} 1843\n',
          }),
        },
      },
    },
    async (_request, reply) => {
      const text = await metrics.registry.metrics();
      return reply.type(metrics.registry.contentType).send(text);
    },
  );
}
