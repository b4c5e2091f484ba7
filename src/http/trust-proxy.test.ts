import { describe, expect, it } from 'vitest';
import { fastifyTrustProxy } from './trust-proxy.js';

describe('fastifyTrustProxy', () => {
  it('trusts N private hops for a hop count, never a public peer', () => {
    const trust = fastifyTrustProxy(2) as (address: string, hop: number) => boolean;
    expect(trust('127.0.0.1', 0)).toBe(true);
    expect(trust('10.0.0.7', 1)).toBe(true);
    expect(trust('10.0.0.7', 2)).toBe(false);
    // A client on the internet that reaches the port directly is not a proxy.
    expect(trust('203.0.113.7', 0)).toBe(false);
  });

  it('passes an address list and false through', () => {
    expect(fastifyTrustProxy(['10.0.0.5'])).toEqual(['10.0.0.5']);
    expect(fastifyTrustProxy(false)).toBe(false);
  });
});
