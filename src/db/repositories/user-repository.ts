/** Users of the application (not Hostify users): email, role, password hash, disabled flag. */
import type { Selectable } from 'kysely';
import type { Role } from '../../auth/roles.js';
import { newId } from '../../lib/ids.js';
import type { Db } from '../database.js';
import type { UsersTable } from '../schema.js';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  notifyOnJobEnd: boolean;
  /** An admin reset the password: a new one must be chosen before anything else. */
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
}

const toUser = (r: Selectable<UsersTable>): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role as Role,
  disabled: Number(r.disabled) === 1,
  notifyOnJobEnd: Number(r.notify_on_job_end) === 1,
  mustChangePassword: Number(r.must_change_password) === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export class UserRepository {
  constructor(private readonly db: Db) {}

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async create(
    user: { email: string; name: string; role: Role; passwordHash: string },
    now: string,
  ): Promise<User> {
    const id = newId('usr');
    await this.db
      .insertInto('users')
      .values({
        id,
        email: normalizeEmail(user.email),
        name: user.name,
        role: user.role,
        password_hash: user.passwordHash,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const created = await this.get(id);
    if (!created) throw new Error(`user ${id} vanished right after it was created`);
    return created;
  }

  async get(id: string): Promise<User | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  }

  /** The user and their password hash, for login. */
  async findForLogin(email: string): Promise<{ user: User; passwordHash: string } | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', normalizeEmail(email))
      .executeTakeFirst();
    return row && { user: toUser(row), passwordHash: row.password_hash };
  }

  async findByEmail(email: string): Promise<User | undefined> {
    return (await this.findForLogin(email))?.user;
  }

  async list(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('email').execute();
    return rows.map(toUser);
  }

  async update(
    id: string,
    changes: Partial<{
      role: Role;
      disabled: boolean;
      name: string;
      passwordHash: string;
      notifyOnJobEnd: boolean;
      mustChangePassword: boolean;
    }>,
    now: string,
  ): Promise<User | undefined> {
    const set: Partial<Record<string, string | number>> = { updated_at: now };
    if (changes.role !== undefined) set.role = changes.role;
    if (changes.name !== undefined) set.name = changes.name;
    if (changes.disabled !== undefined) set.disabled = changes.disabled ? 1 : 0;
    if (changes.passwordHash !== undefined) set.password_hash = changes.passwordHash;
    if (changes.notifyOnJobEnd !== undefined) set.notify_on_job_end = changes.notifyOnJobEnd ? 1 : 0;
    if (changes.mustChangePassword !== undefined)
      set.must_change_password = changes.mustChangePassword ? 1 : 0;
    const r = await this.db.updateTable('users').set(set).where('id', '=', id).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return undefined;
    return this.get(id);
  }

  async countActiveAdmins(): Promise<number> {
    const r = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
