/** The command-line tool on a real installation directory. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashSecret, verifyPassword } from '../../src/auth/secrets.js';
import { migrateToLatest, openSqlite } from '../../src/db/database.js';
import { CredentialRepository } from '../../src/db/repositories/credential-repository.js';
import { UserRepository } from '../../src/db/repositories/user-repository.js';
import { systemClock } from '../../src/lib/clock.js';
import { LoginThrottle } from '../../src/security/login-throttle.js';
import { RateLimitStore } from '../../src/security/rate-limit-store.js';

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

  it('refuses common passwords and ones containing the e-mail', () => {
    const common = cli(
      'users',
      'create',
      '--email',
      'bob@example.com',
      '--role',
      'viewer',
      '--password',
      'qwerty123456',
    );
    expect(common.status).toBe(2);
    expect(common.stderr).toContain('most common passwords');
    const own = cli(
      'users',
      'reset-password',
      '--email',
      'ann@example.com',
      '--password',
      'Ann-Example-2291',
    );
    expect(own.status).toBe(2);
    expect(own.stderr).toContain('e-mail');
  });

  it('resets to a one-time password the user must change', async () => {
    const run = cli('users', 'reset-password', '--email', 'ann@example.com');
    expect(run.status).toBe(0);
    const password = /one-time password \(shown once; to be changed at the next sign-in\): (\S+)/.exec(
      run.stdout,
    )?.[1];
    const login = await withStore((users) => users.findForLogin('ann@example.com'));
    expect(await verifyPassword(login?.passwordHash ?? '', password ?? '')).toBe(true);
    expect(login?.user.mustChangePassword).toBe(true);
  });

  it('unlocks an account the server had slowed (users unlock <email>)', async () => {
    const db = openSqlite({ filename: join(dataDir, 'owner-statements.sqlite') });
    try {
      await migrateToLatest(db);
      // Ten minutes after two failures: long enough that only an unlock lets the third through.
      const throttle = new LoginThrottle(new RateLimitStore('database', db, systemClock), {
        perAccountAndIp: { freeAttempts: 2, windowMs: 3_600_000, baseDelayMs: 600_000, maxDelayMs: 600_000 },
      });
      for (let i = 0; i < 2; i++) await throttle.begin('ann@example.com', '10.0.0.1');
      await expect(throttle.begin('ann@example.com', '10.0.0.1')).rejects.toMatchObject({
        kind: 'rate_limited',
      });
      const run = cli('users', 'unlock', 'ann@example.com');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('ann@example.com unlocked');
      await expect(throttle.begin('ann@example.com', '10.0.0.1')).resolves.toBeDefined();
      const audit = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'user.unlocked')
        .execute();
      expect(audit).toHaveLength(1);
      expect(cli('users', 'unlock', 'nobody@example.com').stderr).toContain('no user with e-mail');
    } finally {
      await db.destroy();
    }
  });
});
