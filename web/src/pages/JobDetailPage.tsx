/**
 * One job, titled in words ("Generate All · October 2025"): its outcome in words and colour,
 * parameters, timing, counts, and once finished the generated (linking to each statement),
 * skipped (with reason) and errored properties, each error explained with its next step
 * (web/src/errorText.ts); a sending job's owner by owner (DeliveryResults). "Retry failed"
 * starts a new job for the errored ones and goes to it; it is offered only when some of them can
 * pass on a retry.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { api, errorMessage, isJobFinished } from '../api.js';
import { useAuth } from '../auth.js';
import { DeliveryResults } from '../components/DeliveryResults.js';
import { ApiErrorText } from '../components/ErrorExplanation.js';
import { JobErrorCells, RetryableHint, retryableErrors } from '../components/JobErrors.js';
import { finalStatusText } from '../components/JobProgressBar.js';
import { Spinner } from '../components/Spinner.js';
import { useOwners } from '../components/useOwners.js';
import { useUserNames } from '../components/useUserNames.js';
import { explainError, isExplained } from '../errorText.js';
import { formatDateTime, jobDuration } from '../format.js';
import { doneWord, jobTypeLabel } from '../jobKinds.js';
import { useJobs } from '../jobs.js';
import { countsInWords, JOB_TONE_WORDS, jobProgressText, jobTitle, jobTone } from '../jobText.js';
import { calculationTypeLabel } from '../labels.js';
import { jobQuery, UNFOLLOWED_JOB_REFRESH_MS } from '../queries.js';
import { useTitle } from '../useTitle.js';
import { jobPeriod } from './JobsPage.js';

/** The server's skip reasons are codes; the code stays visible next to its meaning. */
const SKIP_REASONS: Record<string, string> = {
  no_activity: 'no reservations, expenses or adjustments in the period',
  finalized: 'a final or sent statement already exists and is never overwritten',
  already_sent: 'it was sent meanwhile; a resend is a single explicit action',
  not_final: 'it went back to draft before it was sent',
  not_found: 'the statement was deleted before it was sent',
};
const skipReason = (reason: string) =>
  SKIP_REASONS[reason]
    ? `${reason} — ${SKIP_REASONS[reason]}`
    : isExplained(reason)
      ? `${reason} — ${explainError(reason).what}`
      : reason;

