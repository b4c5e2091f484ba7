/**
 * Which Host headers and Origins belong to this app.
 *
 * The request's own `Host` header proves nothing: under DNS rebinding a page on `evil.example`
 * whose name now resolves to 127.0.0.1 sends `Host: evil.example:3003` and `Origin:
 * http://evil.example:3003`, which match each other. So hosts are checked against a list built from
 * the configuration (APP_URL, HOST, ALLOWED_HOSTS, and the loopback names), requests for any other
 * host get 421, and a cookie-authenticated write must come from APP_URL's origin — or, when APP_URL
 * is unset, from an allowed host name on the port the request actually arrived at.
 */
import type { FastifyRequest } from 'fastify';

export interface HostPolicy {
  /** APP_URL's origin (`https://statements.example.com`), when configured. */
  appOrigin?: string;
  /** Host names (no port, lower case; IPv6 without brackets) that this app answers for. */
  allowedHostnames: string[];
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** The policy used when nothing is configured (tests, a local start): loopback only. */
export const loopbackHostPolicy: HostPolicy = { allowedHostnames: [...LOOPBACK_NAMES] };

const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '']);

/**
 * The policy from the configuration. `interfaceAddresses` and `machineName` are the machine's
 * own (main.ts passes them): with HOST=0.0.0.0 and no APP_URL, the app is reached by them.
 */
export function hostPolicyFrom(input: {
  appUrl?: string;
  host: string;
  allowedHosts: string[];
  interfaceAddresses: string[];
  machineName: string;
}): HostPolicy {
  const names = new Set(LOOPBACK_NAMES);
  let appOrigin: string | undefined;
  if (input.appUrl) {
    const url = new URL(input.appUrl);
    appOrigin = url.origin;
    names.add(normalizeHostname(url.hostname));
  }
  if (WILDCARD_BINDS.has(input.host)) {
    if (!appOrigin) {
      for (const a of input.interfaceAddresses) names.add(normalizeHostname(a));
      names.add(normalizeHostname(input.machineName));
    }
  } else {
    names.add(normalizeHostname(input.host));
  }
  for (const h of input.allowedHosts) names.add(normalizeHostname(h));
  return { ...(appOrigin ? { appOrigin } : {}), allowedHostnames: [...names] };
}

function normalizeHostname(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

/** The host name of a Host header value (`example.com:3003`, `[::1]:3003`), or undefined. */
export function hostnameOf(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  try {
    return normalizeHostname(new URL(`http://${hostHeader}`).hostname);
  } catch {
    return undefined;
  }
}

export function isAllowedHost(policy: HostPolicy, hostHeader: string | undefined): boolean {
  const name = hostnameOf(hostHeader);
  return name !== undefined && policy.allowedHostnames.includes(name);
}

/** Whether `origin` (an Origin header, or a Referer's origin) is this app's. */
export function isAllowedOrigin(
  policy: HostPolicy,
  origin: string | undefined,
  request: FastifyRequest,
): boolean {
  if (!origin) return false;
  if (policy.appOrigin) return origin === policy.appOrigin;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (!policy.allowedHostnames.includes(normalizeHostname(url.hostname))) return false;
  // The port the request really arrived at, not one the client claims in Host.
  const arrivedAt = request.socket?.localPort;
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return arrivedAt === undefined || arrivedAt === port;
}
