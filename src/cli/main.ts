/**
 * `npm run cli -- <command>`: user and token administration on the installation's database
 * (DATA_DIR), for the first steps and for when nobody can sign in. An entry point like main.ts,
 * so it reads the environment.
 *
 *   users list
 *   users create --email E --role admin|editor|viewer [--name N] [--password P]
 *   users reset-password --email E [--password P]
 *   users disable --email E        users enable --email E
 *   users unlock E                 (or --email E: clears the account's sign-in delays)
 *   tokens create --email E --name N
 *   tokens list [--email E]
 *   tokens revoke --id tok_…
 *   store copy --to postgres://…     (move DATA_DIR's SQLite store to PostgreSQL)
 */

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../auth/roles.js';
import { ConfigError, loadConfig } from '../config.js';
import { migrateToLatest, openDatabase, openPostgres, openSqlite } from '../db/database.js';
import { Store } from '../db/store.js';
import { systemClock } from '../lib/clock.js';
import { createLogger } from '../lib/logger.js';
import { stripBidiControls } from '../lib/text.js';
import { LoginThrottle } from '../security/login-throttle.js';
import { RateLimitStore } from '../security/rate-limit-store.js';
import { accountServices } from '../services/account-services.js';
import { AuditService } from '../services/audit-service.js';
import { Changes } from '../services/changes.js';
import { DomainError } from '../services/errors.js';
import { copyStore } from './copy-store.js';

class UsageError extends Error {}

const USAGE = `usage: npm run cli -- <command> [options]
  users list
  users create --email E --role admin|editor|viewer [--name N] [--password P]
  users reset-password --email E [--password P]
  users disable --email E | users enable --email E
  users unlock E                  (clear the account's sign-in delays; also --email E)
  tokens create --email E --name N
  tokens list [--email E]
  tokens revoke --id tok_…
  store copy --to postgres://…   (copy DATA_DIR's SQLite store into an empty PostgreSQL database)`;

async function run(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      id: { type: 'string' },
      to: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [group, command, subject] = positionals;
  if (values.help || !group) throw new UsageError(USAGE);

  const config = loadConfig(process.env);
  if (group === 'store') return storeCommand(command, values.to, config.DATA_DIR);
  const { db } = openDatabase({
    databaseUrl: config.DATABASE_URL,
    sqliteFile: resolve(join(config.DATA_DIR, 'owner-statements.sqlite')),
  });
  try {
    await migrateToLatest(db);
    const clock = systemClock;
    const store = new Store(db);
    const { users, credentials } = store.repos;
    const audit = new AuditService({ store, clock });
    const changes = new Changes({ store, audit });
    // The installation's own counters, so `users unlock` clears what the server counted.
    const throttle = new LoginThrottle(new RateLimitStore('database', db, clock));
    const { authService, userService } = accountServices({
      store,
      audit,
      changes,
      clock,
      logger: createLogger('silent'),
      throttle,
      session: { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: config.SESSION_MAX_HOURS },
    });
    const need = (value: string | undefined, flag: string): string => {
      if (!value) throw new UsageError(`--${flag} is required\n${USAGE}`);
      return value;
    };
    const userByEmail = async () => {
      const email = need(values.email ?? subject, 'email');
      const user = await users.findByEmail(email);
      if (!user) throw new UsageError(`no user with e-mail ${email}`);
      return user;
    };

    switch (`${group} ${command ?? ''}`.trim()) {
      case 'users list':
        for (const u of await userService.list()) {
          console.log(`${u.id}  ${u.email}  ${u.role}${u.disabled ? '  (disabled)' : ''}`);
        }
        return;
      case 'users create': {
        const role = need(values.role, 'role');
        if (!ROLES.includes(role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
        // The password policy (length, common passwords, the e-mail) is the service's.
        const { user, generatedPassword } = await userService.create(
          {
            email: need(values.email, 'email'),
            role: role as Role,
            // As over the API: bidi controls would let the name display as another.
            name: values.name === undefined ? undefined : stripBidiControls(values.name),
            password: values.password,
          },
          null,
        );
        console.log(`created ${user.email} (${user.role}), id ${user.id}`);
        if (generatedPassword) console.log(`password (shown once): ${generatedPassword}`);
        return;
      }
      case 'users reset-password': {
        const user = await userByEmail();
        const { password, mustChange } = await userService.resetPassword(user.id, values.password, null);
        console.log(`password of ${user.email} reset; their sessions were ended`);
        if (mustChange) {
          console.log(`one-time password (shown once; to be changed at the next sign-in): ${password}`);
        }
        return;
      }
      case 'users unlock': {
        const user = await userByEmail();
        await userService.unlock(user.id, null);
        console.log(`${user.email} unlocked: sign-in delays cleared`);
        return;
      }
      case 'users disable':
      case 'users enable': {
        const user = await userByEmail();
        await userService.update(user.id, { disabled: command === 'disable' }, null);
        console.log(`${user.email} ${command}d`);
        return;
      }
      case 'tokens create': {
        const user = await userByEmail();
        const { token, record } = await authService.createApiToken(
          user.id,
          stripBidiControls(need(values.name, 'name')),
        );
        console.log(`token ${record.id} for ${user.email}; the secret is shown once:`);
        console.log(token);
        return;
      }
      case 'tokens list': {
        const owner = values.email ? await userByEmail() : undefined;
        for (const t of await credentials.listTokens(owner?.id)) {
          const state = t.revokedAt ? `revoked ${t.revokedAt}` : `last used ${t.lastUsedAt ?? 'never'}`;
          console.log(`${t.id}  ${t.name}  user ${t.userId}  ${state}`);
        }
        return;
      }
      case 'tokens revoke':
        await authService.revokeApiToken(need(values.id, 'id'), null);
        console.log(`token ${values.id} revoked`);
        return;
      default:
        throw new UsageError(`unknown command "${group} ${command ?? ''}"\n${USAGE}`);
    }
  } finally {
    await db.destroy();
  }
}

/**
 * Moves an embedded installation to PostgreSQL: statements, settings, expenses, users, tokens,
 * job history and the audit log, then checks the row counts. Stop the server first.
 */
async function storeCommand(
  command: string | undefined,
  to: string | undefined,
  dataDir: string,
): Promise<void> {
  if (command !== 'copy') throw new UsageError(`unknown command "store ${command ?? ''}"\n${USAGE}`);
  if (!to || !/^postgres(ql)?:\/\//.test(to)) throw new UsageError('--to must be a postgres:// URL');
  const sqliteFile = resolve(join(dataDir, 'owner-statements.sqlite'));
  if (!existsSync(sqliteFile)) throw new UsageError(`no SQLite store at ${sqliteFile} (set DATA_DIR)`);
  const source = openSqlite({ filename: sqliteFile });
  const target = openPostgres({ connectionString: to, max: 2 });
  try {
    await migrateToLatest(source);
    await migrateToLatest(target);
    const report = await copyStore(source, target, (line) => console.log(line));
    const mismatched = report.filter((r) => r.source !== r.target);
    for (const r of report)
      console.log(`${r.table.padEnd(18)} ${String(r.source).padStart(8)} → ${r.target}`);
    if (mismatched.length > 0) {
      throw new Error(`row counts differ in ${mismatched.map((r) => r.table).join(', ')}`);
    }
    console.log('copied; every table has the same number of rows. Set DATABASE_URL to use it.');
  } finally {
    await source.destroy();
    await target.destroy();
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof DomainError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
