/**
 * The port through which use cases start background jobs. The job service (src/jobs) implements
 * it and compose.ts wires it in; services depend on this interface, never on the job service,
 * because src/jobs depends on services (its handlers run them) and not the other way round.
 */
import type { Actor } from '../auth/principal.js';
import type { BulkAction } from '../contract/bulk-actions.js';
import type { StatementFilter } from '../db/repositories/statement-repository.js';
import type { CalculationType, Period } from '../domain/types.js';
import type { JobRecord } from '../model/jobs.js';

/** What a "send all final statements of a period" job is asked to send. */
export interface StatementDeliveryRequest {
  period: Period;
  /** Only this owner's statements; every owner's when absent. */
  ownerId?: string;
}

/** What a "Generate All" job is asked to generate. */
export interface BulkGenerationRequest {
  period: Period;
  calculationType: CalculationType;
  /** Only properties carrying this Hostify tag. */
  tag?: string;
}

/**
 * A bulk action on statements: exactly these ids, or the statements that match the filter when
 * the job plans (moments after the request that counted them).
 */
export type BulkStatementActionRequest = { action: BulkAction } & (
  | { statementIds: readonly string[]; filter?: undefined }
  | { filter: StatementFilter; statementIds?: undefined }
);

export interface JobStarter {
  /**
   * Queues the delivery job with its `job.created` audit row (one transaction), or returns the
   * identical unfinished one (`created: false`): identical requests share one job.
   */
  startStatementDelivery(
    request: StatementDeliveryRequest,
    actor: Actor,
  ): Promise<{ job: JobRecord; created: boolean }>;

  /** The same for "Generate All" of a period (optionally one Hostify tag's properties). */
  startBulkGeneration(
    request: BulkGenerationRequest,
    actor: Actor,
  ): Promise<{ job: JobRecord; created: boolean }>;

  /** The same for a bulk action on statements (identical selections share one unfinished job). */
  startBulkStatementAction(
    request: BulkStatementActionRequest,
    actor: Actor,
  ): Promise<{ job: JobRecord; created: boolean }>;
}
