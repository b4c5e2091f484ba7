/**
 * A job's status in words and in its outcome's colour: a completed job with errors says so
 * ("Completed with errors", amber) instead of a green "completed".
 */
import type { JobDto } from '../api.js';
import { JOB_TONE_WORDS, jobTone } from '../jobText.js';

export function JobStatusBadge({ job }: { job: Pick<JobDto, 'status' | 'counts'> }) {
  const tone = jobTone(job);
  return <span className={`badge job-badge job-badge-${tone}`}>{JOB_TONE_WORDS[tone]}</span>;
}
