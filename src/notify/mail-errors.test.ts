import { describe, expect, it } from 'vitest';
import { isTransientMailError } from './mail-errors.js';

const err = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

describe('isTransientMailError', () => {
  it('retries 4xx answers and connections that were never made', () => {
    expect(isTransientMailError(err('x', { code: 'EENVELOPE', responseCode: 451 }))).toBe(true);
    expect(isTransientMailError(err('connect ECONNREFUSED 127.0.0.1:25', { code: 'ESOCKET' }))).toBe(true);
    expect(isTransientMailError(err('getaddrinfo ENOTFOUND smtp.example', { code: 'EDNS' }))).toBe(true);
    expect(isTransientMailError(err('Connection timeout', { code: 'ETIMEDOUT' }))).toBe(true);
    expect(isTransientMailError(err('Greeting never received', { code: 'ETIMEDOUT' }))).toBe(true);
  });
  it('does not retry a connection lost once talking: the message may have been accepted', () => {
    expect(isTransientMailError(err('Timeout', { code: 'ETIMEDOUT' }))).toBe(false);
    expect(isTransientMailError(err('Connection closed unexpectedly', { code: 'ECONNECTION' }))).toBe(false);
    expect(isTransientMailError(err('read ECONNRESET', { code: 'ESOCKET' }))).toBe(false);
  });
  it('does not retry 5xx answers or unknown errors', () => {
    expect(isTransientMailError(err('x', { code: 'EENVELOPE', responseCode: 550 }))).toBe(false);
    expect(isTransientMailError(err('x', { code: 'EAUTH', responseCode: 535 }))).toBe(false);
    expect(isTransientMailError(new Error('boom'))).toBe(false);
    expect(isTransientMailError(null)).toBe(false);
  });
});
