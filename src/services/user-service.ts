/**
 * User management for admins (and the CLI). Disabling a user ends their sessions and revokes
 * their tokens at once; the last active admin cannot be demoted or disabled. Every password set
 * here passes the password policy; a reset gives a one-time password the user must replace.
 */
import type { Actor } from '../auth/principal.js';
import type { Role } from '../auth/roles.js';
import { hashPassword, newPassword } from '../auth/secrets.js';
import { isUniqueViolation } from '../db/errors.js';
import type { CredentialRepository } from '../db/repositories/credential-repository.js';
import { normalizeEmail, type User, type UserRepository } from '../db/repositories/user-repository.js';
import { type Clock, isoNow } from '../lib/clock.js';
import type { LoginThrottle } from '../security/login-throttle.js';
import { assertAcceptablePassword } from '../security/password-policy.js';
import type { AuditService } from './audit-service.js';
import type { Changes } from './changes.js';
import { conflict, DomainError, notFound } from './errors.js';

export class UserService {
  constructor(
    private readonly deps: {
      users: UserRepository;
      credentials: CredentialRepository;
      audit: AuditService;
      changes: Changes;
      clock: Clock;
      throttle: LoginThrottle;
    },
  ) {}

  list(): Promise<User[]> {
    return this.deps.users.list();
  }

  /**
   * Every user's display name (disabled ones too: they still did what the records say), for
   * "by …" columns. Only id and name, so any signed-in user may read it.
   */
  async names(): Promise<Array<{ id: string; name: string }>> {
    return (await this.deps.users.list()).map((u) => ({ id: u.id, name: u.name }));
  }

  async get(id: string): Promise<User> {
    const user = await this.deps.users.get(id);
    if (!user) throw notFound('user', id);
    return user;
  }

  /** Creates a user; without a password one is generated and returned (shown once). */
  async create(
    input: { email: string; name?: string; role: Role; password?: string },
    actor: Actor,
  ): Promise<{ user: User; generatedPassword: string | null }> {
    if (input.password !== undefined) assertAcceptablePassword(input.password, input.email);
    const generatedPassword = input.password ? null : newPassword();
    const password = input.password ?? generatedPassword ?? '';
    const passwordHash = await hashPassword(password);
    try {
      const user = await this.deps.changes.apply(actor, async (tx) => {
        const created = await tx.users.create(
          {
            email: input.email,
            name: input.name?.trim() || normalizeEmail(input.email).split('@')[0] || input.email,
            role: input.role,
            passwordHash,
          },
          isoNow(this.deps.clock),
        );
        return {
          value: created,
          audit: {
            action: 'user.created',
            target: { type: 'user', id: created.id },
            details: { email: created.email, role: created.role },
          },
        };
      });
      return { user, generatedPassword };
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict(`a user with e-mail ${normalizeEmail(input.email)} already exists`, 'email_taken');
      throw error;
    }
  }

  async update(
    id: string,
    changes: { role?: Role; disabled?: boolean; name?: string },
    actor: Actor,
  ): Promise<User> {
    const user = await this.get(id);
    const losesAdmin =
      user.role === 'admin' &&
      !user.disabled &&
      (changes.disabled === true || (changes.role !== undefined && changes.role !== 'admin'));
    if (losesAdmin && (await this.deps.users.countActiveAdmins()) <= 1) {
      throw new DomainError('conflict', 'last_admin', 'the last active admin cannot be demoted or disabled');
    }
    const now = isoNow(this.deps.clock);
    return this.deps.changes.apply(actor, async (tx) => {
      const updated = await tx.users.update(id, changes, now);
      if (!updated) throw notFound('user', id);
      if (changes.disabled === true) {
        await tx.credentials.deleteSessionsOf(id);
        await tx.credentials.revokeTokensOf(id, now);
      }
      return {
        value: updated,
        audit: { action: 'user.updated', target: { type: 'user', id }, details: { ...changes } },
      };
    });
  }

  /**
   * Sets a new password and ends the user's sessions (and clears their sign-in delays). Without a
   * password a one-time one is generated, returned once, and must be changed at the next sign-in;
   * a password given (CLI `--password`) must pass the policy and is kept as it is.
   */
  async resetPassword(
    id: string,
    password: string | undefined,
    actor: Actor,
  ): Promise<{ password: string; mustChange: boolean }> {
    const user = await this.get(id);
    if (password !== undefined) assertAcceptablePassword(password, user.email);
    const next = password ?? newPassword();
    const mustChange = password === undefined;
    const passwordHash = await hashPassword(next);
    await this.deps.changes.apply(actor, async (tx) => {
      if (
        !(await tx.users.update(
          id,
          { passwordHash, mustChangePassword: mustChange },
          isoNow(this.deps.clock),
        ))
      )
        throw notFound('user', id);
      await tx.credentials.deleteSessionsOf(id);
      return {
        value: null,
        audit: {
          action: 'user.password_reset',
          target: { type: 'user', id },
          details: { oneTime: mustChange },
        },
      };
    });
    // The sign-in delays live in the rate-limit store (maybe process memory), outside the
    // transaction: cleared once the new password is in place.
    await this.deps.throttle.unlock(user.email);
    return { password: next, mustChange };
  }

  /** Clears the account's sign-in delays from every address (an admin's unlock). */
  async unlock(id: string, actor: Actor): Promise<User> {
    const user = await this.get(id);
    // The delays are in the rate-limit store, not the database: the entry follows the unlock.
    await this.deps.throttle.unlock(user.email);
    await this.deps.audit.record(actor, {
      action: 'user.unlocked',
      target: { type: 'user', id },
      details: { email: user.email },
    });
    return user;
  }
}
