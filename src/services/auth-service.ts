/**
 * Login, sessions, bearer tokens and the first accounts. Secrets are generated here, returned
 * once to the caller, and stored only as hashes; they never reach a log line.
 */
import type { Logger } from 'pino';
import type { Actor, Principal } from '../auth/principal.js';
import type { Role } from '../auth/roles.js';
import {
  decoyPasswordHash,
  hashPassword,
  hashSecret,
  newPassword,
  newSecret,
  verifyPassword,
} from '../auth/secrets.js';
import type { ApiTokenRecord, CredentialRepository } from '../db/repositories/credential-repository.js';
import type { User, UserRepository } from '../db/repositories/user-repository.js';
import { type Clock, isoNow } from '../lib/clock.js';
import type { LoginThrottle } from '../security/login-throttle.js';
import { assertAcceptablePassword, passwordProblem } from '../security/password-policy.js';
import type { AuditService } from './audit-service.js';
import type { Changes } from './changes.js';
import { DomainError, notFound } from './errors.js';

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export interface AuthServiceDeps {
  users: UserRepository;
  credentials: CredentialRepository;
  audit: AuditService;
  /** Writes a change and its audit row in one transaction. */
  changes: Changes;
  clock: Clock;
  logger: Logger;
  /** Failed sign-ins, in the shared store (src/security/login-throttle.ts). */
  throttle: LoginThrottle;
  session: SessionPolicy;
}

const unauthorized = (message = 'sign in first: send the session cookie or Authorization: Bearer <token>') =>
  new DomainError('unauthenticated', 'unauthorized', message);

/** The user part of a principal, from a credential joined with its user. */
function principalUser(userId: string, u: { email: string; name: string; role: string }) {
  return { userId, email: u.email, name: u.name, role: u.role as Role };
}

export class AuthService {
  constructor(private readonly deps: AuthServiceDeps) {}

