/**
 * "Send all final statements" for one period: asks the server what it would e-mail — per owner:
 * one e-mail per combined owner, one per statement for per-property owners, and the owners not
 * ready (drafts left) — says so, and on confirmation starts the background job (its progress then
 * shows like a generation job's). Nothing to send: says so (and who is not ready) and offers only
 * Close.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { api, errorMessage, type SendAllRequest } from '../api.js';
import { formatPeriod } from '../format.js';
import { plural } from '../plural.js';
import { sendAllPreviewQuery } from '../queries.js';
import { Dialog } from './Dialog.js';
import type { NoticeInput } from './Notices.js';
import { SendAllPlan } from './SendAllPlan.js';
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
  const plan = preview.data ?? null;
  const emails = plan?.emails ?? null;
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
        title: `Sending ${plural(accepted.emails, 'e-mail')} in the background`,
        lines: [
          `${plural(accepted.count, 'statement')} to ${plural(accepted.owners, 'owner')}. Progress is shown at the top of the page; each statement is marked sent when its e-mail is out.`,
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
      {plan === null && !loadError ? <Spinner label="Counting final statements..." /> : null}
      {loadError ? (
        <p role="alert" className="form-error">
          Could not count the statements: {loadError}
        </p>
      ) : null}
      {plan !== null && emails === 0 ? (
        <p>
          No final, unsent statement{whose} for {period} can be sent. Finalize statements first; an owner who
          gets one combined e-mail is sent nothing while any of their statements is a draft, and sent ones are
          never sent again by this action.
        </p>
      ) : null}
      {plan !== null && emails !== null && emails > 0 ? (
        <p>
          {plural(emails, 'e-mail')} to{' '}
          {ownerId ? (ownerName ?? `owner ${ownerId}`) : plural(plan.owners, 'owner')} for {period}, with the
          PDF attached: {plural(plan.count, 'final statement')} will be marked sent. Statements already sent
          are not sent again.
        </p>
      ) : null}
      {plan !== null ? <SendAllPlan preview={plan} /> : null}
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {busy ? <Spinner label="Starting..." /> : null}
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" onClick={onClose} disabled={busy}>
          {emails === 0 ? 'Close' : 'Cancel'}
        </button>
        {emails !== null && emails > 0 ? (
          <button type="button" className="button-primary" onClick={() => sending.mutate()} disabled={busy}>
            Send {plural(emails, 'e-mail')}
          </button>
        ) : null}
      </div>
    </Dialog>
  );
}
