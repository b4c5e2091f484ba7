/**
 * Lifecycle of a stored statement: draft → final → sent, final may go back to draft, only drafts
 * are deleted. Transitions are conditional updates, so two users racing cannot skip a step; each
 * is written with its audit row in one transaction.
 */
import { type Actor, userIdOf } from '../auth/principal.js';
import type { StatementRepository, StoredStatement } from '../db/repositories/statement-repository.js';
import type { StatementStatus } from '../domain/types.js';
import { type Clock, isoNow } from '../lib/clock.js';
import type { Changes } from './changes.js';
import { ConcurrentChangeError, conflict, notFound } from './errors.js';

const ALLOWED: Record<StatementStatus, readonly StatementStatus[]> = {
  draft: ['final'],
  final: ['draft', 'sent'],
  sent: [],
};

export class StatementLifecycle {
  constructor(private readonly deps: { statements: StatementRepository; changes: Changes; clock: Clock }) {}

  async get(id: string): Promise<StoredStatement> {
    const statement = await this.deps.statements.get(id);
    if (!statement) throw notFound('statement', id);
    return statement;
  }

  /** Setting the status a statement already has is a no-op (and no audit entry), so retries are safe. */
  async setStatus(id: string, to: StatementStatus, actor: Actor): Promise<StoredStatement> {
    return (await this.moveTo(id, to, actor)).statement;
  }

  /** setStatus, also saying whether it changed anything (bulk actions report no-ops as such). */
  async moveTo(
    id: string,
    to: StatementStatus,
    actor: Actor,
  ): Promise<{ statement: StoredStatement; changed: boolean }> {
    const current = await this.get(id);
    if (current.status === to) return { statement: current, changed: false };
    if (!ALLOWED[current.status].includes(to)) {
      throw conflict(`a ${current.status} statement cannot become ${to}`, 'invalid_transition');
    }
    const statement = await this.deps.changes.apply(actor, async (tx) => {
      const changed = await tx.statements.changeStatus(
        id,
        current.status,
        to,
        isoNow(this.deps.clock),
        userIdOf(actor),
      );
      if (!changed) throw new ConcurrentChangeError();
      const after = await tx.statements.get(id);
      if (!after) throw notFound('statement', id);
      return {
        value: after,
        audit: {
          action: 'statement.status_changed',
          target: { type: 'statement', id },
          details: { from: current.status, to },
        },
      };
    });
    return { statement, changed: true };
  }

  /** Deletes a draft and returns it as it was. */
  async deleteDraft(id: string, actor: Actor): Promise<StoredStatement> {
    const current = await this.get(id);
    if (current.status !== 'draft') {
      throw conflict(`only drafts can be deleted; this statement is ${current.status}`, 'not_a_draft');
    }
    await this.deps.changes.apply(actor, async (tx) => {
      if (!(await tx.statements.deleteDraft(id))) throw new ConcurrentChangeError();
      return {
        value: null,
        audit: {
          action: 'statement.deleted',
          target: { type: 'statement', id },
          details: { propertyId: current.propertyId, period: current.period },
        },
      };
    });
    return current;
  }
}
