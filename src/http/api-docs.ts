/**
 * The API's documentation: the OpenAPI document at /docs/json (and /docs/yaml) built from the
 * routes' zod schemas, and the Swagger UI page at /docs. Public: it describes the API and holds
 * no data.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { publicScope } from './auth-plugin.js';
import { DOCS_CSP } from './content-security.js';
import { repairExampleArrays } from './openapi/example-arrays.js';
import { openApiTransform } from './openapi/transform.js';

export const DOCS_PREFIX = '/docs';

export async function installApiDocs(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Owner Statements API',
        version,
        description:
          'Money is integer cents of the statement currency (12500 = 125.00). Dates are ISO 8601: ' +
          'periods are calendar dates (2025-10-01), moments UTC timestamps (2025-11-03T10:24:00.102Z). ' +
          'Errors: `{ error: { code, message, details? } }`. ' +
          'Every /api route but login needs the session cookie or `Authorization: Bearer <token>`.',
      },
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token (ost_…) or a session token (oss_…)',
          },
          cookieAuth: { type: 'apiKey', in: 'cookie', name: 'os_session' },
        },
      },
      security: [{ bearerAuth: [] }, { cookieAuth: [] }],
    },
    transform: openApiTransform,
    transformObject: (documents) =>
      'openapiObject' in documents ? repairExampleArrays(documents.openapiObject) : documents.swaggerObject,
  });
  await app.register(
    publicScope(async (scope) => {
      // The page's own policy, sent by helmet like every other (see content-security.ts); set on
      // the route config because helmet's onRoute hook has run for these routes already.
      scope.addHook('onRoute', (route) => {
        route.config = {
          ...(route.config ?? {}),
          helmet: { contentSecurityPolicy: DOCS_CSP },
        } as typeof route.config;
      });
      await scope.register(swaggerUi, {
        routePrefix: DOCS_PREFIX,
        // BaseLayout: the operations without the standalone top bar (a URL box for loading other
        // documents, and a logo whose inline <style> the page's policy refuses).
        uiConfig: { layout: 'BaseLayout', deepLinking: true, displayRequestDuration: true },
      });
    }),
  );
}
