/** Liveness (the process answers) and readiness (its dependencies answer). */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { withTimeout } from '../../lib/with-timeout.js';
import type { AppDeps } from '../app-deps.js';
import { answer } from '../openapi/answers.js';

const CHECK_TIMEOUT_MS = 2000;
/** Probes need no credentials and answer any Host (load balancers address machines by IP). */
const PROBE = { auth: 'public', anyHost: true } as const;

const readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.record(z.string(), z.enum(['ok', 'unavailable'])),
});
const liveness = answer(
  z.object({ status: z.literal('ok'), version: z.string() }),
  'The process answers; `version` is the running release',
  { example: { status: 'ok', version: '0.1.0' } },
);

export const healthRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    app.get(
      '/healthz',
      { config: PROBE, schema: { tags: ['health'], summary: 'Liveness', response: { 200: liveness } } },
      async () => ({ status: 'ok', version: deps.version }),
    );

    app.get(
      '/readyz',
      {
        config: PROBE,
        schema: {
          tags: ['health'],
          summary: 'Readiness of the store and engines',
          response: {
            200: answer(readiness, 'Ready: every dependency answered', {
              example: { status: 'ready', checks: { database: 'ok', redis: 'ok' } },
            }),
            503: answer(
              readiness,
              'Not ready: a dependency failed or did not answer within 2 s (`checks` names it)',
              {
                example: { status: 'not_ready', checks: { database: 'ok', redis: 'unavailable' } },
              },
            ),
          },
        },
      },
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
