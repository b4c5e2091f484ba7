import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from './private-address.js';

describe('isPrivateAddress', () => {
  it('knows loopback, RFC 1918, link-local and unique-local addresses, IPv4-mapped too', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.1.1',
      '::1',
      'fd12::1',
      'fe80::1',
      '::ffff:10.0.0.1',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
  });

  it('refuses public addresses and things that are not addresses', () => {
    for (const a of [
      '8.8.8.8',
      '172.32.0.1',
      '203.0.113.7',
      '2001:db8::1',
      '::ffff:8.8.8.8',
      'localhost',
      '',
    ])
      expect(isPrivateAddress(a), a).toBe(false);
  });
});
