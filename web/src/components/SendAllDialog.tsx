/**
 * "Send all final statements" for one period: asks the server how many final, unsent statements
 * the period has, says so, and on confirmation starts the background job (its progress then shows
 * like a generation job's). Nothing to send: says so and offers only Close.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { api, errorMessage, type SendAllRequest } from '../api.js';
import { formatPeriod } from '../format.js';
import { sendAllPreviewQuery } from '../queries.js';
import { Dialog } from './Dialog.js';
import type { NoticeInput } from './Notices.js';
import { Spinner } from './Spinner.js';

export interface SendAllDialogProps {
  request: SendAllRequest;
  /** Shown instead of the owner's id. */
  ownerName?: string;
  onClose: () => void;
  onJobStarted: (jobId: string) => void;
  onNotice: (notice: NoticeInput) => void;
}

export function SendAllDialog({ request, ownerName, onClose, onJobStarted, onNotice }: SendAllDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { periodStart, periodEnd, ownerId } = request;
  const exactly: SendAllRequest = { periodStart, periodEnd, ...(ownerId ? { ownerId } : {}) };
  const preview = useQuery(sendAllPreviewQuery(exactly));
  const count = preview.data?.count ?? null;
  const loadError = preview.error ? errorMessage(preview.error) : null;

  const period = formatPeriod(periodStart, periodEnd);
  const whose = ownerId ? ` of ${ownerName ?? `owner ${ownerId}`}` : '';

  // The job's events keep the lists fresh from here (onJobStarted follows it).
  const sending = useMutation({
    mutationFn: () => api.sendAll(exactly),
    onSuccess: (accepted) => {
      onJobStarted(accepted.jobId);
      onNotice({
        tone: 'info',
        title: `Sending ${accepted.count} statement${accepted.count === 1 ? '' : 's'} in the background`,
        lines: [
          'Progress is shown at the top of the page; each statement is marked sent when its e-mail is out.',
        ],
        jobId: accepted.jobId,
      });
      onClose();
    },
  });
  const busy = sending.isPending;
  const error = sending.error ? errorMessage(sending.error) : null;

  return (
    <Dialog title="Send all final statements" onClose={onClose} closable={!busy} initialFocus={cancelRef}>
      {count === null && !loadError ? <Spinner label="Counting final statements..." /> : null}
      {loadError ? (
        <p role="alert" className="form-error">
          Could not count the statements: {loadError}
        </p>
      ) : null}
      {count === 0 ? (
        <p>
          No final, unsent statement{whose} for {period}. Finalize statements first; sent ones are never sent
          again by this action.
        </p>
      ) : null}
      {count !== null && count > 0 ? (
        <p>
          {count} final statement{count === 1 ? '' : 's'}
          {whose} for {period} will be e-mailed to {count === 1 ? 'its owner' : 'their owners'} with the PDF
          attached, and marked sent. Statements already sent are not sent again.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {busy ? <Spinner label="Starting..." /> : null}
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" onClick={onClose} disabled={busy}>
          {count === 0 ? 'Close' : 'Cancel'}
        </button>
        {count !== null && count > 0 ? (
          <button type="button" className="button-primary" onClick={() => sending.mutate()} disabled={busy}>
            Send {count} statement{count === 1 ? '' : 's'}
          </button>
        ) : null}
      </div>
    </Dialog>
  );
}
