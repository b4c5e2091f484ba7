/**
 * One running (or just ended) job as one live line: its title in words ("Generate All ·
 * October 2025"), a progress bar fed by Server-Sent Events with "Generating · 32 / 160" and the
 * counts so far, Cancel while it runs (for those allowed), and the notice that announced it
 * (the spec's text) until it ends. Then the notice makes way for how it ended, in the outcome's
 * colour: "Completed · 160 generated", "Completed with errors · 155 generated, 4 skipped, 1 error"
 * (amber), "Failed · …" (red), "Cancelled · 32 of 160 before it was cancelled" (grey), with a
 * link to the job. An ended line goes when dismissed, opened (View), or when the user moves to
 * another page.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api, isApiError, type JobDto, type JobItemEventDto } from '../api.js';
import {
  countsInWords,
  type JobProgressLike,
  jobProgressText,
  jobStatusLine,
  jobTitle,
  jobTone,
} from '../jobText.js';
import { jobQuery, queryKeys } from '../queries.js';
import { ApiErrorText } from './ErrorExplanation.js';
import type { NoticeInput } from './Notices.js';
import { useDismissWhenStale } from './useDismissWhenStale.js';
import { type FinishedJob, type JobLiveState, useJobEvents } from './useJobEvents.js';

export interface JobProgressBarProps {
  jobId: string;
  /** The job as last fetched, when known (its type and period make its title). */
  job?: JobDto | null;
  canCancel: boolean;
  /** The notice that announced the job: shown while it runs. */
  notice?: NoticeInput;
  onItem?: (item: JobItemEventDto) => void;
  /** The job ended (its status and counts; GET it for the result lists). */
  onFinished?: (job: FinishedJob) => void;
  onDismiss?: () => void;
}

/** How the job ended, in words (null while it runs): "Completed with errors · 155 generated, 1 error". */
export function finalStatusText(
  state: JobProgressLike,
  job?: Pick<JobDto, 'type' | 'params'> | null,
): string | null {
  const tone = jobTone(state);
  return tone === 'queued' || tone === 'running' ? null : jobStatusLine(state, job);
}

/** The progress for assistive tech: "32 / 160: 30 generated, 1 skipped, 1 error". */
export function progressText(state: JobLiveState, job?: Pick<JobDto, 'type' | 'params'> | null): string {
  return `${jobProgressText(state)}: ${countsInWords(state.counts, job)}`;
}

export function JobProgressBar({
  jobId,
  job,
  canCancel,
  notice,
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
  // The error itself, not its message: its code says what happened and what to do next.
  const cancelError = cancel.error;

  // When it ended, as this browser saw it: from then on the line is stale on another page.
  const [endedAt, setEndedAt] = useState<number | null>(() => (finished ? Date.now() : null));
  useEffect(() => {
    if (finished) setEndedAt((at) => at ?? Date.now());
  }, [finished]);
  useDismissWhenStale(endedAt, () => onDismiss?.());

  const max = state.total ?? 100;
  const percent = max > 0 ? Math.min(100, Math.round((state.progress / max) * 100)) : 100;
  const tone = jobTone(state);
  const line = jobStatusLine(state, job);

  return (
    <div className={`job-progress job-${state.status} job-tone-${tone}`}>
      <div className="job-progress-head">
        <span className="job-progress-label">{jobTitle(job)}</span>
        {!finished ? (
          <span className="job-progress-state">
            {line}
            {state.reconnecting ? ' (reconnecting…)' : ''}
          </span>
        ) : null}
        {!finished && state.progress > 0 ? (
          <span className="job-progress-counts">{countsInWords(state.counts, job)}</span>
        ) : null}
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
          {finished && onDismiss ? (
            <button type="button" className="button-small" onClick={onDismiss}>
              Dismiss
            </button>
          ) : null}
        </span>
      </div>
      {/* One live region: the announcing notice while the job runs, then how it ended. */}
      <div className="job-progress-message" role="status">
        {finished ? (
          <p className="job-progress-final">
            {line} — {/* Opening the job is acting on the line: it has served its purpose. */}
            <Link href={`/jobs/${jobId}`} aria-label={`View ${jobTitle(job)}`} onClick={() => onDismiss?.()}>
              View
            </Link>
          </p>
        ) : notice ? (
          <>
            <p className="notice-title">{notice.title}</p>
            {notice.lines?.map((l) => (
              <p key={l}>{l}</p>
            ))}
          </>
        ) : null}
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Job progress"
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={state.progress}
        aria-valuetext={progressText(state, job)}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      {cancelError ? (
        <p role="alert" className="form-error">
          <ApiErrorText error={cancelError} />
        </p>
      ) : null}
    </div>
  );
}
