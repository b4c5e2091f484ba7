/**
 * In-app notices (the spec's "alerts", without window.alert): a polite live region at the top of
 * the layout, so screen readers announce each notice and the user keeps working.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';

export type NoticeTone = 'success' | 'info' | 'error';

export interface NoticeInput {
  tone: NoticeTone;
  title: string;
  /** Further paragraphs, shown under the title. */
  lines?: readonly string[];
}

export interface Notice extends NoticeInput {
  id: number;
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
    setNotices((current) => [...current, { ...notice, id }].slice(-MAX_NOTICES));
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

/** The live region. Always rendered (even empty) so assistive tech is listening before a notice. */
export function NoticesRegion() {
  const { notices, dismiss } = useNotices();
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.tone}`}>
          <div className="notice-body">
            <p className="notice-title">{notice.title}</p>
            {notice.lines?.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
          <button type="button" className="button-small" onClick={() => dismiss(notice.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
