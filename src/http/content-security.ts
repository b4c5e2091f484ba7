/**
 * Content-Security-Policy directives, given to helmet (which adds its defaults: base-uri,
 * form-action, frame-ancestors, object-src 'none', script-src-attr 'none', …).
 *
 * Two policies, both sent by helmet: the app's for every route, and the API docs page's for the
 * routes of `/docs`. They differ only in styles. Swagger UI's own `staticCSP` is not used: it
 * replaces helmet's header with a looser one (`style-src https:`, an external image host) that
 * still blocks the page's one inline style.
 */
import type { FastifyHelmetOptions } from '@fastify/helmet';

type CspOptions = Exclude<FastifyHelmetOptions['contentSecurityPolicy'], boolean | undefined>;

const appDirectives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
};

export const APP_CSP: CspOptions = { directives: appDirectives };

/**
 * `/docs` loads swagger-ui's files from this server and nothing inline. Its only inline style is
 * the Swagger logo's SVG in the standalone top bar, which the page does not show (the docs use
 * swagger-ui's BaseLayout, see api-docs.ts), so styles come from files only; the browser test
 * (test/e2e/api-docs.test.ts) fails on any violation.
 */
export const DOCS_CSP: CspOptions = { directives: { ...appDirectives, styleSrc: ["'self'"] } };
