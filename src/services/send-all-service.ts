/**
 * "Send all final statements of a period": says what would be sent, and starts the background
 * job that sends them (src/jobs/handlers/statement-delivery-handler.ts does the mailing).
 */
import type { Actor } from '../auth/principal.js';
import type { StatementRepository } from '../db/repositories/statement-repository.js';
import type { JobRecord } from '../model/jobs.js';
import { DomainError } from './errors.js';
import type { JobStarter, StatementDeliveryRequest } from './job-starter.js';

export class SendAllService {
  constructor(private readonly deps: { statements: StatementRepository; jobs: JobStarter }) {}

  preview(request: StatementDeliveryRequest) {
    return this.deps.statements.finalForPeriod(
      request.period,
      request.ownerId !== undefined ? { ownerId: request.ownerId } : {},
    );
  }

  /**
   * Queues the job. 422 when there is nothing to send; 409 while the same sending is running
   * (the user is pointed at that job rather than given a second one).
   */
  async start(request: StatementDeliveryRequest, actor: Actor): Promise<{ job: JobRecord; count: number }> {
    const ready = await this.preview(request);
    const period = `${request.period.start} to ${request.period.end}`;
    if (ready.length === 0) {
      throw new DomainError(
        'unprocessable',
        'nothing_to_send',
        `no final, unsent statement for ${period}${request.ownerId ? ` and owner ${request.ownerId}` : ''}; finalize statements first`,
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
    return { job, count: ready.length };
  }
}
