/** Parameters of a bulk generation job, as stored with the job (and shown as its `params`). */
import { z } from 'zod';
import { calculationTypeSchema } from '../../contract/statements.js';

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

/** Identical requests share one unfinished job. */
export function bulkDedupeKey(params: BulkJobParams): string {
  const scope = params.propertyIds ? [...params.propertyIds].sort().join(',') : '*';
  const tag = params.tag === undefined ? '' : `:tag=${params.tag.trim().toLowerCase()}`;
  return `bulk:${params.startDate}:${params.endDate}:${params.calculationType}:${scope}${tag}`;
}
