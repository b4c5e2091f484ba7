/**
 * Builds the Fastify application from its dependencies. It never listens: main.ts does, and tests
 * use inject() or listen on a random port themselves.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from './app-deps.js';
import { installErrorHandling } from './error-handler.js';
import { catalogRoutes } from './routes/catalog-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { jobEventsRoute } from './routes/job-events-route.js';
import { jobRoutes } from './routes/job-routes.js';
import { statementRoutes } from './routes/statement-routes.js';

/** JSON bodies larger than this are refused with 413 (statements are generated, not uploaded). */
const BODY_LIMIT_BYTES = 64 * 1024;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: 'x-request-id',
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // Responses are plain JSON: the response schemas document the contract (OpenAPI) and the tests
  // hold responses to them, but serialising through zod on every status poll would cost latency.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  installErrorHandling(app);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Owner Statements API',
        version: deps.version,
        description:
          'Money is integer cents of the statement currency. Errors: { error: { code, message, details? } }.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoutes(deps));
  await app.register(statementRoutes(deps));
  await app.register(catalogRoutes(deps));
  await app.register(jobRoutes(deps));
  await app.register(jobEventsRoute(deps));
  return app;
}
