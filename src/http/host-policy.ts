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

/** A Host header as RFC 9110 allows it: a name or IPv4 address, or a bracketed IPv6, and a port. */
const HOST_HEADER =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** The host name of a Host header value (`example.com:3003`, `[::1]:3003`), or undefined. */
export function hostnameOf(hostHeader: string | undefined): string | undefined {
  // Anything else (`evil@localhost`, `localhost/x`) is refused rather than parsed leniently.
  if (!hostHeader || !HOST_HEADER.test(hostHeader)) return undefined;
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
  // An Origin is exactly scheme://host[:port] (no user info or path), over the request's scheme.
  if (url.origin !== origin.toLowerCase()) return false;
  if (url.protocol !== `${request.protocol}:`) return false;
  if (!policy.allowedHostnames.includes(normalizeHostname(url.hostname))) return false;
  // A port this server really listens on, not one the client claims in Host. Read from the
  // server, not from the socket: a socket the client has reset no longer knows its port.
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return request.server.addresses().some((a) => typeof a !== 'string' && a.port === port);
}
