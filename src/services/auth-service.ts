/**
 * Login, sessions, bearer tokens and the first accounts. Secrets are generated here, returned
 * once to the caller, and stored only as hashes; they never reach a log line.
 */
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.js';
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
import type { Limit, SlidingWindowCounter } from '../lib/rate-limiter.js';
import type { AuditService } from './audit-service.js';
import { AppError, notFound } from './errors.js';

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export interface LoginLimits {
  perAccount: Limit;
  perIp: Limit;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAccount: { max: 5, windowMs: 15 * 60_000 },
  perIp: { max: 30, windowMs: 15 * 60_000 },
};

export interface AuthServiceDeps {
  users: UserRepository;
  credentials: CredentialRepository;
  audit: AuditService;
  clock: Clock;
  logger: Logger;
  failures: SlidingWindowCounter;
  session: SessionPolicy;
  loginLimits?: LoginLimits;
}

const unauthorized = (message = 'sign in first: send the session cookie or Authorization: Bearer <token>') =>
  new AppError(401, 'unauthorized', message);

export class AuthService {
  private readonly limits: LoginLimits;

  constructor(private readonly deps: AuthServiceDeps) {
    this.limits = deps.loginLimits ?? DEFAULT_LOGIN_LIMITS;
  }

  /**
   * Checks a password and opens a session. Failed attempts are counted per account and per IP;
   * past the limit the answer is 429 whatever the password (so guessing stays slow).
   */
  async login(
    email: string,
    password: string,
    ip: string,
  ): Promise<{ user: User; token: string; expiresAt: string }> {
    const { users, credentials, failures, clock, audit } = this.deps;
    const accountKey = `login:account:${email.trim().toLowerCase()}`;
    const ipKey = `login:ip:${ip}`;
    const wait = Math.max(
      failures.blockedFor(accountKey, this.limits.perAccount),
      failures.blockedFor(ipKey, this.limits.perIp),
    );
    if (wait > 0) {
      throw new AppError(
        429,
        'too_many_attempts',
        `too many failed sign-ins; try again in ${Math.ceil(wait / 1000)} s`,
        {
          retryAfterSeconds: Math.ceil(wait / 1000),
        },
      );
    }
    const found = await users.findForLogin(email);
    // Verify against a decoy when the user is unknown, so timing does not reveal who exists.
    const ok = await verifyPassword(found?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!found || !ok || found.user.disabled) {
      failures.record(accountKey);
      failures.record(ipKey);
      await audit.record(
        found ? { userId: found.user.id, email: found.user.email } : null,
        'auth.login_failed',
        {
          type: 'user',
          id: found?.user.id ?? null,
        },
        { ip },
      );
      throw new AppError(
        401,
        'invalid_credentials',
        'e-mail or password is wrong, or the account is disabled',
      );
    }
    failures.reset(accountKey);
    const token = newSecret('oss');
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + this.deps.session.maxHours * 3_600_000).toISOString();
    await credentials.createSession(found.user.id, hashSecret(token), now.toISOString(), expiresAt);
    await audit.record(
      { userId: found.user.id, email: found.user.email },
      'auth.login',
      { type: 'user', id: found.user.id },
      { ip },
    );
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
      const user = {
        userId: session.userId,
        email: session.email,
        name: session.name,
        role: session.role as Role,
      };
      return { ...user, via, credentialId: session.id, credentialKind: 'session' };
    }
    if (secret.startsWith('ost_')) {
      const token = await credentials.findActiveTokenWithUser(hash);
      if (!token) throw unauthorized('the API token is not valid (unknown or revoked)');
      if (token.disabled) throw unauthorized('the account is disabled');
      if (!token.lastUsedAt || now.getTime() - Date.parse(token.lastUsedAt) > 60_000) {
        await credentials.touchToken(token.id, now.toISOString());
      }
      const user = {
        userId: token.userId,
        email: token.email,
        name: token.userName,
        role: token.role as Role,
      };
      return { ...user, via, credentialId: token.id, credentialKind: 'api_token' };
    }
    throw unauthorized('the credentials are malformed');
  }

  async logout(principal: Principal): Promise<void> {
    if (principal.credentialKind === 'session')
      await this.deps.credentials.deleteSession(principal.credentialId);
    await this.deps.audit.record({ userId: principal.userId, email: principal.email }, 'auth.logout', {
      type: 'user',
      id: principal.userId,
    });
  }

  /** A new API token for a user; the secret is in the result and nowhere else. */
  async createApiToken(
    userId: string,
    name: string,
    actor = userId,
  ): Promise<{ token: string; record: ApiTokenRecord }> {
    const user = await this.deps.users.get(userId);
    if (!user) throw notFound('user', userId);
    const token = newSecret('ost');
    const record = await this.deps.credentials.createToken(
      userId,
      name,
      hashSecret(token),
      isoNow(this.deps.clock),
    );
    const by = actor === userId ? user : await this.deps.users.get(actor);
    await this.deps.audit.record(
      by ? { userId: by.id, email: by.email } : null,
      'token.created',
      { type: 'api_token', id: record.id },
      {
        owner: user.email,
        name,
      },
    );
    return { token, record };
  }

  /** Revokes a token; `ownerId` restricts it to that user's tokens (non-admin callers). */
  async revokeApiToken(
    tokenId: string,
    by: { userId: string; email: string } | null,
    ownerId?: string,
  ): Promise<void> {
    const token = await this.deps.credentials.getToken(tokenId);
    if (!token || (ownerId !== undefined && token.userId !== ownerId)) throw notFound('API token', tokenId);
    if (!(await this.deps.credentials.revokeToken(tokenId, isoNow(this.deps.clock)))) {
      throw new AppError(409, 'already_revoked', `API token ${tokenId} is already revoked`);
    }
    await this.deps.audit.record(by, 'token.revoked', { type: 'api_token', id: tokenId });
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
      const admin = await users.create(
        {
          email: options.adminEmail,
          name: 'Administrator',
          role: 'admin',
          passwordHash: await hashPassword(options.adminPassword),
        },
        now,
      );
      await this.deps.audit.record(
        null,
        'user.created',
        { type: 'user', id: admin.id },
        { email: admin.email, role: 'admin' },
      );
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
