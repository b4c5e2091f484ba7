/**
 * A job's failed items in words (web/src/errorText.ts): what happened and the next step for
 * each, and whether "Retry failed" can help. The retry runs every failed item again, so it is
 * offered when at least one of them can pass on a retry (Hostify was down, data corrected in
 * Hostify), with a word on those that will fail again until fixed.
 */
import type { JobDto } from '../api.js';
import { explainError, isExplained, isRetryable } from '../errorText.js';
import { plural } from '../plural.js';

type ErrorEntry = NonNullable<JobDto['result']>['results']['errors'][number];

/** The failed items a retry can pass. */
export function retryableErrors(job: Pick<JobDto, 'result'>): ErrorEntry[] {
  return job.result?.results.errors.filter((e) => isRetryable(e.code)) ?? [];
}

/** Two cells of an error row: what happened (with the server's message, which names the record), then the next step. */
export function JobErrorCells({ code, message }: { code: string | null; message: string }) {
  const known = code !== null && isExplained(code);
  const { what, next } = explainError(code);
  return (
    <>
      <td>
        <span className="error-what">{known ? what : message}</span>
        {known ? <span className="error-detail">{message}</span> : null}
      </td>
      <td>{next}</td>
    </>
  );
}

/** Says when a retry cannot help (some or all of the errors need fixing first). */
export function RetryableHint({ job }: { job: Pick<JobDto, 'result'> }) {
  const errors = job.result?.results.errors ?? [];
  if (errors.length === 0) return null;
  const stuck = errors.length - retryableErrors(job).length;
  if (stuck === 0) return null;
  const text =
    stuck < errors.length
      ? `${plural(stuck, 'error')} of ${errors.length} will fail again on a retry until fixed as its next step says.`
      : errors.length === 1
        ? 'This error cannot pass on a retry: fix it as its next step says, then start the job again.'
        : `None of the ${errors.length} errors can pass on a retry: fix them as their next steps say, then start the job again.`;
  return <p className="hint job-retry-hint">{text}</p>;
}
