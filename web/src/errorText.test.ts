import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WARNING_CODES } from '../../src/domain/types.js';
import { explainError, isExplained, isRetryable } from './errorText.js';

/** Every error code the server's use cases and HTTP layer raise, read from its sources. */
function serverErrorCodes(): Set<string> {
  const codes = new Set<string>();
  const patterns = [
    /new (?:DomainError|HttpError)\(\s*['\d\w]+,\s*'([a-z_]+)'/g,
    /unprocessable\(\s*'([a-z_]+)'/g,
    /conflict\([^;]*?,\s*'([a-z_]+)'\s*\)/gs,
    /super\('[a-z_]+', '([a-z_]+)'/g,
  ];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const re of patterns) for (const m of text.matchAll(re)) if (m[1]) codes.add(m[1]);
      }
    }
  };
  walk(join(__dirname, '../../src/services'));
  walk(join(__dirname, '../../src/http'));
  walk(join(__dirname, '../../src/security'));
  return codes;
}

describe('error explanations', () => {
  it('explain every code the server raises, every outcome code and every warning', () => {
    const codes = serverErrorCodes();
    // The scan must find the codes (a broken pattern would make this test pass for nothing).
    expect(codes.size).toBeGreaterThan(15);
    for (const c of ['finalized', 'no_activity', 'mixed_currency', 'invalid_data', ...WARNING_CODES])
      codes.add(c);
    for (const c of ['hostify_auth_failed', 'hostify_unavailable', 'mail_failed', 'delivery_unconfirmed'])
      codes.add(c);
    expect([...codes].filter((c) => !isExplained(c))).toEqual([]);
  });

  it('say what happened and what to do next, in sentences', () => {
    const e = explainError('mixed_currency');
    expect(e.what).toMatch(/currency/);
    expect(e.what).toMatch(/\.$/);
    expect(e.next).toMatch(/Hostify/);
  });

  it('offer a retry only where trying again can pass', () => {
    expect(isRetryable('hostify_unavailable')).toBe(true);
    expect(isRetryable('invalid_data')).toBe(true); // once corrected in Hostify
    expect(isRetryable('finalized')).toBe(false);
    expect(isRetryable('not_found')).toBe(false);
    expect(isRetryable('hostify_auth_failed')).toBe(false);
  });

  it('fall back to a generic explanation for an unknown code', () => {
    expect(explainError('something_new').what).toBe('Something went wrong.');
    expect(explainError(null).next).toMatch(/Try again/);
  });
});
