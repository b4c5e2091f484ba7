/**
 * Copies a text (a one-time password) to the clipboard and says so. The Clipboard API needs a
 * secure context (HTTPS or localhost) and may be refused; the fallback is the old
 * select-and-execCommand way, and if that fails too the text is selected for Ctrl+C.
 */
import { type RefObject, useState } from 'react';

/** Copies `text`; false when neither way worked. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no permission, not focused): try the fallback.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  // execCommand copies the focused selection; focus goes back to the button afterwards.
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  document.body.append(area);
  area.focus();
  area.select();
  try {
    return typeof document.execCommand === 'function' && document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    previous?.focus();
  }
}

/** Selects the element's text, so the user can copy it by hand. */
function selectContents(element: HTMLElement | null) {
  const selection = window.getSelection();
  if (!element || !selection) return;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
}

export function CopyButton({
  text,
  label,
  source,
}: {
  text: string;
  /** The button's accessible name, e.g. "Copy password". */
  label: string;
  /** Where the text is shown: selected when copying is impossible. */
  source?: RefObject<HTMLElement | null>;
}) {
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);

  async function copy() {
    const copied = await copyText(text);
    setOutcome(copied ? 'copied' : 'failed');
    if (!copied) selectContents(source?.current ?? null);
  }

  return (
    <>
      <button type="button" className="button-small" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="hint copy-status">
        {outcome === 'copied' ? 'Copied to the clipboard.' : null}
        {outcome === 'failed' ? 'Could not copy: the text is selected, press Ctrl+C (⌘C on a Mac).' : null}
      </span>
    </>
  );
}
