/** The audit log: who did what to which record, and when. Append-only. */
import { newId } from '../../lib/ids.js';
import type { Db } from '../database.js';
import { toPage } from '../page.js';

export interface AuditEntry {
  id: string;
  at: string;
  userId: string | null;
  userEmail: string | null;
  /** The client's IP address for changes made over HTTP (null for the system, and entries from before it was kept). */
  ip: string | null;
  /** A person (`user`), the monthly schedule, or the system itself. */
  actor: 'user' | 'schedule' | 'system';
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditFilter {
  userId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  limit: number;
  after?: string;
}

const ACTORS = ['user', 'schedule', 'system'] as const;

function actorOf(stored: string | null, userId: string | null): AuditEntry['actor'] {
  const known = ACTORS.find((a) => a === stored);
  return known ?? (userId ? 'user' : 'system');
}

export class AuditRepository {
  constructor(private readonly db: Db) {}

  async append(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: newId('aud'),
        at: entry.at,
        user_id: entry.userId,
        user_email: entry.userEmail,
        ip: entry.ip,
        actor: entry.actor,
        action: entry.action,
        target_type: entry.targetType,
        target_id: entry.targetId,
        details: entry.details === null ? null : JSON.stringify(entry.details),
      })
      .execute();
  }

  async list(filter: AuditFilter): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
    let q = this.db.selectFrom('audit_log').selectAll();
    if (filter.userId) q = q.where('user_id', '=', filter.userId);
    if (filter.action) q = q.where('action', '=', filter.action);
    if (filter.targetType) q = q.where('target_type', '=', filter.targetType);
    if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
    if (filter.from) q = q.where('at', '>=', filter.from);
    if (filter.to) q = q.where('at', '<=', filter.to);
    if (filter.after) q = q.where('id', '<', filter.after);
    const rows = await q
      .orderBy('id', 'desc')
      .limit(filter.limit + 1)
      .execute();
    const { items, nextCursor } = toPage(rows, filter.limit, (r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      userEmail: r.user_email,
      ip: r.ip ?? null,
      actor: actorOf(r.actor, r.user_id),
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
    }));
    return { entries: items, nextCursor };
  }
}
