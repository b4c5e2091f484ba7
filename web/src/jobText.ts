/**
 * A job in words, the same on the live line, the history and the job's page: its title
 * ("Generate All · October 2025"), its outcome ("Completed with errors", amber), its progress
 * ("32 / 160"; a cancelled job "32 of 160 before it was cancelled", never "0 / ?") and its
 * counts ("155 generated, 4 skipped, 1 error").
 */
import { monthPeriod } from '../../src/domain/dates.js';
import type { JobDto } from './api.js';
import { formatDateRange } from './format.js';
import { doneWord, jobTypeLabel } from './jobKinds.js';
import { plural } from './plural.js';

/** What the texts need of a job: a fetched job, a stream's final event and the live state all have it. */
export type JobProgressLike = Pick<JobDto, 'status' | 'progress' | 'total' | 'counts' | 'error'>;
/** Which job it is (its type and params); absent while the job has not been fetched yet. */
export type JobKind = Pick<JobDto, 'type' | 'params'>;

/**
 * How a job ended (or that it has not): the colour of its line and badge. A completed job with
 * errors is a warning, not a success: something needs doing.
 */
export type JobTone = 'queued' | 'running' | 'success' | 'warning' | 'failed' | 'cancelled';

export const JOB_TONE_WORDS: Record<JobTone, string> = {
  queued: 'Queued',
  running: 'Running',
  success: 'Completed',
  warning: 'Completed with errors',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function jobTone(job: Pick<JobProgressLike, 'status' | 'counts'>): JobTone {
  switch (job.status) {
    case 'queued':
      return 'queued';
    case 'processing':
      return 'running';
    case 'completed':
      return job.counts.errors > 0 ? 'warning' : 'success';
    case 'failed':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
  }
}

const longMonth = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', year: 'numeric', month: 'long' });

/** A period in words: a whole calendar month as "October 2025", anything else as "Oct 1 – 15, 2025". */
export function periodInWords(start: string, end: string): string {
  const from = new Date(`${start}T00:00:00Z`);
  if (!Number.isNaN(from.getTime())) {
    const month = monthPeriod(from.getUTCFullYear(), from.getUTCMonth() + 1);
    if (month.start === start && month.end === end) return longMonth.format(from);
  }
  return formatDateRange(start, end);
}

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** The period a job is about: generation's startDate/endDate, sending's periodStart/periodEnd, a bulk filter's. */
function periodOf(params: JobDto['params']): string | null {
  const filter = (params.filter ?? {}) as Record<string, unknown>;
  const start = text(params.startDate) ?? text(params.periodStart) ?? text(filter.periodStart);
  const end = text(params.endDate) ?? text(params.periodEnd) ?? text(filter.periodEnd);
  return start && end ? periodInWords(start, end) : null;
}

/** The job's name: "Generate All · October 2025", "Send all · October 2025", "Bulk finalize · 12 statements". */
export function jobTitle(job: JobKind | null | undefined): string {
  if (!job) return 'Background job';
  const label = jobTypeLabel(job);
  if (job.type !== 'bulk_statement_action') {
    const period = periodOf(job.params);
    return period ? `${label} · ${period}` : label;
  }
  const name = label.startsWith('Bulk') ? label : `Bulk ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
  const ids = job.params.statementIds;
  const scope = Array.isArray(ids) ? plural(ids.length, 'statement') : periodOf(job.params);
  return scope ? `${name} · ${scope}` : name;
}

const BULK_VERBS: Record<string, string> = {
  finalize: 'Finalizing',
  draft: 'Moving back to draft',
  send: 'Sending',
  delete: 'Deleting',
};

/** What a running job is doing, as a verb: "Generating", "Sending", "Finalizing". */
function runningVerb(job: JobKind | null | undefined): string {
  if (job?.type === 'statement_delivery') return 'Sending';
  if (job?.type === 'bulk_statement_action') return BULK_VERBS[String(job.params.action)] ?? 'Working';
  return 'Generating';
}

/** The counts, pluralised, leaving out zeros (but never all of them): "155 generated, 4 skipped, 1 error". */
export function countsInWords(counts: JobDto['counts'], job: JobKind | null | undefined): string {
  const parts = [`${counts.generated.toLocaleString('en')} ${doneWord(job?.type, job?.params)}`];
  if (counts.skipped > 0) parts.push(`${counts.skipped.toLocaleString('en')} skipped`);
  if (counts.errors > 0) parts.push(plural(counts.errors, 'error'));
  return parts.join(', ');
}

/**
 * The progress for a table cell: "32 / 160" while running or once done; a cancelled job what it
 * did before it was stopped; words where the total is not known yet, never "?".
 */
export function jobProgressText(job: Pick<JobProgressLike, 'status' | 'progress' | 'total'>): string {
  const { status, progress, total } = job;
  if (total === null) {
    if (status === 'queued') return 'Not started';
    if (status === 'processing') return 'Preparing';
    if (status === 'cancelled') return 'Cancelled before it started';
    if (status === 'failed') return 'Failed before it started';
    return progress.toLocaleString('en');
  }
  const of = `${progress.toLocaleString('en')} of ${total.toLocaleString('en')}`;
  if (status === 'cancelled') return `${of} before it was cancelled`;
  return `${progress.toLocaleString('en')} / ${total.toLocaleString('en')}`;
}

/**
 * The one status line of a job: "Generating · 32 / 160" while it runs, then
 * "Completed · 155 generated, 4 skipped", "Completed with errors · 155 generated, 1 error",
 * "Cancelled · 32 of 160 before it was cancelled (32 generated)" or "Failed · <why>".
 */
export function jobStatusLine(state: JobProgressLike, job: JobKind | null | undefined): string {
  const tone = jobTone(state);
  switch (tone) {
    case 'queued':
      return 'Queued';
    case 'running':
      return state.total === null
        ? `${runningVerb(job)} · preparing`
        : `${runningVerb(job)} · ${jobProgressText(state)}`;
    case 'success':
    case 'warning':
      return `${JOB_TONE_WORDS[tone]} · ${countsInWords(state.counts, job)}`;
    case 'cancelled': {
      const did = state.total === null ? 'before it started' : jobProgressText(state);
      return state.progress > 0
        ? `Cancelled · ${did} (${countsInWords(state.counts, job)})`
        : `Cancelled · ${did}`;
    }
    case 'failed':
      return `Failed · ${state.error ?? 'unknown error'}`;
  }
}
