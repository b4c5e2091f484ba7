/**
 * "Send all final statements of a period": one item per e-mail, planned per owner
 * (src/domain/owner-sending-plan.ts). A `combined` owner's item e-mails all their statements of
 * the period as one PDF through OwnerDelivery, which claims all of them or none before the mail
 * goes out; an owner with a draft left is skipped `not_ready` and nothing of theirs is sent. A
 * `per_property` owner's statements are one item each, e-mailed through StatementDelivery — the
 * same path as the single Send button, so the same "never twice" claim (final → sent before the
 * mail goes out) holds. Whatever is already `sent` when its item runs (someone pressed Send
 * meanwhile, or the item runs again after a crash) is skipped: a resend stays an explicit single
 * action. Only failures that certainly sent nothing are retried automatically
 * (MailFailedError.transient); an ambiguous one is reported for a person.
 */
import type { Actor } from '../../auth/principal.js';
import type { DeliveryRepository } from '../../db/repositories/delivery-repository.js';
import type { UserRepository } from '../../db/repositories/user-repository.js';
import type { ItemOutcome, JobItem, JobRecord, PlannedItem } from '../../model/jobs.js';
import type { OwnerDelivery } from '../../services/owner-delivery.js';
import type { SendingPlanner } from '../../services/sending-planner.js';
import type { StatementDelivery } from '../../services/statement-delivery.js';
import { type BatchWork, decided, type HandlerContext, JobFailure, type JobHandler } from '../job-handler.js';
import { outcomeWithRetries } from '../retry-policy.js';
import { errorMessage } from '../transient.js';
import { deliveryItemPayloadSchema, deliveryItems, itemsForRetry } from './delivery-items.js';
import { type DeliveryJobParams, deliveryJobParamsSchema, deliveryJobPeriod } from './delivery-params.js';
import { actorOfJob, deliveryOutcome, sendOutcome } from './send-outcome.js';

export class StatementDeliveryHandler implements JobHandler {
  readonly type = 'statement_delivery' as const;
  /**
   * One e-mail per batch (an owner's or a statement's), recorded as soon as it went out. In a larger batch
   * a crash after some mails would leave them unrecorded, and the batch's next run would find them
   * sent and report them skipped — true, but the job's summary would under-count what it mailed.
   */
  readonly batchSize = 1;

  constructor(
    private readonly deps: {
      planner: SendingPlanner;
      users: UserRepository;
      delivery: StatementDelivery;
      ownerDelivery: OwnerDelivery;
      deliveries: DeliveryRepository;
    },
  ) {}

  /**
   * One item per e-mail the plan sends, and one per combined owner it does not (not ready, all
   * sent), so the result lists them. Keys: `owner:<ownerId>`, or the property (one statement per
   * property and period, a unique index). A retry (`propertyIds`: the failed items' keys)
   * plans again and keeps what those keys name — an owner always whole.
   */
  async plan(job: JobRecord): Promise<PlannedItem[]> {
    const params = this.params(job);
    const plan = await this.deps.planner.plan(
      deliveryJobPeriod(params),
      params.ownerId !== undefined ? { ownerId: params.ownerId } : {},
    );
    const items = deliveryItems(plan);
    return params.propertyIds !== undefined ? itemsForRetry(items, params.propertyIds) : items;
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
      const outcome = await outcomeWithRetries(() => this.sendOne(job, item, actor), {
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

  private sendOne(job: JobRecord, item: JobItem, actor: Actor): Promise<ItemOutcome> {
    const parsed = deliveryItemPayloadSchema.safeParse(item.payload);
    if (!parsed.success) {
      return Promise.resolve({
        status: 'failed',
        code: 'invalid_item',
        error: "the item's payload is not valid",
      });
    }
    const payload = parsed.data;
    if (payload.kind === 'owner') {
      const period = deliveryJobPeriod(this.params(job));
      return deliveryOutcome(
        () => this.deps.ownerDelivery.sendCombined(payload.ownerId, period, actor),
        {
          statementId: null,
          planned: payload.statements.filter((s) => s.status === 'final').map((s) => s.statementId),
        },
        this.deps.deliveries,
      );
    }
    const { statementId } = payload;
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
