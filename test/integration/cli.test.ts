/** The command-line tool on a real installation directory. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashSecret, verifyPassword } from '../../src/auth/secrets.js';
import { openSqlite } from '../../src/db/database.js';
import { CredentialRepository } from '../../src/db/repositories/credential-repository.js';
import { UserRepository } from '../../src/db/repositories/user-repository.js';

const dataDir = mkdtempSync(join(tmpdir(), 'owner-statements-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 30_000,
  });

async function withStore<T>(
  fn: (users: UserRepository, credentials: CredentialRepository) => Promise<T>,
): Promise<T> {
  const db = openSqlite({ filename: join(dataDir, 'owner-statements.sqlite') });
  try {
    return await fn(new UserRepository(db), new CredentialRepository(db));
  } finally {
    await db.destroy();
  }
}

describe('npm run cli', () => {
  it('creates a user with a generated password shown once, and refuses a duplicate', async () => {
    const run = cli('users', 'create', '--email', 'Ann@Example.com', '--role', 'editor');
    expect(run.status).toBe(0);
    const password = /password \(shown once\): (\S+)/.exec(run.stdout)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    const login = await withStore((users) => users.findForLogin('ann@example.com'));
    expect(login?.user.role).toBe('editor');
    expect(await verifyPassword(login?.passwordHash ?? '', password)).toBe(true);

    const again = cli('users', 'create', '--email', 'ann@example.com', '--role', 'viewer');
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists');
  });

  it('stores a user name without bidirectional control characters', async () => {
    const run = cli(
      'users',
      'create',
      '--email',
      'rlo@example.com',
      '--role',
      'viewer',
      '--name',
      '\u202EAnn\u2066 Lee\u2069',
    );
    expect(run.status).toBe(0);
    expect((await withStore((users) => users.findByEmail('rlo@example.com')))?.name).toBe('Ann Lee');
  });

  it('rejects bad arguments with a usage message', () => {
    const bad = cli('users', 'create', '--email', 'x@example.com', '--role', 'owner');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--role must be one of admin, editor, viewer');
    expect(cli('frobnicate').status).toBe(2);
    expect(cli('users', 'create', '--role', 'viewer').stderr).toContain('--email is required');
  });

  it('creates, lists and revokes API tokens, storing only their hash', async () => {
    const run = cli('tokens', 'create', '--email', 'ann@example.com', '--name', 'nightly');
    expect(run.status).toBe(0);
    const token = /^(ost_\S+)$/m.exec(run.stdout)?.[1] ?? '';
    const id = /token (tok_\w+)/.exec(run.stdout)?.[1] ?? '';
    expect(token).not.toBe('');
    const stored = await withStore((_u, credentials) => credentials.findActiveToken(hashSecret(token)));
    expect(stored?.id).toBe(id);
    expect(cli('tokens', 'list').stdout).toContain(`${id}  nightly`);

    expect(cli('tokens', 'revoke', '--id', id).status).toBe(0);
    expect(
      await withStore((_u, credentials) => credentials.findActiveToken(hashSecret(token))),
    ).toBeUndefined();
    expect(cli('tokens', 'revoke', '--id', id).status).toBe(2);
  });

  it('resets a password and disables a user', async () => {
    const reset = cli(
      'users',
      'reset-password',
      '--email',
      'ann@example.com',
      '--password',
      'a-new-password-123',
    );
    expect(reset.status).toBe(0);
    const login = await withStore((users) => users.findForLogin('ann@example.com'));
    expect(await verifyPassword(login?.passwordHash ?? '', 'a-new-password-123')).toBe(true);
    expect(cli('users', 'disable', '--email', 'ann@example.com').status).toBe(0);
    expect((await withStore((users) => users.findByEmail('ann@example.com')))?.disabled).toBe(true);
  });
});
