/** Stored records → the HTTP contract's shapes. */
import type { BulkAction, BulkResultDto } from '../contract/bulk-actions.js';
import type { JobAccepted, JobDto, JobFinishedEventDto } from '../contract/jobs.js';
import type { OwnerDetailsDto, OwnerStatementDto } from '../contract/owner-statements.js';
import type { StatementDto, StatementSummaryDto } from '../contract/statements.js';
import type { Owner } from '../db/repositories/catalog-repository.js';
import type { StatementSummary, StoredStatement } from '../db/repositories/statement-repository.js';
import type { OwnerDelivery } from '../domain/owner-sending-plan.js';
import type { JobRecord, JobType } from '../model/jobs.js';
import type { BulkResult } from '../services/bulk-statement-actions.js';
import type { OwnerOverview, OwnerStatement } from '../services/owner-statements.js';

export function presentStatement(s: StoredStatement): StatementDto {
  const { period, ...rest } = s;
  return { ...rest, periodStart: period.start, periodEnd: period.end };
}

export function presentStatementSummary(s: StatementSummary): StatementSummaryDto {
  const { period, ...rest } = s;
  return { ...rest, periodStart: period.start, periodEnd: period.end };
}

export const presentOwner = (o: Owner, propertyCount: number, delivery: OwnerDelivery) => ({
  id: o.id,
  email: o.email,
  firstName: o.firstName,
  lastName: o.lastName,
  name: `${o.firstName} ${o.lastName}`.trim(),
  propertyCount,
  delivery,
});

export function presentOwnerStatement(o: OwnerStatement): OwnerStatementDto {
  const { period, sections, ...rest } = o;
  return {
    ...rest,
    periodStart: period.start,
    periodEnd: period.end,
    sections: sections.map(presentStatement),
  };
}

export function presentOwnerDetails(o: OwnerOverview): OwnerDetailsDto {
  const { id, email, firstName, lastName, name, isActive, delivery } = o.owner;
  return {
    owner: { id, email, firstName, lastName, name, isActive, delivery },
    properties: o.properties,
    periods: o.periods.map(({ period, statements }) => ({
      periodStart: period.start,
      periodEnd: period.end,
      statements,
    })),
  };
}

export function presentJob(job: JobRecord): JobDto {
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    progress: job.progress,
    total: job.total,
    startedAt: job.startedAt,
    completedAt: job.completedAt,
    result: job.result,
    error: job.error,
    params: job.params,
    createdAt: job.createdAt,
    counts: job.counts,
    retryOf: job.retryOf,
    createdBy: job.createdBy,
  };
}

/** The final event of a job's event stream: small whatever the job's size (no result lists). */
export function presentFinishedEvent(
  job: JobRecord,
  summary: JobFinishedEventDto['summary'] = job.result?.summary ?? null,
): JobFinishedEventDto {
  const { result: _lists, ...rest } = presentJob(job);
  return { ...rest, summary };
}

const ACCEPTED_MESSAGES: Record<JobType, string> = {
  bulk_statement_generation: 'Bulk statement generation started in background',
  statement_delivery: 'Sending the final statements started in background',
  bulk_statement_action: 'The bulk action started in background',
};

export function presentAccepted(jobId: string, type: JobType = 'bulk_statement_generation'): JobAccepted {
  return {
    message: ACCEPTED_MESSAGES[type],
    jobId,
    status: 'processing',
    note: 'This may take several minutes to complete...',
    statusUrl: `/api/statements/jobs/${jobId}`,
  };
}

const BULK_ACCEPTED: Record<BulkAction, (n: number) => string> = {
  finalize: (n) => `Finalizing ${n} statement(s) in background`,
  draft: (n) => `Moving ${n} statement(s) back to draft in background`,
  send: (n) => `Sending ${n} statement(s) to their owners in background`,
  delete: (n) => `Deleting ${n} draft(s) in background`,
};

/** The 202 of a bulk action that runs as a job. */
export function presentBulkAccepted(jobId: string, action: BulkAction, count: number) {
  return {
    ...presentAccepted(jobId, 'bulk_statement_action'),
    message: BULK_ACCEPTED[action](count),
    action,
    count,
  };
}

/** A bulk action's answer: the periods as the API names them. */
export function presentBulkResult(result: BulkResult): BulkResultDto {
  const dto = <T extends { period: { start: string; end: string } | null }>({ period, ...rest }: T) => ({
    ...rest,
    periodStart: period?.start ?? null,
    periodEnd: period?.end ?? null,
  });
  return { action: result.action, done: result.done.map(dto), refused: result.refused.map(dto) };
}
