/**
 * A bulk action on a large selection of statements (POST /api/statements/bulk): one item per
 * statement, each carried out through BulkStatementActions.perform — the single-statement use
 * case, its own transaction and audit row — so one refusal rolls nothing else back.
 *
 * Items are keyed by statement id (a selection may hold several periods of one property); the
 * item's name is the property's name and the period. Outcomes: done → succeeded (the result's
 * `generated` list); refused because of the statement's state (`invalid_transition`,
 * `not_a_draft`, `not_final`, `already_sent`, `not_found`) → skipped with that code as reason;
 * anything else (`no_recipient`, a mail that failed for good) → an error with code and message.
 * Sends follow the "send all" job's rules (src/jobs/handlers/send-outcome.ts).
 */
import type { Actor } from '../../auth/principal.js';
import type { DeliveryRepository } from '../../db/repositories/delivery-repository.js';
import type { UserRepository } from '../../db/repositories/user-repository.js';
import type { ItemOutcome, JobItem, JobRecord, PlannedItem } from '../../model/jobs.js';
import type { BulkActionSteps } from '../../services/bulk-statement-actions.js';
import { ConcurrentChangeError, DomainError } from '../../services/errors.js';
import { type BatchWork, decided, type HandlerContext, JobFailure, type JobHandler } from '../job-handler.js';
import { outcomeWithRetries } from '../retry-policy.js';
import { errorMessage } from '../transient.js';
import { type BulkActionJobParams, bulkActionJobParamsSchema } from './bulk-action-params.js';
import { actorOfJob, sendOutcome, TransientItemError } from './send-outcome.js';

/** Refusals that say the statement is not (or no longer) in a state the action applies to. */
const STATE_REFUSALS = new Set([
  'invalid_transition',
  'not_a_draft',
  'not_final',
  'already_sent',
  'not_found',
]);

export class BulkActionHandler implements JobHandler {
  readonly type = 'bulk_statement_action' as const;
  /**
   * One statement per batch, as for "send all": each change is committed with its audit row
   * before the item is recorded, and a larger batch cut short by a crash would, on its next run,
   * report the statements it had already changed as refused (deleted: `not_found`).
   */
  readonly batchSize = 1;

  constructor(
    private readonly deps: {
      bulk: BulkActionSteps;
      users: UserRepository;
      deliveries: DeliveryRepository;
    },
  ) {}

  async plan(job: JobRecord): Promise<PlannedItem[]> {
    const params = this.params(job);
    let ids: string[];
    try {
      ids =
        'statementIds' in params
          ? [...new Set(params.statementIds)]
          : await this.deps.bulk.select(params.filter);
    } catch (error) {
      if (error instanceof DomainError) throw new JobFailure(error.message);
      throw error;
    }
    const labels = await this.deps.bulk.labelsOf(ids);
    return ids.map((id) => {
      const label = labels.get(id);
      return {
        propertyId: id,
        // A statement gone before planning keeps its id as its name (it is refused `not_found`).
        propertyName: label
          ? `${label.propertyName ?? label.propertyId}, ${label.period.start} to ${label.period.end}`
          : id,
        ownerId: label?.ownerId ?? null,
        payload: null,
      };
    });
  }

  async runBatch(job: JobRecord, items: readonly JobItem[], ctx: HandlerContext): Promise<BatchWork> {
    const { action } = this.params(job);
    const actor = await actorOfJob(this.deps.users, job);
    const outcomes = new Map<string, ItemOutcome>();
    for (const item of items) {
      const outcome = await outcomeWithRetries(() => this.actOn(action, item.propertyId, actor), {
        policy: ctx.retry,
        signal: ctx.signal,
        attemptsSoFar: item.attempts,
        onFailedAttempt: async (error, attempt) => {
          await ctx.recordAttempt(item.propertyId);
          ctx.logger.warn(
            { statementId: item.propertyId, action, err: errorMessage(error), attempt },
            'bulk action failed on a statement',
          );
        },
      });
      if (outcome === undefined) break;
      outcomes.set(item.propertyId, outcome);
    }
    return decided(outcomes);
  }

  private async actOn(action: BulkActionJobParams['action'], id: string, actor: Actor): Promise<ItemOutcome> {
    const { bulk, deliveries } = this.deps;
    if (action === 'send') return sendOutcome(() => bulk.perform('send', id, actor), id, deliveries);
    try {
      await bulk.perform(action, id, actor);
      return { status: 'succeeded', statementId: id };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Changed by someone else between our read and our write: a moment later it is either
      // possible again or in a state that refuses it.
      if (error instanceof ConcurrentChangeError) throw new TransientItemError(error.message, error.code);
      if (STATE_REFUSALS.has(error.code)) return { status: 'skipped', reason: error.code };
      return { status: 'failed', code: error.code, error: error.message };
    }
  }

  private params(job: JobRecord): BulkActionJobParams {
    const parsed = bulkActionJobParamsSchema.safeParse(job.params);
    if (!parsed.success) throw new JobFailure(`the job's parameters are not valid: ${parsed.error.message}`);
    return parsed.data;
  }
}
