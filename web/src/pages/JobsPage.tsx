/** Job history: status, who started it, duration, counts; newest first with "Load more". */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'wouter';
import { errorMessage, isJobFinished, type JobDto, type JobStatus } from '../api.js';
import { JobStatusBadge } from '../components/JobStatusBadge.js';
import { LoadState } from '../components/LoadState.js';
import { NotifyPreference } from '../components/NotifyPreference.js';
import { useUserNames } from '../components/useUserNames.js';
import { formatDateTime, jobDuration } from '../format.js';
import { jobPeriodOf, jobTypeLabel } from '../jobKinds.js';
import { useJobs } from '../jobs.js';
import { jobProgressText } from '../jobText.js';
import { JOB_STATUS_LABELS, JOB_STATUSES } from '../labels.js';
import { jobsListQuery, UNFOLLOWED_JOB_REFRESH_MS } from '../queries.js';
import { useUrlChoice } from '../urlState.js';
import { useTitle } from '../useTitle.js';

const NO_JOBS: JobDto[] = [];

export function jobPeriod(job: JobDto): string {
  return jobPeriodOf(job) ?? '—';
}

export function JobsPage() {
  useTitle('Jobs');
  const id = useId();
  const userName = useUserNames();
  const { isFollowed } = useJobs();
  const [statusFilter, setStatusFilter] = useUrlChoice('status', JOB_STATUSES);
  const list = useInfiniteQuery({
    ...jobsListQuery({ status: statusFilter || undefined }),
    // Followed jobs' events invalidate this list (jobs.tsx); a listed job that runs unfollowed
    // (started elsewhere after this session began) has no stream here, so it is re-read now and then.
    refetchInterval: (query) => {
      const pages = query.state.data?.pages ?? [];
      const unfollowed = pages.some((p) => p.jobs.some((j) => !isJobFinished(j.status) && !isFollowed(j.id)));
      return unfollowed ? UNFOLLOWED_JOB_REFRESH_MS : false;
    },
  });
  const jobs = list.data?.rows ?? NO_JOBS;
  const nextCursor = list.data?.nextCursor ?? null;
  const loading = list.isPending;
  const error = list.error ? errorMessage(list.error) : null;
  const loadingMore = list.isFetchingNextPage;
  const loadMore = () => list.fetchNextPage();

  return (
    <>
      <div className="page-head">
        <h1>Jobs</h1>
        <NotifyPreference />
      </div>
      <div className="filters filters-inline">
        <div className="field">
          <label htmlFor={`${id}-status`}>Filter by status</label>
          <select
            id={`${id}-status`}
            value={statusFilter}
            onChange={(e) => setStatusFilter(e.target.value as '' | JobStatus)}
          >
            <option value="">Any status</option>
            {JOB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {JOB_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
      </div>

      <LoadState
        loading={loading && jobs.length === 0}
        error={error}
        what="jobs"
        onRetry={() => void list.refetch()}
      />
      {!loading && !error && jobs.length === 0 ? <p className="empty">No jobs yet.</p> : null}

      {jobs.length > 0 ? (
        <>
          <div className="table-wrap">
            <table aria-label="Jobs">
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">Type</th>
                  <th scope="col">Status</th>
                  <th scope="col">Period</th>
                  <th scope="col">Started by</th>
                  <th scope="col">Duration</th>
                  <th scope="col" className="num">
                    Progress
                  </th>
                  <th scope="col" className="num">
                    Generated / sent
                  </th>
                  <th scope="col" className="num">
                    Skipped
                  </th>
                  <th scope="col" className="num">
                    Errors
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Details</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((job) => (
                  <tr key={job.id}>
                    <td className="nowrap" title={job.id}>
                      {formatDateTime(job.createdAt)}
                      {job.retryOf ? <span className="hint"> (retry)</span> : null}
                    </td>
                    <td>{jobTypeLabel(job)}</td>
                    <td>
                      <JobStatusBadge job={job} />
                    </td>
                    <td className="nowrap">{jobPeriod(job)}</td>
                    <td>{userName(job.createdBy)}</td>
                    <td className="nowrap">{jobDuration(job.startedAt, job.completedAt)}</td>
                    <td className="num">{jobProgressText(job)}</td>
                    <td className="num">{job.counts.generated}</td>
                    <td className="num">{job.counts.skipped}</td>
                    <td className="num">{job.counts.errors}</td>
                    <td>
                      <Link href={`/jobs/${job.id}`}>View</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {nextCursor ? (
            <p className="table-foot">
              <button type="button" onClick={() => void loadMore()} disabled={loadingMore}>
                {loadingMore ? 'Loading...' : 'Load more'}
              </button>
            </p>
          ) : null}
        </>
      ) : null}
    </>
  );
}
