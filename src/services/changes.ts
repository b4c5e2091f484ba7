/**
 * Every change a person (or the schedule) makes goes through here: the change and its audit row
 * are written in one transaction, so the log can neither miss a change that happened nor record
 * one that rolled back. The work decides whether anything changed (null note: a no-op, such as
 * setting the status a statement already has, leaves no entry). One change may touch several
 * records (an owner's combined e-mail sends all their statements): a list of notes, one row each.
 */
import type { Actor } from '../auth/principal.js';
import type { Db } from '../db/database.js';
import type { Repositories, Store } from '../db/store.js';
import type { AuditNote, AuditService } from './audit-service.js';

export interface Changed<T> {
  value: T;
  audit: AuditNote | readonly AuditNote[] | null;
}

export class Changes {
  constructor(private readonly deps: { store: Store; audit: AuditService }) {}

  /** Runs `work` and writes its audit note in the same transaction. */
  apply<T>(actor: Actor, work: (tx: Repositories, db: Db) => Promise<Changed<T>>): Promise<T> {
    return this.deps.store.transaction(async (tx, db) => {
      const { value, audit } = await work(tx, db);
      const notes: readonly AuditNote[] = audit === null ? [] : 'action' in audit ? [audit] : audit;
      for (const note of notes) await this.deps.audit.recordIn(tx, actor, note);
      return value;
    });
  }
}
