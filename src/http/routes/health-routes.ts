/** Liveness (the process answers) and readiness (its dependencies answer). */
import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../app-deps.js';

export const healthRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    app.get('/healthz', { schema: { tags: ['health'], summary: 'Liveness' } }, async () => ({
      status: 'ok',
      version: deps.version,
    }));

    app.get(
      '/readyz',
      { schema: { tags: ['health'], summary: 'Readiness of the store and engines' } },
      async (_request, reply) => {
        const checks: Record<string, string> = {};
        let ready = true;
        for (const c of deps.readiness) {
          try {
            await c.check();
            checks[c.name] = 'ok';
          } catch (error) {
            ready = false;
            checks[c.name] = error instanceof Error ? error.message : 'failed';
          }
        }
        return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
      },
    );
  };
