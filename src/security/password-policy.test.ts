import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.js';

describe('passwordProblem', () => {
  it('accepts a long password of no known pattern', () => {
    expect(passwordProblem('correct-horse-battery-9174', 'ann@example.com')).toBeNull();
    expect(passwordProblem('Lantern-0-Quokka-71', 'admin@test.local')).toBeNull();
  });

  it('refuses common passwords from the bundled list, also with digits or symbols around them', () => {
    for (const p of [
      'qwerty123456',
      '1q2w3e4r5t6y',
      'passwordpassword',
      'Password123456!',
      'Summer2024!!!!',
    ]) {
      expect(passwordProblem(p, 'ann@example.com'), p).toMatch(/most common passwords/);
    }
  });

  it('refuses passwords containing the e-mail or its name part, whatever the case', () => {
    expect(passwordProblem('xx-ann.lee@example.com-xx', 'Ann.Lee@Example.com')).toMatch(/e-mail/);
    expect(passwordProblem('Ann.Lee-Holiday-7731', 'ann.lee@example.com')).toMatch(/e-mail/);
  });

  it('refuses short and repetitive passwords', () => {
    expect(passwordProblem('short-pw', 'a@b.c')).toMatch(/at least 12/);
    expect(passwordProblem('abababababababab', 'a@b.c')).toMatch(/too few characters/);
  });
});
