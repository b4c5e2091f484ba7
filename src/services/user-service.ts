/**
 * User management for admins (and the CLI). Disabling a user ends their sessions and revokes
 * their tokens at once; the last active admin cannot be demoted or disabled.
 */
import type { Actor } from '../auth/principal.js';
import type { Role } from '../auth/roles.js';
import { hashPassword, newPassword } from '../auth/secrets.js';
import { isUniqueViolation } from '../db/errors.js';
import type { CredentialRepository } from '../db/repositories/credential-repository.js';
import { normalizeEmail, type User, type UserRepository } from '../db/repositories/user-repository.js';
import { type Clock, isoNow } from '../lib/clock.js';
import type { AuditService } from './audit-service.js';
import { AppError, conflict, notFound } from './errors.js';

export class UserService {
  constructor(
    private readonly deps: {
      users: UserRepository;
      credentials: CredentialRepository;
      audit: AuditService;
      clock: Clock;
    },
  ) {}

  list(): Promise<User[]> {
    return this.deps.users.list();
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
    const generatedPassword = input.password ? null : newPassword();
    const password = input.password ?? generatedPassword ?? '';
    try {
      const user = await this.deps.users.create(
        {
          email: input.email,
          name: input.name?.trim() || normalizeEmail(input.email).split('@')[0] || input.email,
          role: input.role,
          passwordHash: await hashPassword(password),
        },
        isoNow(this.deps.clock),
      );
      await this.deps.audit.record(
        actor,
        'user.created',
        { type: 'user', id: user.id },
        { email: user.email, role: user.role },
      );
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
      throw new AppError(409, 'last_admin', 'the last active admin cannot be demoted or disabled');
    }
    const now = isoNow(this.deps.clock);
    const updated = await this.deps.users.update(id, changes, now);
    if (!updated) throw notFound('user', id);
    if (changes.disabled === true) {
      await this.deps.credentials.deleteSessionsOf(id);
      await this.deps.credentials.revokeTokensOf(id, now);
    }
    await this.deps.audit.record(actor, 'user.updated', { type: 'user', id }, { ...changes });
    return updated;
  }

  /** Sets a new password (generated when omitted) and ends the user's sessions. */
  async resetPassword(id: string, password: string | undefined, actor: Actor): Promise<{ password: string }> {
    await this.get(id);
    const next = password ?? newPassword();
    await this.deps.users.update(id, { passwordHash: await hashPassword(next) }, isoNow(this.deps.clock));
    await this.deps.credentials.deleteSessionsOf(id);
    await this.deps.audit.record(actor, 'user.password_reset', { type: 'user', id });
    return { password: next };
  }
}
