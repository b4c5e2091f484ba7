/**
 * The port through which use cases start background jobs. The job service (src/jobs) implements
 * it and compose.ts wires it in; services depend on this interface, never on the job service,
 * because src/jobs depends on services (its handlers run them) and not the other way round.
 */
import type { JobRecord } from '../model/jobs.js';

/** What a "send all final statements of a period" job is asked to send. */
export interface StatementDeliveryRequest {
  periodStart: string;
  periodEnd: string;
  /** Only this owner's statements; every owner's when absent. */
  ownerId?: string;
}

export interface JobStarter {
  /**
   * Queues the delivery job, or returns the identical unfinished one (`created: false`): identical
   * requests share one job.
   */
  startStatementDelivery(
    request: StatementDeliveryRequest,
    createdBy: string | null,
  ): Promise<{ job: JobRecord; created: boolean }>;
}
