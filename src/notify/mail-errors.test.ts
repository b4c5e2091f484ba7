import { describe, expect, it } from 'vitest';
import { isTransientMailError } from './mail-errors.js';

const err = (fields: Record<string, unknown>) => Object.assign(new Error('x'), fields);

describe('isTransientMailError', () => {
  it('retries connection trouble and 4xx answers', () => {
    expect(isTransientMailError(err({ code: 'ECONNECTION' }))).toBe(true);
    expect(isTransientMailError(err({ code: 'ETIMEDOUT' }))).toBe(true);
    expect(isTransientMailError(err({ code: 'EENVELOPE', responseCode: 451 }))).toBe(true);
  });
  it('does not retry 5xx answers or unknown errors', () => {
    expect(isTransientMailError(err({ code: 'EENVELOPE', responseCode: 550 }))).toBe(false);
    expect(isTransientMailError(err({ code: 'EAUTH', responseCode: 535 }))).toBe(false);
    expect(isTransientMailError(new Error('boom'))).toBe(false);
    expect(isTransientMailError(null)).toBe(false);
  });
});
