/**
 * Passwords (argon2id) and bearer secrets (random, stored as SHA-256). A secret is shown once,
 * when created; only its hash is kept.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash is a failed login, not a crash
  }
}

/** A hash that verifies no password: used to spend the same time when the user is unknown. */
let decoyHash: Promise<string> | undefined;
export const decoyPasswordHash = (): Promise<string> => {
  decoyHash ??= hash(randomBytes(16).toString('hex'));
  return decoyHash;
};

/** `ost_` API tokens and `oss_` session tokens: 32 random bytes, URL-safe. */
export const newSecret = (prefix: 'ost' | 'oss'): string =>
  `${prefix}_${randomBytes(32).toString('base64url')}`;

export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

/** A readable random password for generated accounts (demo admin, CLI without --password). */
export const newPassword = (): string => randomBytes(18).toString('base64url');
