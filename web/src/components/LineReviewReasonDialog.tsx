/**
 * Asks why a reservation is excluded or included on review. The reason is required (it is kept
 * with the override, listed on the statement and in the audit log); the dialog stays open with
 * the server's refusal explained when the change fails.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { Dialog } from './Dialog.js';
import { ApiErrorText } from './ErrorExplanation.js';
import { Spinner } from './Spinner.js';

/** The contract's limit on a reason (src/contract/line-review.ts). */
const MAX_REASON = 500;

export interface ReasonDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  /** Resolves when done (the caller closes the dialog); rejects to show why. */
  onSubmit: (reason: string) => Promise<void>;
  onCancel: () => void;
}

export function LineReviewReasonDialog({
  title,
  message,
  confirmLabel,
  onSubmit,
  onCancel,
}: ReasonDialogProps) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(reason.trim());
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={title}
      onClose={onCancel}
      closable={!busy}
      initialFocus={inputRef}
      className="reason-dialog"
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p>{message}</p>
        <div className="field">
          <label htmlFor={`${id}-reason`}>Reason</label>
          <textarea
            ref={inputRef}
            id={`${id}-reason`}
            required
            maxLength={MAX_REASON}
            value={reason}
            disabled={busy}
            aria-invalid={missing ? true : undefined}
            aria-describedby={missing ? `${id}-reason-error` : undefined}
            onChange={(e) => {
              setReason(e.target.value);
              setMissing(false);
            }}
          />
          {missing ? (
            <p id={`${id}-reason-error`} className="field-error">
              Enter the reason.
            </p>
          ) : null}
        </div>
        {error ? (
          <p role="alert" className="form-error">
            <ApiErrorText error={error} />
          </p>
        ) : null}
        {busy ? <Spinner label="Regenerating the draft..." /> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" disabled={busy}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
