/** Liveness (the process answers) and readiness (its dependencies answer). */
import type { FastifyPluginAsync } from 'fastify';
import { withTimeout } from '../../lib/with-timeout.js';
import type { AppDeps } from '../app-deps.js';

const CHECK_TIMEOUT_MS = 2000;
/** Probes need no credentials and answer any Host (load balancers address machines by IP). */
const PROBE = { auth: 'public', anyHost: true } as const;

export const healthRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    app.get('/healthz', { config: PROBE, schema: { tags: ['health'], summary: 'Liveness' } }, async () => ({
      status: 'ok',
      version: deps.version,
    }));

    app.get(
      '/readyz',
      { config: PROBE, schema: { tags: ['health'], summary: 'Readiness of the store and engines' } },
      async (request, reply) => {
        const checks: Record<string, string> = {};
        let ready = true;
        // In parallel and bounded: a server that does not answer must not hang the probe.
        await Promise.all(
          deps.readiness.map(async (c) => {
            try {
              await withTimeout(c.check(), CHECK_TIMEOUT_MS, `no answer within ${CHECK_TIMEOUT_MS} ms`);
              checks[c.name] = 'ok';
            } catch (error) {
              ready = false;
              // The probe is public: it names the lost server, the log keeps the detail (an
              // error message may hold host names, users or addresses).
              checks[c.name] = 'unavailable';
              request.log.warn({ check: c.name, err: error }, 'readiness check failed');
            }
          }),
        );
        return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
      },
    );
  };
