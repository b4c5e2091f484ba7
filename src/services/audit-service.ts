/** The audit log: who did what to which record, when, and from where. */
import type { Actor } from '../auth/principal.js';
import type { Db } from '../db/database.js';
import { type AuditEntry, type AuditFilter, AuditRepository } from '../db/repositories/audit-repository.js';
import type { Repositories, Store } from '../db/store.js';
import { type Clock, isoNow } from '../lib/clock.js';

export type AuditAction =
  | 'statement.generated'
  | 'statement.regenerated'
  | 'statement.status_changed'
  | 'statement.deleted'
  | 'statement.sent'
  | 'statement.override_added'
  | 'statement.override_removed'
  | 'owner.generated'
  | 'owner.delivery_changed'
  | 'job.created'
  | 'job.cancelled'
  | 'job.retried'
  | 'property.settings_changed'
  | 'settings.schedule_changed'
  | 'settings.company_changed'
  | 'settings.logo_changed'
  | 'ledger.entry_added'
  | 'expenses.imported'
  | 'expenses.import_undone'
  | 'catalog.synced'
  | 'user.created'
  | 'user.updated'
  | 'user.preferences_changed'
  | 'user.password_reset'
  | 'user.password_changed'
  | 'user.unlocked'
  | 'token.created'
  | 'token.revoked'
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.login_refused'
  | 'auth.password_change_failed'
  | 'auth.logout';

/** What one change did, for its audit row. */
export interface AuditNote {
  action: AuditAction;
  target: { type: string; id?: string | null };
  details?: Record<string, unknown> | null;
}

export class AuditService {
  constructor(private readonly deps: { store: Store; clock: Clock }) {}

  /** Newest first, with filters and a cursor (a read model: it changes nothing). */
  list(filter: AuditFilter): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
    return this.deps.store.repos.audit.list(filter);
  }

  /**
   * An entry that is the only write of what happened (a refused sign-in). A change writes its
   * entry through Changes.apply instead, in the change's transaction.
   */
  record(actor: Actor, note: AuditNote): Promise<void> {
    return this.recordIn(this.deps.store.repos, actor, note);
  }

  /** Writes the entry in a transaction another port opened (the job store's). */
  recordOn(tx: Db, actor: Actor, note: AuditNote): Promise<void> {
    return this.recordIn({ audit: new AuditRepository(tx) }, actor, note);
  }

  /** Writes the entry with the repositories of a transaction the caller holds. */
  async recordIn(tx: Pick<Repositories, 'audit'>, actor: Actor, note: AuditNote): Promise<void> {
    const details = note.details ?? null;
    const user = actor && 'userId' in actor ? actor : null;
    await tx.audit.append({
      at: isoNow(this.deps.clock),
      userId: user?.userId ?? null,
      userEmail: user?.email ?? null,
      // Sign-in attempts have no actor yet but know the address they came from.
      ip: user?.ip ?? (typeof details?.ip === 'string' ? details.ip : null),
      actor: user ? 'user' : actor && 'system' in actor ? actor.system : 'system',
      action: note.action,
      targetType: note.target.type,
      targetId: note.target.id ?? null,
      details,
    });
  }
}
