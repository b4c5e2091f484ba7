/**
 * Serves the built web app (dist/web) from the same origin as the API, so the session cookie
 * and the CSRF Origin check work without CORS. Unknown non-API paths get index.html: the app's
 * router decides what they show.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { publicScope } from './auth-plugin.js';

const API_PREFIXES = ['/api', '/docs', '/healthz', '/readyz', '/metrics'];

/**
 * Registers the static files when `root` holds a build, and the not-found handler: the app's
 * index.html for page paths when the app is served, the JSON error format otherwise.
 */
export async function serveWebApp(app: FastifyInstance, root: string | undefined): Promise<void> {
  const built = root !== undefined && existsSync(join(root, 'index.html'));
  if (root !== undefined && !built) {
    app.log.warn(
      { root },
      'web app not built: run `npm run build:web` (npm start does it); serving the API only',
    );
  }
  // The app's files are public: signing in happens inside it.
  if (built)
    await app.register(
      publicScope(async (scope) => {
        await scope.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: ['index.html'] });
      }),
    );
  const indexHtml = built ? readFileSync(join(root, 'index.html')) : undefined;
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isApi = API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
    if (indexHtml && request.method === 'GET' && !isApi && !/\.[a-z0-9]+$/i.test(path)) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    }
    return reply
      .status(404)
      .send({ error: { code: 'not_found', message: `no route for ${request.method} ${path}` } });
  });
}
