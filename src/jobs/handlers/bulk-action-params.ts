/**
 * Parameters of a bulk action job, as stored with the job (and shown as its `params`): the
 * action and either the statement ids or the list's filters (resolved when the job plans, so a
 * selection of thousands is not copied into the job record, its audit row and its log line).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { bulkActionSchema, statementFilterSchema } from '../../contract/bulk-actions.js';
import type { BulkStatementActionRequest } from '../../services/job-starter.js';

export const bulkActionJobParamsSchema = z.union([
  z.object({ action: bulkActionSchema, statementIds: z.array(z.string()).min(1) }),
  z.object({ action: bulkActionSchema, filter: statementFilterSchema }),
]);
export type BulkActionJobParams = z.infer<typeof bulkActionJobParamsSchema>;

/** The stored params of a request (the filter without absent fields, so equal filters match). */
export function bulkActionJobParams(request: BulkStatementActionRequest): BulkActionJobParams {
  if (request.statementIds !== undefined) {
    return { action: request.action, statementIds: [...request.statementIds] };
  }
  const filter = Object.fromEntries(
    Object.entries(request.filter)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return { action: request.action, filter };
}

/**
 * Identical selections share one unfinished job. The ids are hashed: a key of thousands of ids
 * would not fit a unique index entry.
 */
export function bulkActionDedupeKey(params: BulkActionJobParams): string {
  const selection =
    'statementIds' in params
      ? `ids:${createHash('sha256')
          .update([...new Set(params.statementIds)].sort().join(','))
          .digest('hex')}`
      : `filter:${JSON.stringify(params.filter)}`;
  return `bulk_action:${params.action}:${selection}`;
}
