/**
 * What a bulk action did: the statements done (changed, or already as asked) and those refused,
 * grouped by reason in plain words (errorText.ts) with the next step. A large selection runs as
 * a background job: the dialog shows its live progress bar, then the same lists from the job's
 * result. Closing it early leaves the job running, followed by the bar at the top of the page.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import {
  type BulkAction,
  type BulkOutcome,
  type BulkResultDto,
  errorMessage,
  isJobFinished,
  type JobDto,
} from '../api.js';
import { useAuth } from '../auth.js';
import { explainError } from '../errorText.js';
import { formatPeriodShort } from '../format.js';
import { BULK_ACTION_WORDS } from '../jobKinds.js';
import { useJobs } from '../jobs.js';
import { plural } from '../labels.js';
import { jobQuery } from '../queries.js';
import { Dialog } from './Dialog.js';
import { JobProgressBar } from './JobProgressBar.js';
import { Spinner } from './Spinner.js';
import type { FinishedJob } from './useJobEvents.js';

/** One statement in the result. */
export interface ResultEntry {
  /** Null for a statement that does not exist (any more). */
  statementId: string | null;
  name: string;
  period: string | null;
  /** Done without a change (it already was as asked). */
  unchanged?: boolean;
}
export interface RefusedEntry extends ResultEntry {
  code: string | null;
  message: string;
}
export interface BulkResultLists {
  done: ResultEntry[];
  refused: RefusedEntry[];
}

/** "Done, without a change" in the action's words. */
const ALREADY: Record<BulkAction, string> = {
  finalize: 'already final',
  draft: 'already a draft',
  send: 'already sent',
  delete: 'already deleted',
};

const periodOf = (start: string | null, end: string | null) =>
  start && end ? formatPeriodShort(start, end) : null;

/** The lists of an answer carried out in the request. */
export function listsOfResult(result: BulkResultDto): BulkResultLists {
  return {
    done: result.done.map((d) => ({
      statementId: d.status === null ? null : d.id,
      name: d.propertyName ?? d.propertyId ?? d.id,
      period: periodOf(d.periodStart, d.periodEnd),
      unchanged: !d.changed,
    })),
    refused: result.refused.map((r) => ({
      statementId: r.propertyId === null ? null : r.id,
      name: r.propertyName ?? r.propertyId ?? r.id,
      period: periodOf(r.periodStart, r.periodEnd),
      code: r.code,
      message: r.message,
    })),
  };
}

/** A job item's name is "<property>, <start> to <end>" (the job's own wording): split it. */
function splitJobName(name: string): { name: string; period: string | null } {
  const m = /^(.*), (\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})$/.exec(name);
  return m?.[1] && m[2] && m[3]
    ? { name: m[1], period: formatPeriodShort(m[2], m[3]) }
    : { name, period: null };
}

/** The lists of a finished bulk action job: generated = done, skipped and errors = refused. */
export function listsOfJob(job: JobDto, action: BulkAction): BulkResultLists {
  const results = job.result?.results;
  if (!results) return { done: [], refused: [] };
  const deleted = action === 'delete';
  return {
    done: results.generated.map((g) => ({
      statementId: deleted ? null : g.statementId,
      ...splitJobName(g.propertyName),
    })),
    refused: [
      ...results.skipped.map((s) => ({
        statementId: s.reason === 'not_found' ? null : (s.statementId ?? null),
        ...splitJobName(s.propertyName),
        code: s.reason,
        message: s.reason,
      })),
      ...results.errors.map((e) => ({
        statementId: e.statementId ?? null,
        ...splitJobName(e.propertyName),
        code: e.code,
        message: e.error,
      })),
    ],
  };
}

/** A statement is listed once per answer; one that does not exist is named by its id. */
const entryKey = (e: ResultEntry) => e.statementId ?? `${e.name}|${e.period ?? ''}`;

function EntryName({ entry }: { entry: ResultEntry }) {
  const text = entry.period ? `${entry.name} · ${entry.period}` : entry.name;
  return entry.statementId ? <Link href={`/statements/${entry.statementId}`}>{text}</Link> : text;
}

