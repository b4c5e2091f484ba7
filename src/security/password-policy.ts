/**
 * Which passwords we accept: 12 to 200 characters, not one of the most common passwords (the
 * ~49,000 of zxcvbn's list, compiled from published breaches, bundled in
 * `@zxcvbn-ts/language-common`; nothing is fetched), not such a password with digits or symbols
 * around it ("Password123!"), not a run of a few characters, and not containing the account's
 * e-mail or its local part. The same rule for every way a password is set: user creation, an
 * admin's reset, one's own change, the CLI and ADMIN_PASSWORD.
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { normalizeEmail } from '../db/repositories/user-repository.js';
import { DomainError } from '../services/errors.js';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

let common: Set<string> | undefined;
const commonPasswords = (): Set<string> => {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
};

/** Why `password` is refused for the account `email`, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  // The core without leading or trailing digits and symbols: "Summer2024!!" is "summer".
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  if (commonPasswords().has(lower) || (core.length >= 4 && commonPasswords().has(core))) {
    return 'is one of the most common passwords (found in published breaches); choose another';
  }
  if (new Set(lower).size < 5) return 'repeats too few characters; choose a longer mix';
  const address = normalizeEmail(email);
  const local = address.split('@')[0] ?? '';
  if (lower.includes(address) || (local.length >= 3 && lower.includes(local))) {
    return 'must not contain your e-mail address or its name part';
  }
  return null;
}

/** Throws an invalid-input `weak_password` naming the problem. */
export function assertAcceptablePassword(password: string, email: string, field = 'password'): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new DomainError('invalid', 'weak_password', `${field} ${problem}`);
}
