/** How each job type is named in the app: its label, what a finished item is, and its period. */
import type { JobDto, JobType } from './api.js';
import { formatPeriod } from './format.js';

export const JOB_TYPE_LABELS: Record<JobType, string> = {
  bulk_statement_generation: 'Generate All',
  statement_delivery: 'Send all',
  bulk_statement_action: 'Bulk action',
};

/** A bulk action job (`params.action`): its name, and what a succeeded item did. */
export const BULK_ACTION_WORDS: Record<string, { label: string; done: string }> = {
  finalize: { label: 'Finalize', done: 'finalized' },
  draft: { label: 'Back to draft', done: 'moved back to draft' },
  send: { label: 'Send to owners', done: 'sent' },
  delete: { label: 'Delete drafts', done: 'deleted' },
};

const bulkWords = (params: JobDto['params'] | undefined) =>
  typeof params?.action === 'string' ? BULK_ACTION_WORDS[params.action] : undefined;

/** The job's name: its type's label, or for a bulk action the action ("Finalize"). */
export const jobTypeLabel = (job: Pick<JobDto, 'type' | 'params'>): string =>
  (job.type === 'bulk_statement_action' ? bulkWords(job.params)?.label : undefined) ??
  JOB_TYPE_LABELS[job.type];

/**
 * What a succeeded item did: a statement generated, or e-mailed; for a bulk action, what the
 * action did (pass the job's params).
 */
export const doneWord = (type: JobType | undefined, params?: JobDto['params']): string => {
  if (type === 'bulk_statement_action') return bulkWords(params)?.done ?? 'done';
  return type === 'statement_delivery' ? 'sent' : 'generated';
};

/**
 * The period of a job (generation: startDate/endDate; sending: periodStart/periodEnd; a bulk
 * action by filters: filter.periodStart/periodEnd).
 */
export function jobPeriodOf(job: Pick<JobDto, 'params'> | null | undefined): string | null {
  const p = job?.params ?? {};
  // A bulk action selected by the list's filters keeps them under `filter`.
  const f: Record<string, unknown> = typeof p.filter === 'object' && p.filter !== null ? { ...p.filter } : {};
  const start = p.startDate ?? p.periodStart ?? f.periodStart;
  const end = p.endDate ?? p.periodEnd ?? f.periodEnd;
  return typeof start === 'string' && typeof end === 'string' ? formatPeriod(start, end) : null;
}
