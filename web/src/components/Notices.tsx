/**
 * In-app notices (the spec's "alerts", without window.alert): a polite live region at the top of
 * the layout, so screen readers announce each notice and the user keeps working.
 *
 * Notices tell the truth for as long as they are shown: a success notice goes by itself after a
 * few seconds (not while the pointer or focus is on it); a notice about a background job
 * (`jobId`) is shown inside that job's live line (RunningJobs), which replaces its "may take
 * several minutes" with how the job ended; and no notice follows the user to another page once
 * it is stale (useDismissWhenStale).
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
import { useOptionalJobs } from '../jobs.js';
import { useDismissWhenStale } from './useDismissWhenStale.js';

export type NoticeTone = 'success' | 'info' | 'warning' | 'error';

/** How long a success notice stays (long enough to read two lines twice). */
export const SUCCESS_NOTICE_MS = 6000;

export interface NoticeInput {
  tone: NoticeTone;
  title: string;
  /** Further paragraphs, shown under the title. */
  lines?: readonly string[];
  /** The background job it announces: its live line shows it while the job runs. */
  jobId?: string;
}

export interface Notice extends NoticeInput {
  id: number;
  /** Date.now() when it was raised. */
  createdAt: number;
}

interface NoticesContextValue {
  notices: readonly Notice[];
  notify: (notice: NoticeInput) => void;
  dismiss: (id: number) => void;
}

const NoticesContext = createContext<NoticesContextValue | null>(null);

/** More than this and the oldest go: a long session should not pile notices up. */
const MAX_NOTICES = 5;

export function NoticesProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<readonly Notice[]>([]);
  const nextId = useRef(1);

  const notify = useCallback((notice: NoticeInput) => {
    const id = nextId.current++;
    setNotices((current) => [...current, { ...notice, id, createdAt: Date.now() }].slice(-MAX_NOTICES));
  }, []);
  const dismiss = useCallback((id: number) => {
    setNotices((current) => current.filter((n) => n.id !== id));
  }, []);

  const value = useMemo(() => ({ notices, notify, dismiss }), [notices, notify, dismiss]);
  return <NoticesContext.Provider value={value}>{children}</NoticesContext.Provider>;
}

export function useNotices(): NoticesContextValue {
  const value = useContext(NoticesContext);
  if (!value) throw new Error('useNotices needs a <NoticesProvider>');
  return value;
}

/** The notice announcing a job (its live line shows it), if one was raised. */
export function useJobNotice(jobId: string): Notice | undefined {
  return useNotices().notices.find((n) => n.jobId === jobId);
}

/**
 * The live region. Always rendered (even empty) so assistive tech is listening before a notice.
 * A job's notice is left to the job's live line when the job is followed (it always is in the
 * layout); without a followed job it shows here like any other.
 */
export function NoticesRegion() {
  const { notices, dismiss } = useNotices();
  const jobs = useOptionalJobs();
  const shownByJobLine = (n: Notice) =>
    n.jobId !== undefined && (jobs?.tracked.some((t) => t.id === n.jobId) ?? false);
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices
        .filter((n) => !shownByJobLine(n))
        .map((notice) => (
          <NoticeItem key={notice.id} notice={notice} dismiss={dismiss} />
        ))}
    </div>
  );
}

function NoticeItem({ notice, dismiss }: { notice: Notice; dismiss: (id: number) => void }) {
  const [paused, setPaused] = useState(false);
  const { id, tone } = notice;
  useEffect(() => {
    if (tone !== 'success' || paused) return;
    const timer = setTimeout(() => dismiss(id), SUCCESS_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [id, tone, paused, dismiss]);
  useDismissWhenStale(notice.createdAt, () => dismiss(id));

  return (
    // Hovering or focusing a notice holds it, so it does not vanish while being read or used.
    // biome-ignore lint/a11y/noStaticElementInteractions: the handlers only pause the timer
    <div
      className={`notice notice-${tone}`}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <div className="notice-body">
        <p className="notice-title">{notice.title}</p>
        {notice.lines?.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      <button type="button" className="button-small" onClick={() => dismiss(id)}>
        Dismiss
      </button>
    </div>
  );
}
