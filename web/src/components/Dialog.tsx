/**
 * A modal dialog: role="dialog", aria-modal, named by its heading; focus moves in on open, Tab
 * and Shift+Tab cycle inside it, Escape closes it (unless `closable` is false, e.g. while a
 * request runs), and focus returns to whatever opened it. A div rather than <dialog>, because
 * showModal() is missing in jsdom and the behaviour is the same.
 */
import { type ReactNode, type RefObject, useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';

export interface DialogProps {
  title: string;
  onClose: () => void;
  closable?: boolean;
  children: ReactNode;
  /** Focused on open; otherwise the first focusable element. */
  initialFocus?: RefObject<HTMLElement | null>;
  className?: string;
}

const FOCUSABLE = [
  'a[href]',
  'button',
  'input:not([type="hidden"])',
  'select',
  'textarea',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

export function focusableIn(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => !el.hasAttribute('disabled') && !el.closest('fieldset[disabled]') && !el.closest('[hidden]'),
  );
}

/** Open dialogs, innermost last: only the innermost one handles keys. */
const openDialogs: string[] = [];

export function Dialog({ title, onClose, closable = true, children, initialFocus, className }: DialogProps) {
  const titleId = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  // The latest props for the key handler, which is installed once per open dialog.
  const latest = useRef({ onClose, closable });
  latest.current = { onClose, closable };

  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    openDialogs.push(titleId);
    // The page behind is inert (no focus, no clicks) while a dialog is open; it lives in #root,
    // the dialog in a portal outside it.
    const appRoot = document.getElementById('root');
    if (appRoot && !appRoot.contains(panel)) appRoot.inert = true;
    const target = initialFocus?.current ?? focusableIn(panel)[0] ?? panel;
    target.focus();

    function onKeyDown(event: KeyboardEvent) {
      if (openDialogs[openDialogs.length - 1] !== titleId || !panel) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        if (latest.current.closable) latest.current.onClose();
        return;
      }
      if (event.key !== 'Tab') return;
      const items = focusableIn(panel);
      const first = items[0];
      const last = items[items.length - 1];
      const active = document.activeElement;
      event.preventDefault();
      if (!first || !last) {
        panel.focus();
        return;
      }
      const inside = active instanceof HTMLElement && panel.contains(active);
      const index = inside ? items.indexOf(active) : -1;
      if (event.shiftKey) (index <= 0 ? last : (items[index - 1] ?? last)).focus();
      else (index === -1 || index >= items.length - 1 ? first : (items[index + 1] ?? first)).focus();
    }

    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      const at = openDialogs.lastIndexOf(titleId);
      if (at >= 0) openDialogs.splice(at, 1);
      if (appRoot && openDialogs.length === 0) appRoot.inert = false;
      if (opener?.isConnected) opener.focus();
    };
    // Runs once per opening: the initial focus target is read only then.
  }, [titleId, initialFocus]);

  return createPortal(
    <div className="dialog-backdrop">
      <div
        ref={panelRef}
        className={`dialog ${className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
      >
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}
