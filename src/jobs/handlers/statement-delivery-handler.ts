/**
 * "Send all final statements of a period": one item per final statement, each e-mailed through
 * StatementDelivery — the same path as the single Send button, so the same "never twice" claim
 * (final → sent before the mail goes out) holds. A statement that is already `sent` when its
 * item runs (someone pressed Send meanwhile, or the item runs again after a crash) is skipped:
 * a resend stays an explicit single action. Only failures that certainly sent nothing are
 * retried automatically (MailFailedError.transient); an ambiguous one is reported for a person.
 */
import type { Actor } from '../../auth/principal.js';
import type { DeliveryRepository } from '../../db/repositories/delivery-repository.js';
import type { StatementRepository } from '../../db/repositories/statement-repository.js';
import type { UserRepository } from '../../db/repositories/user-repository.js';
import type { ItemOutcome, JobItem, JobRecord, PlannedItem } from '../../model/jobs.js';
import type { StatementDelivery } from '../../services/statement-delivery.js';
import { type BatchWork, decided, type HandlerContext, JobFailure, type JobHandler } from '../job-handler.js';
import { outcomeWithRetries } from '../retry-policy.js';
import { errorMessage } from '../transient.js';
import { type DeliveryJobParams, deliveryJobParamsSchema, deliveryJobPeriod } from './delivery-params.js';
import { actorOfJob, sendOutcome } from './send-outcome.js';

interface ItemPayload {
  statementId: string;
}

export class StatementDeliveryHandler implements JobHandler {
  readonly type = 'statement_delivery' as const;
  /**
   * One statement per batch: each is an e-mail, recorded as soon as it went out. In a larger batch
   * a crash after some mails would leave them unrecorded, and the batch's next run would find them
   * sent and report them skipped — true, but the job's summary would under-count what it mailed.
   */
  readonly batchSize = 1;

  constructor(
    private readonly deps: {
      statements: StatementRepository;
      users: UserRepository;
      delivery: StatementDelivery;
      deliveries: DeliveryRepository;
    },
  ) {}

  async plan(job: JobRecord): Promise<PlannedItem[]> {
    const params = this.params(job);
    const found = await this.deps.statements.finalForPeriod(deliveryJobPeriod(params), {
      ...(params.ownerId !== undefined ? { ownerId: params.ownerId } : {}),
      ...(params.propertyIds !== undefined ? { propertyIds: params.propertyIds } : {}),
    });
    // One statement per (property, period) (a unique index), so the property is the item's key.
    return found.map((s) => ({
      propertyId: s.propertyId,
      propertyName: s.propertyName ?? s.propertyId,
      ownerId: s.ownerId,
      payload: { statementId: s.id } satisfies ItemPayload,
    }));
  }

  /**
   * E-mails a batch's statements one after the other, each retried on its own when the mail
   * server fails transiently. Nothing to write at commit: each send claimed its statement
   * durably before the mail went out, so a batch that runs again finds them `sent` (skipped).
   */
  async runBatch(job: JobRecord, items: readonly JobItem[], ctx: HandlerContext): Promise<BatchWork> {
    const actor = await this.actorOf(job);
    const outcomes = new Map<string, ItemOutcome>();
    for (const item of items) {
      const outcome = await outcomeWithRetries(() => this.sendOne(item, actor), {
        policy: ctx.retry,
        signal: ctx.signal,
        attemptsSoFar: item.attempts,
        onFailedAttempt: async (error, attempt) => {
          await ctx.recordAttempt(item.propertyId);
          ctx.logger.warn(
            { propertyId: item.propertyId, err: errorMessage(error), attempt },
            'sending failed',
          );
        },
      });
      if (outcome === undefined) break;
      outcomes.set(item.propertyId, outcome);
    }
    return decided(outcomes);
  }

  private sendOne(item: JobItem, actor: Actor): Promise<ItemOutcome> {
    const { statementId } = item.payload as ItemPayload;
    return sendOutcome(
      () => this.deps.delivery.send(statementId, { resend: false }, actor),
      statementId,
      this.deps.deliveries,
    );
  }

  /** Mails of a job are attributed to the user who started it (the system for the schedule). */
  private actorOf(job: JobRecord): Promise<Actor> {
    return actorOfJob(this.deps.users, job);
  }

  private params(job: JobRecord): DeliveryJobParams {
    const parsed = deliveryJobParamsSchema.safeParse(job.params);
    if (!parsed.success) throw new JobFailure(`the job's parameters are not valid: ${parsed.error.message}`);
    return parsed.data;
  }
}
