/**
 * Live state of one job from its Server-Sent Events stream (GET /api/statements/jobs/:id/events):
 * `progress` and `item` events while it runs, then one final `completed` | `failed` | `cancelled`
 * carrying the job's status, summary and counts (not its result lists: whoever shows those GETs
 * the job, e.g. the job page's query is invalidated when `onFinished` reaches the jobs context).
 * Each event's data has its type in the contract (src/contract/jobs.ts), like every other answer.
 * The source is closed on the final event, because EventSource would otherwise reconnect when
 * the server ends the stream.
 *
 * The EventSource constructor comes from context so tests can inject a fake without mocking
 * modules or globals.
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useRef, useState } from 'react';
import {
  api,
  isJobFinished,
  type JobDto,
  type JobFinishedEventDto,
  type JobItemEventDto,
  type JobProgressEventDto,
  type JobStatus,
} from '../api.js';
import { jobQuery } from '../queries.js';

/** The part of EventSource this hook uses. */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}
export type EventSourceFactory = (url: string) => EventSourceLike;

const browserEventSource: EventSourceFactory = (url) => new EventSource(url);
export const EventSourceFactoryContext = createContext<EventSourceFactory>(browserEventSource);

/** readyState of a source that gave up (a non-200 answer, say) and will not reconnect. */
const CLOSED = 2;
const RECONNECT_MS = 3000;

export interface JobLiveState {
  status: JobStatus;
  progress: number;
  total: number | null;
  counts: JobDto['counts'];
  /** The job's error when it failed. */
  error: string | null;
  /** True while the stream is down and being re-opened. */
  reconnecting: boolean;
}

/**
 * What this hook needs of a finished job: the stream's final event, or a whole job (from a cancel
 * answer or a GET) — both have these fields.
 */
export type FinishedJob = Pick<
  JobFinishedEventDto,
  'id' | 'status' | 'progress' | 'total' | 'counts' | 'error'
>;

export interface UseJobEventsOptions {
  initialJob?: JobDto | null;
  onItem?: (item: JobItemEventDto) => void;
  /** Called once when the job ends, with its status and counts (GET the job for its result lists). */
  onFinished?: (job: FinishedJob) => void;
}

const fromJob = (job: FinishedJob): JobLiveState => ({
  status: job.status,
  progress: job.progress,
  total: job.total,
  counts: job.counts,
  error: job.error,
  reconnecting: false,
});

/** The event's data as the contract types it (not validated: zod stays out of the bundle). */
function parse<T>(event: MessageEvent): T | null {
  try {
    return JSON.parse(String(event.data)) as T;
  } catch {
    return null;
  }
}

export function useJobEvents(jobId: string, options: UseJobEventsOptions = {}) {
  const factory = useContext(EventSourceFactoryContext);
  const client = useQueryClient();
  const { initialJob } = options;
  const [state, setState] = useState<JobLiveState>(() =>
    initialJob
      ? fromJob(initialJob)
      : {
          status: 'queued',
          progress: 0,
          total: null,
          counts: { generated: 0, skipped: 0, errors: 0 },
          error: null,
          reconnecting: false,
        },
  );
  // Callbacks are read through a ref so a new callback identity does not reopen the stream.
  const callbacks = useRef(options);
  useLayoutEffect(() => {
    callbacks.current = options;
  });
  const finishedRef = useRef(initialJob ? isJobFinished(initialJob.status) : false);
  const sourceRef = useRef<EventSourceLike | null>(null);

  /** Applies a finished job once, whichever tells first: the stream, a cancel answer or a poll. */
  const finish = useCallback((job: FinishedJob) => {
    if (!isJobFinished(job.status) || finishedRef.current) return;
    finishedRef.current = true;
    sourceRef.current?.close();
    sourceRef.current = null;
    setState(fromJob(job));
    callbacks.current.onFinished?.(job);
  }, []);

  useEffect(() => {
    if (finishedRef.current) return;
    let disposed = false;
    let retry: ReturnType<typeof setTimeout> | null = null;

    const open = () => {
      if (disposed || finishedRef.current) return;
      const source = factory(api.jobEventsUrl(jobId));
      sourceRef.current = source;
      source.addEventListener('progress', (event) => {
        const data = parse<JobProgressEventDto>(event);
        if (!data || finishedRef.current) return;
        setState((s) => ({
          ...s,
          status: s.status === 'queued' && data.total !== null ? 'processing' : s.status,
          progress: data.progress,
          total: data.total,
          counts: data.counts,
          reconnecting: false,
        }));
      });
      source.addEventListener('item', (event) => {
        const item = parse<JobItemEventDto>(event);
        if (!item) return;
        setState((s) => (s.status === 'queued' ? { ...s, status: 'processing' } : s));
        callbacks.current.onItem?.(item);
      });
      for (const type of ['completed', 'failed', 'cancelled'] as const) {
        source.addEventListener(type, (event) => {
          const job = parse<JobFinishedEventDto>(event);
          source.close();
          if (job) finish(job);
        });
      }
      source.addEventListener('error', () => {
        if (disposed || finishedRef.current) return;
        if (source.readyState !== CLOSED) {
          // The browser reconnects by itself (with Last-Event-ID), replaying what was missed.
          setState((s) => ({ ...s, reconnecting: true }));
          return;
        }
        // It gave up: ask for the job, and open a new stream if it still runs.
        setState((s) => ({ ...s, reconnecting: true }));
        client
          .fetchQuery(jobQuery(jobId))
          .then((job) => {
            if (isJobFinished(job.status)) finish(job);
            else if (!disposed) retry = setTimeout(open, RECONNECT_MS);
          })
          .catch(() => {
            if (!disposed) retry = setTimeout(open, RECONNECT_MS);
          });
      });
    };

    open();
    return () => {
      disposed = true;
      if (retry !== null) clearTimeout(retry);
      sourceRef.current?.close();
      sourceRef.current = null;
    };
  }, [jobId, factory, client, finish]);

  return { state, finish, finished: isJobFinished(state.status) };
}
