/**
 * The jobs this browser follows live, and what their event streams tell the data layer.
 *
 * On sign-in it finds the jobs already running (status processing and queued) and follows each
 * new one started here. A followed job's events invalidate the queries it changes
 * (src/queries.ts): a generated or sent statement re-reads the statements (throttled to once a
 * second, so a fast job does not flood the server with list requests), any finished item the
 * job's page and the history, and the job's end all of them and the outbox. Pages therefore
 * need no polling for followed jobs; `isFollowed` tells them which jobs those are.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { JobDto, JobItemEventDto } from './api.js';
import type { FinishedJob } from './components/useJobEvents.js';
import {
  jobEnded,
  jobQuery,
  jobStarted,
  jobsChanged,
  runningAtSignInQuery,
  statementsChanged,
} from './queries.js';
import { throttle } from './throttle.js';

export interface TrackedJob {
  id: string;
  job: JobDto | null;
}

interface JobsContextValue {
  tracked: readonly TrackedJob[];
  track: (jobId: string, job?: JobDto | null) => void;
  dismiss: (jobId: string) => void;
  /** True for a job whose event stream this browser follows (its queries are kept fresh). */
  isFollowed: (jobId: string) => boolean;
  /** Handlers for the live progress bars. */
  itemFinished: (item: JobItemEventDto) => void;
  jobFinished: (job: FinishedJob) => void;
}

const JobsContext = createContext<JobsContextValue | null>(null);

export const STATEMENTS_REFRESH_MS = 1000;

// A re-read already under way is not restarted by the next throttled invalidation: a list with
// many loaded pages would otherwise be cancelled every second and never finish. What it misses
// the next event, or the job's end, catches up.
const KEEP_RUNNING = { cancelRefetch: false };

export function JobsProvider({ children, discover = true }: { children: ReactNode; discover?: boolean }) {
  const client = useQueryClient();
  const [tracked, setTracked] = useState<readonly TrackedJob[]>([]);

  const [refresh] = useState(() => ({
    statements: throttle(() => void statementsChanged(client, KEEP_RUNNING), STATEMENTS_REFRESH_MS),
    jobs: throttle(() => void jobsChanged(client, KEEP_RUNNING), STATEMENTS_REFRESH_MS),
  }));
  useEffect(
    () => () => {
      refresh.statements.cancel();
      refresh.jobs.cancel();
    },
    [refresh],
  );

  const track = useCallback(
    (jobId: string, job: JobDto | null = null) => {
      setTracked((current) => {
        const existing = current.find((t) => t.id === jobId);
        if (existing) {
          return job && !existing.job
            ? current.map((t) => (t.id === jobId ? { id: jobId, job } : t))
            : current;
        }
        return [...current, { id: jobId, job }];
      });
      void jobStarted(client);
      // Fetched for its period, which labels the progress bar; the bar itself needs only the id.
      if (!job) {
        client
          .fetchQuery(jobQuery(jobId))
          .then((fetched) =>
            setTracked((current) =>
              current.map((t) => (t.id === jobId && !t.job ? { id: jobId, job: fetched } : t)),
            ),
          )
          .catch(() => undefined);
      }
    },
    [client],
  );

  const dismiss = useCallback((jobId: string) => {
    setTracked((current) => current.filter((t) => t.id !== jobId));
  }, []);

  const itemFinished = useCallback(
    (item: JobItemEventDto) => {
      if (item.status === 'succeeded') refresh.statements();
      refresh.jobs();
    },
    [refresh],
  );

  const jobFinished = useCallback(
    (_job: FinishedJob) => {
      // The end re-reads everything at once; a pending throttled re-read would only repeat it.
      refresh.statements.cancel();
      refresh.jobs.cancel();
      void jobEnded(client);
    },
    [client, refresh],
  );

  // Not fatal when it fails: the bars are an extra; new jobs are still followed.
  const running = useQuery({ ...runningAtSignInQuery(), enabled: discover });
  useEffect(() => {
    if (!running.data) return;
    const found = running.data;
    setTracked((current) => {
      const known = new Set(current.map((t) => t.id));
      return [...current, ...found.filter((j) => !known.has(j.id)).map((j) => ({ id: j.id, job: j }))];
    });
  }, [running.data]);

  const followed = useMemo(() => new Set(tracked.map((t) => t.id)), [tracked]);
  const isFollowed = useCallback((jobId: string) => followed.has(jobId), [followed]);

  const value = useMemo<JobsContextValue>(
    () => ({ tracked, track, dismiss, isFollowed, itemFinished, jobFinished }),
    [tracked, track, dismiss, isFollowed, itemFinished, jobFinished],
  );
  return <JobsContext.Provider value={value}>{children}</JobsContext.Provider>;
}

export function useJobs(): JobsContextValue {
  const value = useContext(JobsContext);
  if (!value) throw new Error('useJobs needs a <JobsProvider>');
  return value;
}

/** The followed jobs, or null outside a JobsProvider (the notices region works without one). */
export function useOptionalJobs(): JobsContextValue | null {
  return useContext(JobsContext);
}
