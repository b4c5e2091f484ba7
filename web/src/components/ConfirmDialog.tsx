/**
 * "Are you sure?" for destructive actions. Focus starts on Cancel so a stray Enter does no harm;
 * a failed action keeps the dialog open with the server's message.
 */
import { useRef, useState } from 'react';
import { errorMessage } from '../api.js';
import { Dialog } from './Dialog.js';
import { Spinner } from './Spinner.js';

export interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel?: string;
  /** Resolves when done (the caller then closes the dialog); rejects to show the error. */
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}

export function ConfirmDialog({
  title,
  message,
  confirmLabel = 'Confirm',
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  return (
    <Dialog title={title} onClose={onCancel} closable={!busy} initialFocus={cancelRef}>
      <p>{message}</p>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {busy ? <Spinner label="Working..." /> : null}
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="button-danger" onClick={() => void confirm()} disabled={busy}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
