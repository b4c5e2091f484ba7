import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_MAIL_FROM, isDemoMode, loadConfig, mailFrom, selectJobEngine } from './config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3003,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      ROLE: 'all',
      HOSTIFY_API_URL: 'https://api-rms.hostify.com',
      HOSTIFY_MAX_CONCURRENCY: 5,
      HOSTIFY_MAX_RPS: 10,
      JOB_RETENTION_HOURS: 720,
    });
    expect(isDemoMode(c)).toBe(true);
    expect(isDemoMode(loadConfig({ HOSTIFY_API_KEY: 'k' }))).toBe(false);
  });

  it('names every bad variable and what it allows, hiding secrets', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        ROLE: 'boss',
        DATABASE_URL: 'mysql://x',
        HOSTIFY_MAX_RPS: '0',
        ADMIN_PASSWORD: 'short',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT="abc"');
    expect(message).toMatch(/ROLE="boss".*"web"\|"worker"\|"all"/);
    expect(message).toContain(
      'DATABASE_URL="mysql://x": must be a URL starting with postgres:// or postgresql://',
    );
    expect(message).toContain('HOSTIFY_MAX_RPS');
    expect(message).toContain('ADMIN_PASSWORD=(hidden)');
    expect(message).not.toContain('short');
  });

  it('reads HOSTIFY_OWNER_ROLES and COUNTED_STATUSES (DESIGN.md §3)', () => {
    const defaults = loadConfig({});
    expect(defaults.HOSTIFY_OWNER_ROLES).toBeUndefined();
    expect(defaults.COUNTED_STATUSES).toEqual(['accepted', 'confirmed', 'checked_in', 'completed']);
    const set = loadConfig({ HOSTIFY_OWNER_ROLES: 'Proprietor', COUNTED_STATUSES: ' Accepted , pending ' });
    expect(set.HOSTIFY_OWNER_ROLES).toBe('Proprietor');
    expect(set.COUNTED_STATUSES).toEqual(['accepted', 'pending']);
    expect(loadConfig({ COUNTED_STATUSES: '' }).COUNTED_STATUSES).toHaveLength(4);
    expect(() => loadConfig({ COUNTED_STATUSES: ' , ' })).toThrow(/COUNTED_STATUSES/);
  });

  it('takes MAIL_FROM as an address or a name and address, and requires it with SMTP_URL', () => {
    expect(mailFrom(loadConfig({}))).toBe(DEMO_MAIL_FROM);
    expect(mailFrom(loadConfig({ MAIL_FROM: ' statements@acme.test ' }))).toBe('statements@acme.test');
    expect(loadConfig({ MAIL_FROM: 'Acme Rentals <statements@acme.test>' }).MAIL_FROM).toBe(
      'Acme Rentals <statements@acme.test>',
    );
    expect(() => loadConfig({ MAIL_FROM: 'statements' })).toThrow(
      /MAIL_FROM="statements": must be an e-mail/,
    );
    expect(() => loadConfig({ MAIL_FROM: 'Acme <nope>' })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.acme.test' })).toThrow(
      /MAIL_FROM.*required with SMTP_URL/,
    );
    expect(
      loadConfig({ SMTP_URL: 'smtp://mail.acme.test', MAIL_FROM: 'statements@acme.test' }).MAIL_FROM,
    ).toBe('statements@acme.test');
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ HOSTIFY_API_KEY: '', SMTP_URL: '' }).HOSTIFY_API_KEY).toBeUndefined();
  });
});

describe('stream and export limits', () => {
  it('default to 10 streams a user, 500 a process, 2 PDF threads, 16 waiting, 10 exports a minute', () => {
    expect(loadConfig({})).toMatchObject({
      SSE_MAX_STREAMS_PER_USER: 10,
      SSE_MAX_STREAMS: 500,
      PDF_POOL_THREADS: 2,
      PDF_POOL_MAX_QUEUE: 16,
      EXPORT_RATE_PER_MINUTE: 10,
    });
    expect(loadConfig({ SSE_MAX_STREAMS_PER_USER: '3', PDF_POOL_THREADS: '4' })).toMatchObject({
      SSE_MAX_STREAMS_PER_USER: 3,
      PDF_POOL_THREADS: 4,
    });
  });

  it('refuses zero, negative or absurd values, naming the variable', () => {
    for (const [name, value] of [
      ['SSE_MAX_STREAMS_PER_USER', '0'],
      ['SSE_MAX_STREAMS', '-1'],
      ['PDF_POOL_THREADS', '1000'],
      ['EXPORT_RATE_PER_MINUTE', 'many'],
    ]) {
      expect(() => loadConfig({ [name as string]: value })).toThrow(name);
    }
  });
});

describe('selectJobEngine', () => {
  const select = (env: Record<string, string>) => selectJobEngine(loadConfig(env));
  it('picks the embedded engine by default and BullMQ on Redis when REDIS_URL is set', () => {
    expect(select({})).toEqual({ engine: 'local' });
    expect(select({ REDIS_URL: 'redis://127.0.0.1:6379' })).toEqual({ engine: 'bullmq-redis' });
    expect(select({ REDIS_URL: 'redis://h', JOB_ENGINE: 'local' })).toEqual({ engine: 'local' });
  });

  it('selects BullMQ on PostgreSQL only with a PostgreSQL DATABASE_URL', () => {
    expect(
      select({ JOB_ENGINE: 'bullmq-postgres', DATABASE_URL: 'postgres://h/db', ROLE: 'worker' }),
    ).toEqual({
      engine: 'bullmq-postgres',
    });
    expect(select({ JOB_ENGINE: 'bullmq-postgres' })).toEqual({
      problem: expect.stringContaining('DATABASE_URL'),
    });
    expect(select({ JOB_ENGINE: 'bullmq-redis' })).toEqual({ problem: expect.stringContaining('REDIS_URL') });
  });

  it('refuses a web or worker role on the embedded engine', () => {
    expect(select({ ROLE: 'web' })).toEqual({ problem: expect.stringContaining('ROLE=web') });
  });

  it('rejects an unknown engine and a queue prefix that cannot name a schema', () => {
    expect(() => loadConfig({ JOB_ENGINE: 'kafka' })).toThrow(/JOB_ENGINE="kafka"/);
    expect(() => loadConfig({ JOB_QUEUE_PREFIX: 'Bad Prefix!' })).toThrow(/JOB_QUEUE_PREFIX/);
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
  });

  it('takes a hop count or a list of addresses and CIDRs', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,loopback,::1,fd00::/8' }).TRUST_PROXY).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      'loopback',
      '::1',
      'fd00::/8',
    ]);
  });

  it('refuses "true", which would believe any X-Forwarded-For, and anything that is not an address', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY="true": true would trust any/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.internal' })).toThrow(/TRUST_PROXY.*proxy\.internal/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '0.0.0.0/0' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '::/0' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '0' })).toThrow(/hop count/);
  });

  it('reads ALLOWED_HOSTS as a list', () => {
    expect(loadConfig({}).ALLOWED_HOSTS).toEqual([]);
    expect(loadConfig({ ALLOWED_HOSTS: 'a.example, b.example' }).ALLOWED_HOSTS).toEqual([
      'a.example',
      'b.example',
    ]);
  });
});

describe('the server process', () => {
  it('stops at start with a message naming the bad variable', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: 'not-a-port', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid configuration');
    expect(run.stderr).toContain('PORT="not-a-port"');
  });
});
