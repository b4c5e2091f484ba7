/**
 * Job ids in URLs. The store's ids are `job_` + a ULID, but a client may hold any string: the
 * spec's examples look like `job_1_1234567890`, and a mistyped or made-up id is just as much an
 * id that names no job. So every job route answers such an id with 404 `not_found` ("job <id>
 * not found", issue 13 §7), never with a 400 from a format check.
 *
 * Ids no job can have — longer than JOB_ID_MAX_LENGTH (ours are 30 characters) or holding
 * control characters (PostgreSQL refuses NUL in text) — get the same 404 without asking the
 * store; the message then shows a shortened id so an absurd URL does not come back whole.
 */
import { notFound } from '../services/errors.js';

export const JOB_ID_MAX_LENGTH = 200;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const CONTROL = /[\u0000-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the same, to replace them all
const CONTROLS = /[\u0000-\u001f\u007f]/g;

/** Throws the 404 for an id that cannot name a job; returns for ids worth looking up. */
export function assertJobIdCouldExist(jobId: string): void {
  const tooLong = jobId.length > JOB_ID_MAX_LENGTH;
  if (!tooLong && !CONTROL.test(jobId)) return;
  const shown = tooLong ? `${jobId.slice(0, JOB_ID_MAX_LENGTH)}…` : jobId;
  throw notFound('job', shown.replace(CONTROLS, '\uFFFD'));
}
