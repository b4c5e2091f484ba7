import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS } from '../lib/retry-budgets.js';
import { isTransientStatus, parseRetryAfterMs } from './retry.js';

describe('retry policy', () => {
  it('treats 408, 429 and 5xx as transient, other statuses not', () => {
    for (const s of [408, 429, 500, 502, 503, 504, 599]) expect(isTransientStatus(s)).toBe(true);
    for (const s of [200, 400, 401, 403, 404, 422]) expect(isTransientStatus(s)).toBe(false);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-10-01T12:00:00Z');
    expect(parseRetryAfterMs('1', now)).toBe(1000);
    expect(parseRetryAfterMs(' 2.5 ', now)).toBe(2500);
    expect(parseRetryAfterMs('Wed, 01 Oct 2025 12:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfterMs('Wed, 01 Oct 2025 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('99999', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfterMs('soon', now)).toBeNull();
    expect(parseRetryAfterMs(null, now)).toBeNull();
  });
});
