/**
 * The jobs this browser follows live, and the "something changed" signals pages listen to.
 *
 * On sign-in it finds the jobs already running (status processing and queued) and follows each
 * new one started here. Pages re-read their data when `statementsVersion` (a statement was
 * generated; throttled to one bump a second, so a fast job does not flood the server with list
 * requests) or `jobsVersion` (a job started or ended) changes.
 */
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { api, type JobDto } from './api.js';
import type { FinishedJob, JobItemEvent } from './components/useJobEvents.js';
import { throttle } from './throttle.js';

export interface TrackedJob {
  id: string;
  job: JobDto | null;
}

interface JobsContextValue {
  tracked: readonly TrackedJob[];
  track: (jobId: string, job?: JobDto | null) => void;
  dismiss: (jobId: string) => void;
  statementsVersion: number;
  jobsVersion: number;
  /** Handlers for the live progress bars. */
  itemFinished: (item: JobItemEvent) => void;
  /** A followed job ended: pages that show it GET it again (the event carries no result lists). */
  jobFinished: (job: FinishedJob) => void;
}

const JobsContext = createContext<JobsContextValue | null>(null);

export const STATEMENTS_REFRESH_MS = 1000;

export function JobsProvider({ children, discover = true }: { children: ReactNode; discover?: boolean }) {
  const [tracked, setTracked] = useState<readonly TrackedJob[]>([]);
  const [statementsVersion, setStatementsVersion] = useState(0);
  const [jobsVersion, setJobsVersion] = useState(0);

  const bumpStatements = useRef(throttle(() => setStatementsVersion((v) => v + 1), STATEMENTS_REFRESH_MS));
  useEffect(() => {
    const throttled = bumpStatements.current;
    return () => throttled.cancel();
  }, []);

  const track = useCallback((jobId: string, job: JobDto | null = null) => {
    setTracked((current) => {
      const existing = current.find((t) => t.id === jobId);
      if (existing) {
        return job && !existing.job ? current.map((t) => (t.id === jobId ? { id: jobId, job } : t)) : current;
      }
      return [...current, { id: jobId, job }];
    });
    setJobsVersion((v) => v + 1);
    // Fetched for its period, which labels the progress bar; the bar itself needs only the id.
    if (!job) {
      api
        .getJob(jobId)
        .then((fetched) =>
          setTracked((current) =>
            current.map((t) => (t.id === jobId && !t.job ? { id: jobId, job: fetched } : t)),
          ),
        )
        .catch(() => undefined);
    }
  }, []);

  const dismiss = useCallback((jobId: string) => {
    setTracked((current) => current.filter((t) => t.id !== jobId));
  }, []);

  const itemFinished = useCallback((item: JobItemEvent) => {
    if (item.status === 'succeeded') bumpStatements.current();
  }, []);

  const jobFinished = useCallback((_job: FinishedJob) => {
    bumpStatements.current();
    setJobsVersion((v) => v + 1);
  }, []);

  useEffect(() => {
    if (!discover) return;
    let cancelled = false;
    Promise.all([api.listJobs({ status: 'processing' }), api.listJobs({ status: 'queued' })])
      .then(([processing, queued]) => {
        if (cancelled) return;
        // Oldest first, so bars keep the order in which the jobs were started.
        const running = [...processing.jobs, ...queued.jobs].sort((a, b) =>
          a.createdAt.localeCompare(b.createdAt),
        );
        setTracked((current) => {
          const known = new Set(current.map((t) => t.id));
          return [...current, ...running.filter((j) => !known.has(j.id)).map((j) => ({ id: j.id, job: j }))];
        });
      })
      .catch(() => undefined); // Not fatal: the bars are an extra; new jobs are still followed.
    return () => {
      cancelled = true;
    };
  }, [discover]);

  const value = useMemo<JobsContextValue>(
    () => ({ tracked, track, dismiss, statementsVersion, jobsVersion, itemFinished, jobFinished }),
    [tracked, track, dismiss, statementsVersion, jobsVersion, itemFinished, jobFinished],
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
