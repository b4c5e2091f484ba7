/**
 * Parameters of a bulk generation job, as stored with the job (and shown as its `params`). The
 * stored names are the spec's (`startDate`/`endDate`); inside the server the period travels as
 * a `Period`, converted here both ways.
 */
import { z } from 'zod';
import { calculationTypeSchema } from '../../contract/statements.js';
import type { Period } from '../../domain/types.js';
import type { BulkGenerationRequest } from '../../services/job-starter.js';

export const bulkJobParamsSchema = z.object({
  startDate: z.string(),
  endDate: z.string(),
  calculationType: calculationTypeSchema,
  /** Only these properties (a retry of the failed ones); all owned properties when absent. */
  propertyIds: z.array(z.string()).optional(),
  /** Only the owned properties whose Hostify listing tags hold this tag (trimmed, any case). */
  tag: z.string().optional(),
});
export type BulkJobParams = z.infer<typeof bulkJobParamsSchema>;

/** The stored params of a "Generate All" request. */
export function bulkJobParams(request: BulkGenerationRequest): BulkJobParams {
  return {
    startDate: request.period.start,
    endDate: request.period.end,
    calculationType: request.calculationType,
    ...(request.tag === undefined ? {} : { tag: request.tag }),
  };
}

/** The period a bulk job generates. */
export function bulkJobPeriod(params: BulkJobParams): Period {
  return { start: params.startDate, end: params.endDate };
}

/** Identical requests share one unfinished job. */
export function bulkDedupeKey(params: BulkJobParams): string {
  const scope = params.propertyIds ? [...params.propertyIds].sort().join(',') : '*';
  const tag = params.tag === undefined ? '' : `:tag=${params.tag.trim().toLowerCase()}`;
  return `bulk:${params.startDate}:${params.endDate}:${params.calculationType}:${scope}${tag}`;
}
