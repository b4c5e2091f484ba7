/**
 * Builds the Fastify application from its dependencies. It never listens: main.ts does, and tests
 * use inject() or listen on a random port themselves.
 */
import { maxHeaderSize } from 'node:http';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { installApiDocs } from './api-docs.js';
import type { AppDeps } from './app-deps.js';
import { installAuth } from './auth-plugin.js';
import { APP_CSP } from './content-security.js';
import { answerClientError, answerFrameworkError, installErrorHandling } from './error-handler.js';
import { installHostCheck } from './host-check.js';
import { loopbackHostPolicy } from './host-policy.js';
import { installPasswordChangeGate } from './password-change-gate.js';
import { OneLineLogController } from './request-log.js';
import { authRoutes } from './routes/auth-routes.js';
import { bulkRoutes } from './routes/bulk-routes.js';
import { catalogRoutes } from './routes/catalog-routes.js';
import { deliveryRoutes } from './routes/delivery-routes.js';
import { documentRoutes } from './routes/document-routes.js';
import { expenseImportRoutes } from './routes/expense-import-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { jobEventsRoute } from './routes/job-events-route.js';
import { jobRoutes } from './routes/job-routes.js';
import { lineReviewRoutes } from './routes/line-review-routes.js';
import { installMetrics } from './routes/metrics-route.js';
import { outboxRoutes } from './routes/outbox-routes.js';
import { ownerDeliveryRoutes } from './routes/owner-delivery-routes.js';
import { ownerRoutes } from './routes/owner-routes.js';
import { payoutReportRoutes } from './routes/payout-report-routes.js';
import { sendAllRoutes } from './routes/send-all-routes.js';
import { settingsRoutes } from './routes/settings-routes.js';
import { statementRoutes } from './routes/statement-routes.js';
import { tagRoutes } from './routes/tag-routes.js';
import { userRoutes } from './routes/user-routes.js';
import { fastifyTrustProxy } from './trust-proxy.js';
import { serveWebApp } from './web-app.js';

/** JSON bodies larger than this are refused with 413 (statements are generated, not uploaded). */
const BODY_LIMIT_BYTES = 64 * 1024;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: 'x-request-id',
    logController: new OneLineLogController(),
    trustProxy: fastifyTrustProxy(deps.trustProxy),
    // Fastify's own refusals (a bad percent-encoding, an oversized header) in our error format.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // The router's default refuses path parameters over 100 characters (414) before any route
    // runs; the routes judge their ids themselves (an unknown job id of any length is a 404),
    // and Node already bounds the whole request head by maxHeaderSize.
    routerOptions: { maxParamLength: maxHeaderSize },
  }).withTypeProvider<ZodTypeProvider>();
  const hostPolicy = deps.hostPolicy ?? loopbackHostPolicy;

  app.setValidatorCompiler(validatorCompiler);
  // Responses are plain JSON: the response schemas document the contract (OpenAPI) and the tests
  // hold responses to them, but serialising through zod on every status poll would cost latency.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  installErrorHandling(app);
  // JSON bodies only: a cross-site HTML form can send text/plain or form data, never JSON.
  app.removeContentTypeParser(['text/plain']);
  await app.register(helmet, { contentSecurityPolicy: APP_CSP });
  await app.register(cookie);
  installHostCheck(app, hostPolicy);
  installAuth(app, deps.authService, hostPolicy);
  installPasswordChangeGate(app);
  // API answers are never cached: they carry tokens (login), money and personal data.
  app.addHook('onSend', async (request, reply) => {
    const path = request.routeOptions.url ?? request.url;
    if (path.startsWith('/api') || request.is404) void reply.header('cache-control', 'no-store');
  });

  await installApiDocs(app, deps.version);

  await app.register(healthRoutes(deps));
  installMetrics(app, deps);
  await app.register(statementRoutes(deps));
  await app.register(lineReviewRoutes(deps));
  await app.register(documentRoutes(deps));
  await app.register(payoutReportRoutes(deps));
  await app.register(deliveryRoutes(deps));
  await app.register(sendAllRoutes(deps));
  await app.register(bulkRoutes(deps));
  await app.register(settingsRoutes(deps));
  await app.register(outboxRoutes(deps));
  await app.register(catalogRoutes(deps));
  await app.register(ownerDeliveryRoutes(deps));
  await app.register(ownerRoutes(deps));
  await app.register(expenseImportRoutes(deps));
  await app.register(tagRoutes(deps));
  await app.register(jobRoutes(deps));
  await app.register(jobEventsRoute(deps));
  await app.register(authRoutes(deps));
  await app.register(userRoutes(deps));
  await serveWebApp(app, deps.webRoot);
  return app;
}
