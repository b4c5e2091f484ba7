/** Records actions in the audit log (who, what, which record, when). */
import type { Actor } from '../auth/principal.js';
import type { AuditRepository } from '../db/repositories/audit-repository.js';
import { type Clock, isoNow } from '../lib/clock.js';

export type AuditAction =
  | 'statement.generated'
  | 'statement.regenerated'
  | 'statement.status_changed'
  | 'statement.deleted'
  | 'statement.sent'
  | 'owner.generated'
  | 'job.created'
  | 'job.cancelled'
  | 'job.retried'
  | 'property.settings_changed'
  | 'settings.schedule_changed'
  | 'ledger.entry_added'
  | 'catalog.synced'
  | 'user.created'
  | 'user.updated'
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

export class AuditService {
  constructor(private readonly deps: { audit: AuditRepository; clock: Clock }) {}

  async record(
    actor: Actor,
    action: AuditAction,
    target: { type: string; id?: string | null },
    details: Record<string, unknown> | null = null,
  ): Promise<void> {
    await this.deps.audit.append({
      at: isoNow(this.deps.clock),
      userId: actor?.userId ?? null,
      userEmail: actor?.email ?? null,
      // Sign-in attempts have no actor yet but know the address they came from.
      ip: actor?.ip ?? (typeof details?.ip === 'string' ? details.ip : null),
      action,
      targetType: target.type,
      targetId: target.id ?? null,
      details,
    });
  }
}
