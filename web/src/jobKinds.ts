/** How each job type is named in the app: its label, what a finished item is, and its period. */
import type { JobDto, JobType } from './api.js';
import { formatPeriod } from './format.js';

export const JOB_TYPE_LABELS: Record<JobType, string> = {
  bulk_statement_generation: 'Generate All',
  statement_delivery: 'Send all',
};

/** What a succeeded item did: a statement generated, or e-mailed. */
export const doneWord = (type: JobType | undefined): string =>
  type === 'statement_delivery' ? 'sent' : 'generated';

/** The period of either job type (generation: startDate/endDate; sending: periodStart/periodEnd). */
export function jobPeriodOf(job: Pick<JobDto, 'params'> | null | undefined): string | null {
  const p = job?.params ?? {};
  const start = p.startDate ?? p.periodStart;
  const end = p.endDate ?? p.periodEnd;
  return typeof start === 'string' && typeof end === 'string' ? formatPeriod(start, end) : null;
}