  /**
   * Checks a password and opens a session. Failures are throttled per (account, address), per
   * account and per address with growing delays (see LoginThrottle); while a delay runs the answer
   * is 429 whatever the password, so guessing stays slow. Only the right password learns that an
   * account is disabled.
   */
  async login(
    email: string,
    password: string,
    ip: string,
  ): Promise<{ user: User; token: string; expiresAt: string }> {
    const { users, clock, audit } = this.deps;
    const attempt = await this.deps.throttle.begin(email, ip);
    const found = await users.findForLogin(email);
    // Verify against a decoy when the user is unknown, so timing does not reveal who exists.
    const ok = await verifyPassword(found?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!found || !ok) {
      await audit.record(found ? { userId: found.user.id, email: found.user.email } : null, {
        action: 'auth.login_failed',
        target: { type: 'user', id: found?.user.id ?? null },
        details: { ip },
      });
      throw new DomainError('unauthenticated', 'invalid_credentials', 'e-mail or password is wrong');
    }
    await attempt.succeeded();
    if (found.user.disabled) {
      await audit.record(
        { userId: found.user.id, email: found.user.email },
        {
          action: 'auth.login_refused',
          target: { type: 'user', id: found.user.id },
          details: { ip, reason: 'disabled' },
        },
      );
      throw new DomainError(
        'forbidden',
        'account_disabled',
        'this account is disabled; ask an administrator to enable it',
      );
    }
    const token = newSecret('oss');
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + this.deps.session.maxHours * 3_600_000).toISOString();
    await this.deps.changes.apply({ userId: found.user.id, email: found.user.email, ip }, async (tx) => {
      await tx.credentials.createSession(found.user.id, hashSecret(token), now.toISOString(), expiresAt);
      return {
        value: null,
        audit: { action: 'auth.login', target: { type: 'user', id: found.user.id }, details: { ip } },
      };
    });
    return { user: found.user, token, expiresAt };
  }

  /** Resolves a presented secret (cookie or bearer) to a principal; 401 when it is not valid now. */
  async authenticate(secret: string, via: Principal['via']): Promise<Principal> {
    const { credentials, clock } = this.deps;
    const hash = hashSecret(secret);
    const now = clock.now();
    // One query per request: the credential joined with its user (a disabled user is refused
    // at once, whatever they present).
    if (secret.startsWith('oss_')) {
      const session = await credentials.findSessionWithUser(hash);
      if (!session) throw unauthorized('the session is not valid; sign in again');
      const idleLimit = Date.parse(session.lastSeenAt) + this.deps.session.idleMinutes * 60_000;
      if (Date.parse(session.expiresAt) <= now.getTime() || idleLimit <= now.getTime()) {
        await credentials.deleteSession(session.id);
        throw unauthorized('the session has expired; sign in again');
      }
      if (session.disabled) throw unauthorized('the account is disabled');
      // Touch at most once a minute: enough for idle expiry, cheap for polling clients.
      if (now.getTime() - Date.parse(session.lastSeenAt) > 60_000) {
        await credentials.touchSession(session.id, now.toISOString());
      }
      return {
        ...principalUser(session.userId, session),
        via,
        credentialId: session.id,
        credentialKind: 'session',
        ...(session.mustChangePassword ? { mustChangePassword: true } : {}),
      };
    }
    if (secret.startsWith('ost_')) {
      const token = await credentials.findActiveTokenWithUser(hash);
      if (!token) throw unauthorized('the API token is not valid (unknown or revoked)');
      if (token.disabled) throw unauthorized('the account is disabled');
      if (!token.lastUsedAt || now.getTime() - Date.parse(token.lastUsedAt) > 60_000) {
        await credentials.touchToken(token.id, now.toISOString());
      }
      return {
        ...principalUser(token.userId, { email: token.email, name: token.userName, role: token.role }),
        via,
        credentialId: token.id,
        credentialKind: 'api_token',
      };
    }
    throw unauthorized('the credentials are malformed');
  }

  /**
   * Changes one's own password. The current one is checked under the sign-in throttle (a stolen
   * session cannot be used to guess it quickly); the user's other sessions end, this one stays.
   * API tokens are separate credentials and keep working.
   */
  async changePassword(
    principal: Principal,
    currentPassword: string,
    newPassword: string,
    ip: string,
  ): Promise<User> {
    const { users, clock, audit } = this.deps;
    const attempt = await this.deps.throttle.begin(principal.email, ip);
    const found = await users.findForLogin(principal.email);
    if (!found || !(await verifyPassword(found.passwordHash, currentPassword))) {
      await audit.record(
        { userId: principal.userId, email: principal.email },
        {
          action: 'auth.password_change_failed',
          target: { type: 'user', id: principal.userId },
          details: { ip },
        },
      );
      throw new DomainError('invalid', 'wrong_current_password', 'the current password is wrong');
    }
    await attempt.succeeded();
    assertAcceptablePassword(newPassword, found.user.email, 'newPassword');
    if (newPassword === currentPassword) {
      throw new DomainError('invalid', 'weak_password', 'newPassword must differ from the current password');
    }
    // Hashed before the transaction: argon2 takes tens of milliseconds the store need not wait.
    const passwordHash = await hashPassword(newPassword);
    return this.deps.changes.apply({ userId: principal.userId, email: principal.email, ip }, async (tx) => {
      const updated = await tx.users.update(
        found.user.id,
        { passwordHash, mustChangePassword: false },
        isoNow(clock),
      );
      if (!updated) throw notFound('user', found.user.id);
      await tx.credentials.deleteOtherSessionsOf(
        found.user.id,
        principal.credentialKind === 'session' ? principal.credentialId : null,
      );
      return {
        value: updated,
        audit: {
          action: 'user.password_changed',
          target: { type: 'user', id: principal.userId },
          details: { ip },
        },
      };
    });
  }

  async logout(principal: Principal, ip: string | null = null): Promise<void> {
    await this.deps.changes.apply({ userId: principal.userId, email: principal.email, ip }, async (tx) => {
      // An API token is not signed out (it is revoked instead): nothing changes, nothing is recorded.
      if (principal.credentialKind !== 'session') return { value: null, audit: null };
      await tx.credentials.deleteSession(principal.credentialId);
      return {
        value: null,
        audit: { action: 'auth.logout', target: { type: 'user', id: principal.userId } },
      };
    });
  }

  /** The user's own display preferences (a partial update). */
  async setPreferences(
    principal: Principal,
    preferences: { notifyOnJobEnd: boolean },
    ip: string | null,
  ): Promise<User> {
    return this.deps.changes.apply({ userId: principal.userId, email: principal.email, ip }, async (tx) => {
      const current = await tx.users.get(principal.userId);
      if (!current) throw notFound('user', principal.userId);
      if (current.notifyOnJobEnd === preferences.notifyOnJobEnd) return { value: current, audit: null };
      const updated = await tx.users.update(principal.userId, preferences, isoNow(this.deps.clock));
      if (!updated) throw notFound('user', principal.userId);
      return {
        value: updated,
        audit: {
          action: 'user.preferences_changed',
          target: { type: 'user', id: principal.userId },
          details: { ...preferences },
        },
      };
    });
  }

  /** The user's API tokens (never their secrets). */
  listApiTokens(userId: string): Promise<ApiTokenRecord[]> {
    return this.deps.credentials.listTokens(userId);
  }

  /** A new API token for a user; the secret is in the result and nowhere else. */
  async createApiToken(
    userId: string,
    name: string,
    actor = userId,
    ip: string | null = null,
  ): Promise<{ token: string; record: ApiTokenRecord }> {
    const user = await this.deps.users.get(userId);
    if (!user) throw notFound('user', userId);
    const token = newSecret('ost');
    const by = actor === userId ? user : await this.deps.users.get(actor);
    const record = await this.deps.changes.apply(
      by ? { userId: by.id, email: by.email, ip } : null,
      async (tx) => {
        const created = await tx.credentials.createToken(
          userId,
          name,
          hashSecret(token),
          isoNow(this.deps.clock),
        );
        return {
          value: created,
          audit: {
            action: 'token.created',
            target: { type: 'api_token', id: created.id },
            details: { owner: user.email, name },
          },
        };
      },
    );
    return { token, record };
  }

  /** Revokes a token; `ownerId` restricts it to that user's tokens (non-admin callers). */
  async revokeApiToken(tokenId: string, by: Actor, ownerId?: string): Promise<void> {
    const token = await this.deps.credentials.getToken(tokenId);
    if (!token || (ownerId !== undefined && token.userId !== ownerId)) throw notFound('API token', tokenId);
    await this.deps.changes.apply(by, async (tx) => {
      if (!(await tx.credentials.revokeToken(tokenId, isoNow(this.deps.clock)))) {
        throw new DomainError('conflict', 'already_revoked', `API token ${tokenId} is already revoked`);
      }
      return { value: null, audit: { action: 'token.revoked', target: { type: 'api_token', id: tokenId } } };
    });
  }

  /**
   * The first accounts. With ADMIN_EMAIL/ADMIN_PASSWORD and no user yet, that admin is created.
   * In demo mode an admin is created if none exists, and a fresh API token is issued at every
   * start (earlier demo tokens are revoked); the caller prints them so curl works at once.
   */
  async bootstrap(options: {
    adminEmail?: string;
    adminPassword?: string;
    demo: boolean;
  }): Promise<{ demo?: { email: string; password: string | null; token: string } }> {
    const { users, credentials, clock, logger } = this.deps;
    const now = isoNow(clock);
    if ((await users.count()) === 0 && options.adminEmail && options.adminPassword) {
      // Checked only when it is used: an installation whose admin exists ignores the variable.
      const problem = passwordProblem(options.adminPassword, options.adminEmail);
      if (problem)
        throw new Error(`ADMIN_PASSWORD is refused: it ${problem} (ADMIN_EMAIL ${options.adminEmail})`);
      const passwordHash = await hashPassword(options.adminPassword);
      const email = options.adminEmail;
      const admin = await this.deps.changes.apply(null, async (tx) => {
        const created = await tx.users.create(
          { email, name: 'Administrator', role: 'admin', passwordHash },
          now,
        );
        return {
          value: created,
          audit: {
            action: 'user.created',
            target: { type: 'user', id: created.id },
            details: { email: created.email, role: 'admin' },
          },
        };
      });
      logger.info({ email: admin.email }, 'first admin created from ADMIN_EMAIL');
    }
    if (!options.demo) return {};
    const demoEmail = 'admin@demo.local';
    let password: string | null = null;
    let admin = await users.findByEmail(demoEmail);
    if (!admin) {
      password = newPassword();
      admin = await users.create(
        { email: demoEmail, name: 'Demo Admin', role: 'admin', passwordHash: await hashPassword(password) },
        now,
      );
    }
    await credentials.revokeTokensOf(admin.id, now, 'demo-');
    const { token } = await this.createApiToken(admin.id, `demo-${now}`);
    return { demo: { email: demoEmail, password, token } };
  }

  /**
   * Whether the credential a long-lived request (an event stream) was authenticated with still
   * holds: the user exists and is not disabled, and the session has not ended (logout, expiry)
   * or the API token has not been revoked. Read-only: it never extends a session.
   */
  async isStillValid(principal: Principal): Promise<boolean> {
    const { users, credentials, clock } = this.deps;
    const user = await users.get(principal.userId);
    if (!user || user.disabled) return false;
    if (principal.credentialKind === 'api_token') {
      const token = await credentials.getToken(principal.credentialId);
      return token !== undefined && token.revokedAt === null && token.userId === principal.userId;
    }
    const session = await credentials.getSession(principal.credentialId);
    if (!session || session.userId !== principal.userId) return false;
    const now = clock.now().getTime();
    const idleLimit = Date.parse(session.lastSeenAt) + this.deps.session.idleMinutes * 60_000;
    return Date.parse(session.expiresAt) > now && idleLimit > now;
  }
}
