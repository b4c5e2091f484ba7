/**
 * "Send all final statements of a period": says what would be sent — per owner: one e-mail to
 * each combined owner whose statements are all final, one per statement for per-property owners,
 * and the owners not ready (drafts left) — and starts the background job that sends it
 * (src/jobs/handlers/statement-delivery-handler.ts does the mailing, from the same plan).
 */
import type { Actor } from '../auth/principal.js';
import {
  ownersMailed,
  type PeriodStatement,
  type SendingPlan,
  statementsToSend,
} from '../domain/owner-sending-plan.js';
import type { JobRecord } from '../model/jobs.js';
import { DomainError } from './errors.js';
import type { JobStarter, StatementDeliveryRequest } from './job-starter.js';
import type { SendingPlanner } from './sending-planner.js';

const label = (s: PeriodStatement) => ({
  id: s.id,
  propertyId: s.propertyId,
  propertyName: s.propertyName,
  ownerId: s.ownerId,
  status: s.status,
});

/** What the preview answers (src/contract/delivery.ts sendAllPreviewSchema). */
export function presentPlan(plan: SendingPlan) {
  const toSend = statementsToSend(plan);
  return {
    /** Statements the e-mails mark sent. */
    count: toSend.length,
    statements: toSend.map(label),
    emails: plan.mails.length,
    owners: ownersMailed(plan),
    mails: plan.mails.map((m) =>
      m.kind === 'owner'
        ? {
            kind: 'owner' as const,
            ownerId: m.ownerId,
            ownerName: m.ownerName,
            statements: m.sections.map(label),
          }
        : {
            kind: 'statement' as const,
            ownerId: m.ownerId,
            ownerName: m.ownerName,
            statements: [label(m.statement)],
          },
    ),
    notReady: plan.notReady.map((o) => ({
      ownerId: o.ownerId,
      ownerName: o.ownerName,
      drafts: o.drafts.map(label),
      finals: o.finals.map(label),
    })),
    alreadySent: plan.alreadySent.map((o) => ({
      ownerId: o.ownerId,
      ownerName: o.ownerName,
      statements: o.sections.map(label),
    })),
  };
}
export type SendAllPlanView = ReturnType<typeof presentPlan>;

export class SendAllService {
  constructor(private readonly deps: { planner: SendingPlanner; jobs: JobStarter }) {}

  async preview(request: StatementDeliveryRequest): Promise<SendAllPlanView> {
    return presentPlan(await this.plan(request));
  }

  /**
   * Queues the job. 422 when no e-mail would go out (nothing final, or only owners not ready);
   * 409 while the same sending is running (the user is pointed at that job rather than given a
   * second one).
   */
  async start(
    request: StatementDeliveryRequest,
    actor: Actor,
  ): Promise<{ job: JobRecord; count: number; emails: number; owners: number }> {
    const plan = await this.plan(request);
    const period = `${request.period.start} to ${request.period.end}`;
    if (plan.mails.length === 0) {
      const waiting = plan.notReady.length;
      throw new DomainError(
        'unprocessable',
        'nothing_to_send',
        `no final, unsent statement for ${period}${request.ownerId ? ` and owner ${request.ownerId}` : ''}${
          waiting > 0
            ? ` that can be sent: ${waiting} owner${waiting === 1 ? ' has' : 's have'} draft statements left (an owner is sent the whole period at once)`
            : ''
        }; finalize statements first`,
        waiting > 0 ? { notReady: plan.notReady.map((o) => o.ownerId) } : undefined,
      );
    }
    const { job, created } = await this.deps.jobs.startStatementDelivery(request, actor);
    if (!created) {
      throw new DomainError(
        'conflict',
        'job_running',
        `the statements of ${period} are already being sent (job ${job.id})`,
        {
          jobId: job.id,
        },
      );
    }
    return {
      job,
      count: statementsToSend(plan).length,
      emails: plan.mails.length,
      owners: ownersMailed(plan),
    };
  }

  private plan(request: StatementDeliveryRequest): Promise<SendingPlan> {
    return this.deps.planner.plan(
      request.period,
      request.ownerId !== undefined ? { ownerId: request.ownerId } : {},
    );
  }
}
