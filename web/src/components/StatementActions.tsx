/**
 * The statement page's lifecycle actions (issue 15 §6, safe sending). One primary action per
 * status — Finalize a draft, Send a final statement to its owner — and the rest beside it or in a
 * "More actions" menu: marking a statement sent without e-mailing it is deliberate and rare, so
 * it sits in the menu and asks first. "Resend" is offered only where an e-mail really went out
 * (a delivery on record), not merely because the status says sent. Every change ends with a
 * notice saying what happened; a refusal explains itself in plain words (errorText.ts).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { api, errorMessage, isApiError, type StatementDto } from '../api.js';
import { useAuth } from '../auth.js';
import { explainError } from '../errorText.js';
import { statementDeleted, statementSaved, statementSent, statementsChanged } from '../queries.js';
import { ActionMenu } from './ActionMenu.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { useNotices } from './Notices.js';
import { Spinner } from './Spinner.js';
import { useEmailWentOut } from './useEmailWentOut.js';

type Confirming = 'delete' | 'to-draft' | 'regenerate' | 'send' | 'resend' | 'mark-sent';

const OUTBOX_LINE = 'Demo mode: written to the outbox (DATA_DIR/outbox).';

/** An API refusal as the screen says it: what happened and what to do, then the server's words. */
function plainError(error: unknown): Error {
  if (!isApiError(error)) return error instanceof Error ? error : new Error(errorMessage(error));
  const { what, next } = explainError(error.code);
  return new Error(`${what} ${next} (${error.message})`);
}

function confirmText(
  action: Confirming,
  to: string,
): { title: string; message: string; confirmLabel: string } {
  switch (action) {
    case 'send':
      return {
        title: 'E-mail this statement to the owner?',
        message: `The PDF goes to ${to} and the statement is marked sent.`,
        confirmLabel: 'Send',
      };
    case 'resend':
      return {
        title: 'Send this statement again?',
        message: `It was already e-mailed; ${to} will receive it a second time.`,
        confirmLabel: 'Resend',
      };
    case 'mark-sent':
      return {
        title: 'Mark as sent without e-mailing?',
        message:
          'The statement is marked sent but nothing is e-mailed — only for an owner who got it another way. It cannot go back to draft; it can still be e-mailed later.',
        confirmLabel: 'Mark as sent',
      };
    case 'to-draft':
      return {
        title: 'Move back to draft?',
        message: 'The statement becomes an editable draft again and may be regenerated or deleted.',
        confirmLabel: 'Back to draft',
      };
    case 'delete':
      return {
        title: 'Delete this draft?',
        message: 'The draft statement is deleted. Its reservations, expenses and adjustments are kept.',
        confirmLabel: 'Delete draft',
      };
    case 'regenerate':
      return {
        title: 'Regenerate this draft?',
        message:
          'The draft is recomputed from current reservations, expenses, adjustments and property settings, replacing its figures.',
        confirmLabel: 'Regenerate',
      };
  }
}

export interface StatementActionsProps {
  statement: StatementDto;
  /** The owner's e-mail when known: '' means the owner has none (sending cannot work). */
  ownerEmail?: string | undefined;
  /** The draft was regenerated (what was recorded meanwhile is now in it). */
  onRegenerated?: () => void;
}

