/**
 * One action on many statements (POST /api/statements/bulk): finalize, back to draft, send to
 * the owners, delete drafts. Each statement goes through the use case of the single action —
 * StatementLifecycle or StatementDelivery — so the same rules hold and each change is written
 * with its own audit row in its own transaction: a refused statement rolls nothing else back.
 *
 * Idempotent by design: a statement already in the status asked for is done without a change
 * (`changed: false`, no audit row); sending never mails twice (an already sent statement is
 * refused `already_sent`, a resend stays an explicit single action); only drafts are deleted
 * (a statement that no longer exists is refused `not_found`).
 *
 * Small selections are carried out in the request; larger ones (SYNC_LIMITS) as a background
 * job (src/jobs/handlers/bulk-action-handler.ts), which runs BulkActionSteps.perform per statement.
 */
import type { Actor } from '../auth/principal.js';
import { type BulkAction, MAX_BULK_MATCHING } from '../contract/bulk-actions.js';
import type {
  StatementFilter,
  StatementLabel,
  StatementRepository,
  StoredStatement,
} from '../db/repositories/statement-repository.js';
import type { Period, StatementStatus } from '../domain/types.js';
import type { JobRecord } from '../model/jobs.js';
import { DomainError, unprocessable } from './errors.js';
import type { JobStarter } from './job-starter.js';
import type { StatementDelivery } from './statement-delivery.js';
import type { StatementLifecycle } from './statement-lifecycle.js';

/**
 * The most statements carried out within the request; more run as a job with a progress bar.
 * Sending renders a PDF and talks to the mail server per statement, so fewer fit a request.
 */
export const SYNC_LIMITS: Readonly<Record<BulkAction, number>> = {
  finalize: 50,
  draft: 50,
  delete: 50,
  send: 10,
};

interface Label {
  id: string;
  propertyId: string | null;
  propertyName: string | null;
  period: Period | null;
}

export interface BulkDone extends Label {
  /** The statement's status now; null once deleted. */
  status: StatementStatus | null;
  /** False when the statement already was as asked (nothing written, no audit row). */
  changed: boolean;
}

export interface BulkRefused extends Label {
  /** The DomainError's code (invalid_transition, not_a_draft, already_sent, no_recipient…). */
  code: string;
  message: string;
}

export interface BulkResult {
  action: BulkAction;
  done: BulkDone[];
  refused: BulkRefused[];
}

export type BulkAnswer =
  | { kind: 'result'; result: BulkResult }
  /** A job carries it out; `count` statements were selected when it was asked for. */
  | { kind: 'job'; job: JobRecord; created: boolean; count: number };

export interface BulkRequest {
  action: BulkAction;
  ids?: readonly string[];
  filter?: StatementFilter;
}

const labelOf = (
  s: Pick<StoredStatement | StatementLabel, 'id' | 'propertyId' | 'propertyName' | 'period'>,
) => ({
  id: s.id,
  propertyId: s.propertyId,
  propertyName: s.propertyName,
  period: s.period,
});

/**
 * What a bulk action does per statement, and which statements a filter selects: shared by the
 * request (BulkStatementActions) and the job's handler, which has no job starter to hand.
 */
export class BulkActionSteps {
  constructor(
    private readonly deps: {
      statements: StatementRepository;
      lifecycle: StatementLifecycle;
      delivery: StatementDelivery;
    },
  ) {}

  /** The ids the list shows for `filter`, newest first; 422 `too_many_statements` beyond the cap. */
  async select(filter: StatementFilter): Promise<string[]> {
    const ids = await this.deps.statements.idsMatching(filter, MAX_BULK_MATCHING + 1);
    if (ids.length > MAX_BULK_MATCHING) {
      throw unprocessable(
        'too_many_statements',
        `the filters match more than ${MAX_BULK_MATCHING} statements; narrow them (for example to one period)`,
      );
    }
    return ids;
  }

  /** The labels of those of `ids` that exist. */
  labelsOf(ids: readonly string[]): Promise<Map<string, StatementLabel>> {
    return this.deps.statements.labelsOf(ids);
  }

  /**
   * The action on one statement, through its single-statement use case (its own transaction and
   * audit row). A refusal is thrown as that use case's DomainError.
   */
  async perform(action: BulkAction, id: string, actor: Actor): Promise<BulkDone> {
    const { lifecycle, delivery } = this.deps;
    switch (action) {
      case 'finalize':
      case 'draft': {
        const to = action === 'finalize' ? 'final' : 'draft';
        const { statement, changed } = await lifecycle.moveTo(id, to, actor);
        return { ...labelOf(statement), status: statement.status, changed };
      }
      case 'delete': {
        const deleted = await lifecycle.deleteDraft(id, actor);
        return { ...labelOf(deleted), status: null, changed: true };
      }
      case 'send': {
        const { statement } = await delivery.send(id, { resend: false }, actor);
        return { ...labelOf(statement), status: statement.status, changed: true };
      }
    }
  }
}

export class BulkStatementActions {
  private readonly limits: Readonly<Record<BulkAction, number>>;

  constructor(
    private readonly deps: {
      steps: BulkActionSteps;
      jobs: JobStarter;
      /** Overrides of SYNC_LIMITS (tests). */
      syncLimits?: Partial<Record<BulkAction, number>>;
    },
  ) {
    this.limits = { ...SYNC_LIMITS, ...deps.syncLimits };
  }

  /** Carries the action out now, or starts the job that does (an identical running job is reused). */
  async run(request: BulkRequest, actor: Actor): Promise<BulkAnswer> {
    const { steps, jobs } = this.deps;
    const { action, filter } = request;
    const ids = request.ids ? [...new Set(request.ids)] : await steps.select(filter ?? {});
    if (ids.length > this.limits[action]) {
      const { job, created } = await jobs.startBulkStatementAction(
        filter !== undefined ? { action, filter } : { action, statementIds: ids },
        actor,
      );
      return { kind: 'job', job, created, count: ids.length };
    }
    const labels = await steps.labelsOf(ids);
    const result: BulkResult = { action, done: [], refused: [] };
    for (const id of ids) {
      try {
        result.done.push(await steps.perform(action, id, actor));
      } catch (error) {
        // Anything but a refusal (the database failing) is the request's failure: what was
        // done is done and audited, and running the same request again is safe.
        if (!(error instanceof DomainError)) throw error;
        const label = labels.get(id);
        result.refused.push({
          ...(label ? labelOf(label) : { id, propertyId: null, propertyName: null, period: null }),
          code: error.code,
          message: error.message,
        });
      }
    }
    return { kind: 'result', result };
  }
}
