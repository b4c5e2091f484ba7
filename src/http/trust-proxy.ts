/**
 * TRUST_PROXY as Fastify takes it. A hop count trusts the nearest N proxies only while each is on
 * a loopback or private address: a client that reaches the port directly from anywhere else
 * cannot forge its IP with X-Forwarded-For (Fastify itself trusts no one for a bare number).
 */
import type { TrustProxy } from '../config.js';
import { isPrivateAddress } from '../lib/private-address.js';

export type FastifyTrustProxy = boolean | string[] | ((address: string, hop: number) => boolean);

export function fastifyTrustProxy(trust: TrustProxy): FastifyTrustProxy {
  return typeof trust === 'number' ? (address, hop) => hop < trust && isPrivateAddress(address) : trust;
}