export function StatementActions({ statement: s, ownerEmail, onRegenerated }: StatementActionsProps) {
  const { can } = useAuth();
  const { notify } = useNotices();
  const [, navigate] = useLocation();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const mayEdit = can('statements:edit');
  const mayRegenerate = can('statements:generate') && s.status === 'draft' && s.ownerId !== null;
  const emailed = useEmailWentOut(s, mayEdit);
  const name = s.propertyName ?? s.propertyId;
  const recipient = ownerEmail || "the owner's e-mail address";
  const noEmail = ownerEmail === '';

  const finalize = useMutation({
    mutationFn: () => api.setStatementStatus(s.id, 'final'),
    onSuccess: (saved) => {
      void statementSaved(client, saved);
      notify({ tone: 'success', title: 'Finalized — ready to send', lines: [name] });
    },
  });
  const busy = finalize.isPending;
  const error = finalize.error ? plainError(finalize.error).message : null;

  if (!mayEdit && !mayRegenerate) return null;

  /**
   * For the confirmation dialog: throws to keep it open with the message. The dialog shows what
   * is pending and what failed, so these are plain calls that tell the cache what changed.
   */
  async function confirmed(action: Confirming) {
    try {
      await perform(action);
    } catch (e) {
      throw plainError(e);
    }
  }

  async function perform(action: Confirming) {
    if (action === 'delete') {
      await api.deleteStatement(s.id);
      void statementDeleted(client, s.id);
      notify({ tone: 'success', title: `Draft deleted: ${name}` });
      setConfirming(null);
      navigate('/');
      return;
    }
    if (action === 'to-draft' || action === 'mark-sent') {
      const changed = await api.setStatementStatus(s.id, action === 'to-draft' ? 'draft' : 'sent');
      void statementSaved(client, changed);
      setConfirming(null);
      notify(
        action === 'to-draft'
          ? { tone: 'success', title: 'Back to draft — it can be edited again', lines: [name] }
          : { tone: 'success', title: 'Marked as sent (no e-mail)', lines: [name] },
      );
      return;
    }
    if (action === 'send' || action === 'resend') {
      // A statement marked sent without an e-mail is sent for the first time, but the API
      // asks for `resend` on every sent statement.
      const sent = await api.sendStatement(s.id, s.status === 'sent');
      void statementSent(client, sent.statement, sent.delivery);
      setConfirming(null);
      const outbox = sent.delivery.via === 'outbox' ? [OUTBOX_LINE] : [];
      notify({
        tone: 'success',
        title: `${action === 'resend' ? 'Sent again to' : 'Sent to'} ${sent.delivery.recipient}`,
        lines: [name, ...outbox],
      });
      return;
    }
    if (s.ownerId === null) throw new Error('This statement has no owner, so it cannot be regenerated.');
    const outcome = await api.generate({
      ownerId: s.ownerId,
      propertyId: s.propertyId,
      startDate: s.periodStart,
      endDate: s.periodEnd,
      calculationType: s.calculationType,
    });
    setConfirming(null);
    if (outcome.kind !== 'statement') {
      void statementsChanged(client);
      return;
    }
    void statementSaved(client, outcome.statement);
    onRegenerated?.();
    notify({
      tone: 'success',
      title: '✅ Statement generated successfully',
      lines: ['The draft was regenerated.'],
    });
    if (outcome.statement.id !== s.id) navigate(`/statements/${outcome.statement.id}`);
  }

  const dialog = confirming ? confirmText(confirming, recipient) : null;
  const noEmailHint = noEmail ? (
    <span className="hint">The owner has no e-mail address in Hostify, so it cannot be e-mailed.</span>
  ) : null;

  return (
    <>
      <div className="actions">
        {mayEdit && s.status === 'draft' ? (
          <button type="button" className="button-primary" disabled={busy} onClick={() => finalize.mutate()}>
            Finalize
          </button>
        ) : null}
        {mayRegenerate ? (
          <button type="button" disabled={busy} onClick={() => setConfirming('regenerate')}>
            Regenerate
          </button>
        ) : null}
        {mayEdit && s.status === 'draft' ? (
          <button
            type="button"
            className="button-danger"
            disabled={busy}
            onClick={() => setConfirming('delete')}
          >
            Delete draft
          </button>
        ) : null}

        {mayEdit && s.status === 'final' ? (
          <>
            <button
              type="button"
              className="button-primary"
              disabled={busy || noEmail}
              onClick={() => setConfirming('send')}
            >
              Send to owner
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming('to-draft')}>
              Back to draft
            </button>
            <ActionMenu
              label="More actions"
              disabled={busy}
              items={[
                { label: 'Mark as sent without e-mailing', onSelect: () => setConfirming('mark-sent') },
              ]}
            />
            {noEmailHint}
          </>
        ) : null}

        {mayEdit && s.status === 'sent' && emailed === 'checking' ? (
          <Spinner label="Checking what was e-mailed..." />
        ) : null}
        {mayEdit && s.status === 'sent' && (emailed === 'emailed' || emailed === 'unknown') ? (
          <>
            {emailed === 'unknown' ? (
              <span className="hint">Could not check whether it was e-mailed.</span>
            ) : null}
            <button type="button" disabled={busy} onClick={() => setConfirming('resend')}>
              Resend to owner
            </button>
          </>
        ) : null}
        {mayEdit && s.status === 'sent' && emailed === 'not-emailed' ? (
          <>
            <span className="hint">Marked as sent without an e-mail.</span>
            <button
              type="button"
              className="button-primary"
              disabled={busy || noEmail}
              onClick={() => setConfirming('send')}
            >
              Send to owner
            </button>
            {noEmailHint}
          </>
        ) : null}
        {busy ? <Spinner label="Saving..." /> : null}
      </div>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {confirming && dialog ? (
        <ConfirmDialog
          title={dialog.title}
          message={dialog.message}
          confirmLabel={dialog.confirmLabel}
          onConfirm={() => confirmed(confirming)}
          onCancel={() => setConfirming(null)}
        />
      ) : null}
    </>
  );
}
