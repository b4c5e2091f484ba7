/**
 * Sessions (from login, with idle and absolute expiry) and API tokens (for scripts, revocable).
 * Both are looked up by the SHA-256 of the secret the client presents.
 */
import { newId } from '../../lib/ids.js';
import type { Db } from '../database.js';

export interface SessionRecord {
  id: string;
  userId: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export class CredentialRepository {
  constructor(private readonly db: Db) {}

  async createSession(userId: string, tokenHash: string, now: string, expiresAt: string): Promise<string> {
    const id = newId('ses');
    await this.db
      .insertInto('sessions')
      .values({
        id,
        token_hash: tokenHash,
        user_id: userId,
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
      })
      .execute();
    return id;
  }

  async findSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const r = await this.db
      .selectFrom('sessions')
      .select(['id', 'user_id', 'last_seen_at', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return r && { id: r.id, userId: r.user_id, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at };
  }

  /** The session and its user's state in one query (every authenticated request asks). */
  async findSessionWithUser(tokenHash: string): Promise<
    | (SessionRecord & {
        email: string;
        name: string;
        role: string;
        disabled: boolean;
        mustChangePassword: boolean;
      })
    | undefined
  > {
    const r = await this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select([
        's.id',
        's.user_id',
        's.last_seen_at',
        's.expires_at',
        'u.email',
        'u.name',
        'u.role',
        'u.disabled',
        'u.must_change_password',
      ])
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst();
    return (
      r && {
        id: r.id,
        userId: r.user_id,
        lastSeenAt: r.last_seen_at,
        expiresAt: r.expires_at,
        email: r.email,
        name: r.name,
        role: r.role,
        disabled: Number(r.disabled) === 1,
        mustChangePassword: Number(r.must_change_password) === 1,
      }
    );
  }

  /** An unrevoked token and its user's state in one query. */
  async findActiveTokenWithUser(
    tokenHash: string,
  ): Promise<
    (ApiTokenRecord & { email: string; userName: string; role: string; disabled: boolean }) | undefined
  > {
    const r = await this.db
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .selectAll('t')
      .select(['u.email', 'u.name as user_name', 'u.role', 'u.disabled'])
      .where('t.token_hash', '=', tokenHash)
      .where('t.revoked_at', 'is', null)
      .executeTakeFirst();
    return (
      r && {
        ...toToken(r),
        email: r.email,
        userName: r.user_name,
        role: r.role,
        disabled: Number(r.disabled) === 1,
      }
    );
  }

  async touchSession(id: string, now: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteSessionsOf(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  /** Ends every session of the user but `keepId` (a password change keeps the one it came from). */
  async deleteOtherSessionsOf(userId: string, keepId: string | null): Promise<void> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepId !== null) q = q.where('id', '!=', keepId);
    await q.execute();
  }

  async deleteExpiredSessions(now: string, idleCutoff: string): Promise<void> {
    await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', idleCutoff)]))
      .execute();
  }

  async createToken(userId: string, name: string, tokenHash: string, now: string): Promise<ApiTokenRecord> {
    const id = newId('tok');
    await this.db
      .insertInto('api_tokens')
      .values({
        id,
        token_hash: tokenHash,
        user_id: userId,
        name,
        created_at: now,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    return { id, userId, name, createdAt: now, lastUsedAt: null, revokedAt: null };
  }

  async findActiveToken(tokenHash: string): Promise<ApiTokenRecord | undefined> {
    const r = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return r && toToken(r);
  }

  async touchToken(id: string, now: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
  }

  async listTokens(userId?: string): Promise<ApiTokenRecord[]> {
    let q = this.db.selectFrom('api_tokens').selectAll();
    if (userId !== undefined) q = q.where('user_id', '=', userId);
    return (await q.orderBy('id').execute()).map(toToken);
  }

  async getToken(id: string): Promise<ApiTokenRecord | undefined> {
    const r = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toToken(r);
  }

  /** False when the token does not exist or was already revoked. */
  async revokeToken(id: string, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async revokeTokensOf(userId: string, now: string, namePrefix?: string): Promise<void> {
    let q = this.db
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (namePrefix !== undefined) q = q.where('name', 'like', `${namePrefix}%`);
    await q.execute();
  }

  /** A session by its id (not its secret), for re-checking a credential a stream was opened with. */
  async getSession(id: string): Promise<SessionRecord | undefined> {
    const r = await this.db
      .selectFrom('sessions')
      .select(['id', 'user_id', 'last_seen_at', 'expires_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    return r && { id: r.id, userId: r.user_id, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at };
  }
}

function toToken(r: {
  id: string;
  user_id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}): ApiTokenRecord {
  return {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}
