import { describe, expect, it } from 'vitest';
import { ApiError } from './api.js';
import { humanizeIssue, mapApiError } from './fieldErrors.js';

const validation = (details: Array<{ path: string; message: string }>) =>
  new ApiError(400, 'validation_error', `${details[0]?.path}: ${details[0]?.message}`, details);

describe('humanizeIssue', () => {
  // The messages the API really sends (src/contract, zod), as the forms must show them.
  it.each([
    ['endDate', 'endDate must not be before startDate', 'End date must be on or after the start date.'],
    [
      'endDate',
      'the period must be at most 366 days (it is 639)',
      'The period can be at most 366 days; this one has 639.',
    ],
    ['startDate', 'must be a date that exists', 'Start date must be a date that exists.'],
    ['endDate', 'must be an ISO date YYYY-MM-DD', 'End date must be a date, such as 2025-10-31.'],
    ['email', 'must be an e-mail address', 'E-mail must be an e-mail address, such as name@example.com.'],
    ['password', 'must be at least 12 characters', 'Password must be at least 12 characters.'],
    ['name', 'Too small: expected string to have >=1 characters', 'Name must not be empty.'],
    [
      'description',
      'Too big: expected string to have <=500 characters',
      'Description can be at most 500 characters.',
    ],
    ['amount', 'must be whole cents', 'Amount can have at most two decimals.'],
    ['amount', 'must be positive', 'Amount must be more than zero.'],
    [
      'calculationType',
      'Invalid option: expected one of "checkout"|"checkin"|"calendar"',
      'Choose the calculation type from the list.',
    ],
    ['body.ownerId', 'must contain only letters, digits, _ and -', 'Choose the owner from the list.'],
    [
      'newPassword',
      'newPassword is one of the most common passwords (found in published breaches); choose another',
      'New password is one of the most common passwords (found in published breaches); choose another.',
    ],
    ['commissionPercent', 'must have at most 2 decimals', 'Commission must have at most 2 decimals.'],
    ['someNewField', 'must be shorter', 'Some new field must be shorter.'],
  ])('%s: %s', (path, message, expected) => {
    expect(humanizeIssue(path, message)).toBe(expected);
  });

  it("uses the form's own label", () => {
    expect(
      humanizeIssue('currentPassword', 'Too small: expected string to have >=1 characters', {
        currentPassword: 'One-time password',
      }),
    ).toBe('One-time password must not be empty.');
  });
});

describe('mapApiError', () => {
  it('puts each issue under its field (the first per field), the rest for the form', () => {
    const error = validation([
      { path: 'ownerId', message: 'must not be empty' },
      { path: 'ownerId', message: 'must contain only letters, digits, _ and -' },
      { path: 'endDate', message: 'endDate must not be before startDate' },
      { path: 'propertyId', message: 'propertyId cannot be combined with ownerId "all"' },
    ]);
    expect(mapApiError(error, ['ownerId', 'startDate', 'endDate'])).toEqual({
      fields: {
        ownerId: 'Owner must not be empty.',
        endDate: 'End date must be on or after the start date.',
      },
      form: 'Property cannot be combined with owner "all".',
    });
  });

  it('reads the path from the message when there are no details', () => {
    const error = new ApiError(400, 'validation_error', 'endDate: endDate must not be before startDate');
    expect(mapApiError(error, ['endDate']).fields).toEqual({
      endDate: 'End date must be on or after the start date.',
    });
  });

  it('puts a code that concerns one field under it', () => {
    const error = new ApiError(409, 'email_taken', 'a user with e-mail ann@example.com already exists');
    expect(mapApiError(error, ['email', 'role'], { codeFields: { email_taken: 'email' } })).toEqual({
      fields: { email: 'A user with e-mail ann@example.com already exists.' },
      form: null,
    });
  });

  it('explains other errors with what happened and the next step', () => {
    expect(mapApiError(new ApiError(422, 'finalized', 'statement stm_1 is final'), ['endDate'])).toEqual({
      fields: {},
      form: 'A final or sent statement already exists for this property and period, and it is never overwritten. Move it back to draft first if it must be generated again.',
    });
    const limited = new ApiError(429, 'too_many_attempts', 'try again in 30 s', { retryAfterSeconds: 30 });
    expect(mapApiError(limited, []).form).toBe('Too many failed sign-ins. Try again in 30 seconds.');
    // The client's own errors (no server code to explain) keep their message.
    const offline = new ApiError(
      0,
      'network_error',
      'Cannot reach the server. Check your connection and try again.',
    );
    expect(mapApiError(offline, []).form).toBe(
      'Cannot reach the server. Check your connection and try again.',
    );
    expect(mapApiError(new Error('boom'), []).form).toBe('boom');
  });
});