export function BulkResultLists({ action, lists }: { action: BulkAction; lists: BulkResultLists }) {
  const words = BULK_ACTION_WORDS[action] ?? { label: action, done: 'done' };
  const unchanged = lists.done.filter((d) => d.unchanged).length;
  const groups = new Map<string, RefusedEntry[]>();
  for (const r of lists.refused) {
    const key = r.code ?? '';
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return (
    <>
      <p className="bulk-summary">
        {`${lists.done.length - unchanged} ${words.done}`}
        {unchanged > 0 ? ` · ${unchanged} ${ALREADY[action]}` : ''}
        {` · ${lists.refused.length} refused`}
      </p>
      {lists.done.length > 0 ? (
        <section aria-label="Done">
          <h3>Done ({lists.done.length})</h3>
          <ul className="bulk-list">
            {lists.done.map((d) => (
              <li key={entryKey(d)}>
                <EntryName entry={d} />
                {d.unchanged ? <span className="hint"> — {ALREADY[action]}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {lists.refused.length > 0 ? (
        <section aria-label="Refused">
          <h3>Refused ({lists.refused.length})</h3>
          {[...groups].map(([code, entries]) => {
            const why = explainError(code || null);
            return (
              <div key={code} className="bulk-refusal">
                <p>
                  <strong>{why.what}</strong> {why.next}
                </p>
                <ul className="bulk-list">
                  {entries.map((r) => (
                    <li key={entryKey(r)} title={r.message}>
                      <EntryName entry={r} />
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </section>
      ) : null}
    </>
  );
}

function JobResult({ action, jobId, count }: { action: BulkAction; jobId: string; count: number }) {
  const { can } = useAuth();
  const { track, itemFinished, jobFinished } = useJobs();
  // Names the bar while it runs; once the job has ended (its end invalidates the jobs queries,
  // jobs.tsx) the re-read brings the result lists, which the stream's final event has not.
  const job = useQuery(jobQuery(jobId));
  const [ended, setEnded] = useState(false);
  const finished = useRef(false);

  const mounted = useRef(false);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // Closed (or navigated away) while it runs: the layout's bar keeps following it. Checked
      // a turn later, because StrictMode unmounts and mounts again at once (that is no close).
      setTimeout(() => {
        if (!mounted.current && !finished.current) track(jobId);
      }, 0);
    };
  }, [jobId, track]);

  const onFinished = (event: FinishedJob) => {
    finished.current = true;
    setEnded(true);
    jobFinished(event);
  };

  const result = ended && job.data && isJobFinished(job.data.status) && !job.isFetching ? job.data : null;
  const readError = ended && job.error && !job.isFetching ? errorMessage(job.error) : null;
  return (
    <>
      {result ? null : (
        <p>
          {plural(count, 'statement')} {count === 1 ? 'is' : 'are'} being processed in the background. You may
          close this dialog: the job goes on, and its progress stays at the top of the page.
        </p>
      )}
      <JobProgressBar
        jobId={jobId}
        job={job.data ?? null}
        canCancel={can('jobs:manage')}
        onItem={itemFinished}
        onFinished={onFinished}
      />
      {readError ? (
        <p role="alert" className="form-error">
          Could not read the job’s result: {readError} <Link href={`/jobs/${jobId}`}>Open the job</Link>
        </p>
      ) : null}
      {ended && !result && !readError ? <Spinner label="Reading the result..." /> : null}
      {result ? <BulkResultLists action={action} lists={listsOfJob(result, action)} /> : null}
    </>
  );
}

export interface BulkResultDialogProps {
  action: BulkAction;
  outcome: BulkOutcome;
  onClose: () => void;
}

export function BulkResultDialog({ action, outcome, onClose }: BulkResultDialogProps) {
  const label = BULK_ACTION_WORDS[action]?.label ?? action;
  const closeRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      title={`${label}: ${outcome.kind === 'job' ? 'background job' : 'result'}`}
      onClose={onClose}
      initialFocus={closeRef}
      className="bulk-result"
    >
      {outcome.kind === 'job' ? (
        <JobResult action={action} jobId={outcome.jobId} count={outcome.count} />
      ) : (
        <BulkResultLists action={action} lists={listsOfResult(outcome)} />
      )}
      <div className="dialog-actions">
        <button ref={closeRef} type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