export function JobDetailPage({ id }: { id: string }) {
  const { can } = useAuth();
  const { track, isFollowed } = useJobs();
  const [, navigate] = useLocation();
  const userName = useUserNames();
  const owners = useOwners();
  // A followed job's events invalidate this query (jobs.tsx); one that runs unfollowed (started
  // elsewhere after this session began) has no stream here, so it is re-read now and then.
  const query = useQuery({
    ...jobQuery(id),
    refetchInterval: (q) => {
      const status = q.state.data?.status;
      return status && !isJobFinished(status) && !isFollowed(id) ? UNFOLLOWED_JOB_REFRESH_MS : false;
    },
  });
  const job = query.data;
  const loading = query.isPending;
  const error = query.error ? errorMessage(query.error) : null;
  useTitle(job ? jobTitle(job) : 'Job');
  const retry = useMutation({
    mutationFn: () => api.retryJob(id),
    onSuccess: (accepted) => {
      track(accepted.jobId);
      navigate(`/jobs/${accepted.jobId}`);
    },
  });
  const retrying = retry.isPending;
  // The error itself, not its message: its code says what happened and what to do next.
  const retryError = retry.error;

  if (loading && !job) {
    return (
      <p>
        <Spinner label="Loading job..." />
      </p>
    );
  }
  if (!job) {
    return (
      <>
        <h1>Job {id}</h1>
        <p role="alert" className="form-error">
          Could not load the job: {error ?? 'not found'}
        </p>
        <p>
          <Link href="/jobs">Back to jobs</Link>
        </p>
      </>
    );
  }

  const result = job.result;
  const hasWarnings =
    result?.results.generated.some((g) => g.warnings !== undefined && g.warnings > 0) ?? false;
  const finished = isJobFinished(job.status);
  const calculationType =
    typeof job.params.calculationType === 'string' ? calculationTypeLabel(job.params.calculationType) : '—';
  const jobOwner =
    typeof job.params.ownerId === 'string' && job.params.ownerId !== 'all' ? job.params.ownerId : null;
  const hasOwners = result?.results.generated.some((g) => g.ownerId !== null) ?? false;
  const done = doneWord(job.type, job.params);
  const tone = jobTone(job);
  const retryable = retryableErrors(job).length;
  const doneTitle = `${done.charAt(0).toUpperCase()}${done.slice(1)}`;

  return (
    <>
      <p className="breadcrumb">
        <Link href="/jobs">Jobs</Link> / {jobTitle(job)}
      </p>
      <div className="page-head">
        <h1>{jobTitle(job)}</h1>
        {can('jobs:manage') && finished && retryable > 0 ? (
          <button type="button" className="button-primary" onClick={() => retry.mutate()} disabled={retrying}>
            Retry failed
          </button>
        ) : null}
      </div>
      {retryError ? (
        <p role="alert" className="form-error">
          <ApiErrorText error={retryError} />
        </p>
      ) : null}
      {can('jobs:manage') && finished ? <RetryableHint job={job} /> : null}

      <p
        className={`status-line status-${job.status} job-status-${tone}`}
      >{`Status: ${JOB_TONE_WORDS[tone]}`}</p>
      {job.status === 'failed' ? (
        <p role="alert" className="form-error">
          {finalStatusText(job, job)}
        </p>
      ) : null}
      <dl className="facts">
        <dt>Type</dt>
        <dd>{jobTypeLabel(job)}</dd>
        <dt>Period</dt>
        <dd>{jobPeriod(job)}</dd>
        {job.type === 'bulk_statement_generation' ? (
          <>
            <dt>Calculation type</dt>
            <dd>{calculationType}</dd>
          </>
        ) : null}
        {jobOwner ? (
          <>
            <dt>Owner</dt>
            <dd>{owners.nameOf(jobOwner)}</dd>
          </>
        ) : null}
        <dt>Started by</dt>
        <dd>{userName(job.createdBy)}</dd>
        <dt>Created</dt>
        <dd>{formatDateTime(job.createdAt)}</dd>
        <dt>Started</dt>
        <dd>{formatDateTime(job.startedAt)}</dd>
        <dt>Completed</dt>
        <dd>{formatDateTime(job.completedAt)}</dd>
        <dt>Duration</dt>
        <dd>{jobDuration(job.startedAt, job.completedAt)}</dd>
        <dt>Progress</dt>
        <dd>
          {jobProgressText(job)} — {countsInWords(job.counts, job)}
        </dd>
        <dt>Job id</dt>
        <dd>
          <code>{job.id}</code>
        </dd>
        {job.retryOf ? (
          <>
            <dt>Retry of</dt>
            <dd>
              <Link href={`/jobs/${job.retryOf}`}>The earlier run of this job</Link>
            </dd>
          </>
        ) : null}
      </dl>
      {!finished ? (
        <p className="hint">This job is running; its live progress is shown at the top of the page.</p>
      ) : null}

      {job.type === 'statement_delivery' ? (
        // Sending: one line per owner (a combined owner's one e-mail, or their e-mails per property).
        <DeliveryResults result={result} nameOf={owners.nameOf} />
      ) : (
        <>
          <section aria-labelledby="generated-heading">
            <h2 id="generated-heading">{doneTitle}</h2>
            {!result ? (
              <p className="hint">Listed when the job ends.</p>
            ) : result.results.generated.length === 0 ? (
              <p className="empty">None.</p>
            ) : (
              <div className="table-wrap">
                <table aria-label={doneTitle}>
                  <thead>
                    <tr>
                      <th scope="col">Property</th>
                      {hasOwners ? <th scope="col">Owner</th> : null}
                      <th scope="col">Statement</th>
                      {hasWarnings ? (
                        <th scope="col" className="num">
                          Warnings
                        </th>
                      ) : null}
                    </tr>
                  </thead>
                  <tbody>
                    {result.results.generated.map((g) => (
                      <tr key={g.propertyId}>
                        <td>{g.propertyName}</td>
                        {hasOwners ? <td>{owners.nameOf(g.ownerId)}</td> : null}
                        <td>
                          {g.statementId ? (
                            <Link href={`/statements/${g.statementId}`}>View statement</Link>
                          ) : (
                            '—'
                          )}
                        </td>
                        {hasWarnings ? <td className="num">{g.warnings ? `⚠ ${g.warnings}` : '—'}</td> : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          {result?.unattributed && result.unattributed.length > 0 ? (
            <section aria-labelledby="unattributed-heading">
              <h2 id="unattributed-heading">
                Reservations on no known property ({result.unattributed.length})
              </h2>
              <p className="hint">
                Hostify sent these reservations, but their listing belongs to no property of the catalog; they
                are in no statement. Check the listing in Hostify.
              </p>
              <ul aria-label="Unattributed reservations">
                {result.unattributed.map((u) => (
                  <li key={`${u.reservationId ?? ''}-${u.listingId ?? ''}-${u.message}`}>{u.message}</li>
                ))}
              </ul>
            </section>
          ) : null}

          <section aria-labelledby="skipped-heading">
            <h2 id="skipped-heading">Skipped</h2>
            {!result ? (
              <p className="hint">Listed when the job ends.</p>
            ) : result.results.skipped.length === 0 ? (
              <p className="empty">None.</p>
            ) : (
              <div className="table-wrap">
                <table aria-label="Skipped">
                  <thead>
                    <tr>
                      <th scope="col">Property</th>
                      <th scope="col">Reason</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.results.skipped.map((s) => (
                      <tr key={s.propertyId}>
                        <td>{s.propertyName}</td>
                        <td>{skipReason(s.reason)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section aria-labelledby="errors-heading">
            <h2 id="errors-heading">Errors</h2>
            {!result ? (
              <p className="hint">Listed when the job ends.</p>
            ) : result.results.errors.length === 0 ? (
              <p className="empty">None.</p>
            ) : (
              <div className="table-wrap">
                <table aria-label="Errors">
                  <thead>
                    <tr>
                      <th scope="col">Property</th>
                      <th scope="col">What happened</th>
                      <th scope="col">Next step</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.results.errors.map((e) => (
                      <tr key={e.propertyId}>
                        <td>{e.propertyName}</td>
                        <JobErrorCells code={e.code} message={e.error} />
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </>
  );
}
