/** Job history: status, who started it, duration, counts; newest first with "Load more". */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'wouter';
import { api, errorMessage, isJobFinished, type JobDto, type JobStatus } from '../api.js';
import { LoadState } from '../components/LoadState.js';
import { NotifyPreference } from '../components/NotifyPreference.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { useUserNames } from '../components/useUserNames.js';
import { formatDateTime, jobDuration } from '../format.js';
import { JOB_TYPE_LABELS, jobPeriodOf } from '../jobKinds.js';
import { useJobs } from '../jobs.js';
import { JOB_STATUS_LABELS, JOB_STATUSES } from '../labels.js';
import { useUrlChoice } from '../urlState.js';
import { useTitle } from '../useTitle.js';

const PAGE_SIZE = 25;
/** While a listed job runs, its row is re-read this often (the layout's bar is the live view). */
const ACTIVE_REFRESH_MS = 5000;

export function jobPeriod(job: JobDto): string {
  return jobPeriodOf(job) ?? '—';
}

export function JobsPage() {
  useTitle('Jobs');
  const id = useId();
  const userName = useUserNames();
  const { jobsVersion } = useJobs();
  const [statusFilter, setStatusFilter] = useUrlChoice('status', JOB_STATUSES);
  const [jobs, setJobs] = useState<JobDto[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const latest = useRef(0);
  const shown = useRef(0);
  shown.current = jobs.length;

  const load = useCallback(
    async (silent: boolean) => {
      const request = ++latest.current;
      if (!silent) setLoading(true);
      try {
        const limit = silent ? Math.min(500, Math.max(PAGE_SIZE, shown.current)) : PAGE_SIZE;
        const page = await api.listJobs({ status: statusFilter || undefined, limit });
        if (request !== latest.current) return;
        setJobs(page.jobs);
        setNextCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        if (request === latest.current) setError(errorMessage(e));
      } finally {
        if (request === latest.current) setLoading(false);
      }
    },
    [statusFilter],
  );

  useEffect(() => {
    void load(false);
  }, [load]);

  const seenVersion = useRef(jobsVersion);
  useEffect(() => {
    if (seenVersion.current === jobsVersion) return;
    seenVersion.current = jobsVersion;
    void load(true);
  }, [jobsVersion, load]);

  const anyActive = jobs.some((j) => !isJobFinished(j.status));
  useEffect(() => {
    if (!anyActive) return;
    const timer = setInterval(() => void load(true), ACTIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [anyActive, load]);

  async function loadMore() {
    if (!nextCursor) return;
    const request = latest.current;
    setLoadingMore(true);
    try {
      const page = await api.listJobs({
        status: statusFilter || undefined,
        limit: PAGE_SIZE,
        cursor: nextCursor,
      });
      if (request !== latest.current) return;
      setJobs((current) => {
        const seen = new Set(current.map((j) => j.id));
        return [...current, ...page.jobs.filter((j) => !seen.has(j.id))];
      });
      setNextCursor(page.nextCursor);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  }

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
        onRetry={() => void load(false)}
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
                    <td>{JOB_TYPE_LABELS[job.type]}</td>
                    <td>
                      <StatusBadge status={job.status} />
                    </td>
                    <td className="nowrap">{jobPeriod(job)}</td>
                    <td>{userName(job.createdBy)}</td>
                    <td className="nowrap">{jobDuration(job.startedAt, job.completedAt)}</td>
                    <td className="num">
                      {job.progress} / {job.total ?? '?'}
                    </td>
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
