/**
 * One running (or just ended) job: a progress bar fed by Server-Sent Events, the generated /
 * skipped / errors counts, Cancel while it runs (for those allowed), and the final status with a
 * link to the job's details once it ends.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, errorMessage, isApiError, type JobDto, type JobItemEventDto } from '../api.js';
import { doneWord, JOB_TYPE_LABELS, jobPeriodOf, jobTypeLabel } from '../jobKinds.js';
import { jobQuery, queryKeys } from '../queries.js';
import { type FinishedJob, type JobLiveState, useJobEvents } from './useJobEvents.js';

export interface JobProgressBarProps {
  jobId: string;
  /** The job as last fetched, when known (its period makes a better label). */
  job?: JobDto | null;
  canCancel: boolean;
  onItem?: (item: JobItemEventDto) => void;
  /** The job ended (its status and counts; GET it for the result lists). */
  onFinished?: (job: FinishedJob) => void;
  onDismiss?: () => void;
}

export function finalStatusText(state: Pick<JobLiveState, 'status' | 'error'>): string | null {
  switch (state.status) {
    case 'completed':
      return 'Completed';
    case 'cancelled':
      return 'Cancelled';
    case 'failed':
      return `Failed: ${state.error ?? 'unknown error'}`;
    default:
      return null;
  }
}

export function progressText(
  state: Pick<JobLiveState, 'progress' | 'total' | 'counts'>,
  type?: JobDto['type'],
  params?: JobDto['params'],
): string {
  const { generated, skipped, errors } = state.counts;
  const done = state.total === null ? 'Preparing' : `${state.progress} / ${state.total}`;
  return `${done} — ${generated} ${doneWord(type, params)} · ${skipped} skipped · ${errors} errors`;
}

function jobLabel(jobId: string, job: JobDto | null | undefined): string {
  // A bulk action is named by its action ("Finalize"), the other types by their type.
  const label = job ? jobTypeLabel(job) : JOB_TYPE_LABELS.bulk_statement_generation;
  return `${label} · ${jobPeriodOf(job) ?? jobId}`;
}

export function JobProgressBar({
  jobId,
  job,
  canCancel,
  onItem,
  onFinished,
  onDismiss,
}: JobProgressBarProps) {
  const { state, finish, finished } = useJobEvents(jobId, { initialJob: job, onItem, onFinished });
  const client = useQueryClient();
  const cancel = useMutation({
    mutationFn: async () => {
      try {
        return await api.cancelJob(jobId);
      } catch (error) {
        // 409: it ended meanwhile; show how it ended rather than the refusal.
        const ended =
          isApiError(error) && error.status === 409
            ? await client.fetchQuery(jobQuery(jobId)).catch(() => null)
            : null;
        if (ended) return ended;
        throw error;
      }
    },
    onSuccess: (ended) => {
      client.setQueryData(queryKeys.jobs.detail(jobId), ended);
      finish(ended);
    },
  });
  const cancelling = cancel.isPending;
  const cancelError = cancel.error ? errorMessage(cancel.error) : null;

  const max = state.total ?? 100;
  const percent = max > 0 ? Math.min(100, Math.round((state.progress / max) * 100)) : 100;
  const final = finalStatusText(state);

  return (
    <div className={`job-progress job-${state.status}`}>
      <div className="job-progress-head">
        <span className="job-progress-label">{jobLabel(jobId, job)}</span>
        {!finished ? (
          <span className="job-progress-state">
            {state.status === 'queued' ? 'Queued' : 'Running'}
            {state.reconnecting ? ' (reconnecting…)' : ''}
          </span>
        ) : null}
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Job progress"
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={state.progress}
        aria-valuetext={progressText(state, job?.type, job?.params)}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <div className="job-progress-foot">
        <span className="job-progress-counts">{progressText(state, job?.type, job?.params)}</span>
        {final ? <span className="job-progress-final">{final}</span> : null}
        <span className="job-progress-actions">
          {!finished && canCancel ? (
            <button
              type="button"
              className="button-small"
              aria-label="Cancel job"
              onClick={() => cancel.mutate()}
              disabled={cancelling}
            >
              Cancel
            </button>
          ) : null}
          {finished ? (
            <>
              <Link href={`/jobs/${jobId}`}>Details</Link>
              {onDismiss ? (
                <button type="button" className="button-small" onClick={onDismiss}>
                  Dismiss
                </button>
              ) : null}
            </>
          ) : null}
        </span>
      </div>
      {cancelError ? (
        <p role="alert" className="form-error">
          {cancelError}
        </p>
      ) : null}
    </div>
  );
}
