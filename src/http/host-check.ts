/**
 * Refuses requests for a host this app is not (421 Misdirected Request), which closes DNS
 * rebinding: a hostile page whose name resolves to this server still sends its own name as Host.
 * Liveness and readiness probes (`config.anyHost`) answer whatever Host a load balancer sends.
 */
import type { FastifyInstance } from 'fastify';
import { type HostPolicy, isAllowedHost } from './host-policy.js';
import { HttpError } from './http-error.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answer any Host header (health probes address the pod or machine by IP). */
    anyHost?: boolean;
  }
}

export function installHostCheck(app: FastifyInstance, policy: HostPolicy): void {
  app.addHook('onRequest', async (request) => {
    if (!request.is404 && (request.routeOptions.config as { anyHost?: boolean } | undefined)?.anyHost) return;
    if (!isAllowedHost(policy, request.headers.host)) {
      throw new HttpError(
        421,
        'misdirected_request',
        'this server does not answer for that host name: open the app at its configured address (APP_URL)',
      );
    }
  });
}
