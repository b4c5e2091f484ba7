/**
 * Lifecycle of a stored statement: draft → final → sent, final may go back to draft, only drafts
 * are deleted. Transitions are conditional updates, so two users racing cannot skip a step.
 */
import type { StatementRepository, StoredStatement } from '../db/repositories/statement-repository.js';
import type { StatementStatus } from '../domain/types.js';
import { type Clock, isoNow } from '../lib/clock.js';
import { conflict, notFound } from './errors.js';

const ALLOWED: Record<StatementStatus, readonly StatementStatus[]> = {
  draft: ['final'],
  final: ['draft', 'sent'],
  sent: [],
};

export class StatementLifecycle {
  constructor(private readonly deps: { statements: StatementRepository; clock: Clock }) {}

  async get(id: string): Promise<StoredStatement> {
    const statement = await this.deps.statements.get(id);
    if (!statement) throw notFound('statement', id);
    return statement;
  }

  /** Setting the status a statement already has is a no-op, so retries are safe. */
  async setStatus(id: string, to: StatementStatus, actorId: string | null = null): Promise<StoredStatement> {
    const current = await this.get(id);
    if (current.status === to) return current;
    if (!ALLOWED[current.status].includes(to)) {
      throw conflict(`a ${current.status} statement cannot become ${to}`, 'invalid_transition');
    }
    const changed = await this.deps.statements.changeStatus(
      id,
      current.status,
      to,
      isoNow(this.deps.clock),
      actorId,
    );
    if (!changed)
      throw conflict('the statement changed meanwhile; reload and try again', 'concurrent_change');
    return this.get(id);
  }

  async deleteDraft(id: string): Promise<void> {
    const current = await this.get(id);
    if (current.status !== 'draft') {
      throw conflict(`only drafts can be deleted; this statement is ${current.status}`, 'not_a_draft');
    }
    if (!(await this.deps.statements.deleteDraft(id))) {
      throw conflict('the statement changed meanwhile; reload and try again', 'concurrent_change');
    }
  }
}
