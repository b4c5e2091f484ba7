/**
 * Bulk actions on the statement list, put together: the toolbar for the selection, a
 * confirmation before the destructive ones (Send to owners e-mails, Delete drafts deletes), and
 * the result dialog. The statements queries are invalidated by the hook (a result) or by the
 * job's events (jobs.tsx), so the list re-reads without being told.
 */
import { useState } from 'react';
import type { BulkAction } from '../api.js';
import { plural } from '../labels.js';
import { BulkResultDialog } from './BulkResultDialog.js';
import { BulkToolbar } from './BulkToolbar.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { type BulkFilter, useBulkActions } from './useBulkActions.js';
import type { StatementSelection } from './useStatementSelection.js';

/** The actions asked about first, and what the question says. */
const CONFIRM: Partial<
  Record<BulkAction, { title: string; confirmLabel: string; message: (what: string) => string }>
> = {
  send: {
    title: 'Send to owners',
    confirmLabel: 'Send to owners',
    message: (what) =>
      `E-mail ${what} to their owners, with the PDF attached? Only final statements are sent; drafts and statements already sent are refused and listed.`,
  },
  delete: {
    title: 'Delete drafts',
    confirmLabel: 'Delete drafts',
    message: (what) =>
      `Delete ${what}? Only drafts are deleted; final and sent statements are kept and listed as refused. This cannot be undone.`,
  },
};

export interface BulkActionsProps {
  selection: StatementSelection;
  filter: BulkFilter;
  total: number | null;
  canEdit: boolean;
}

export function BulkActions({ selection, filter, total, canEdit }: BulkActionsProps) {
  const bulk = useBulkActions(filter);
  const [asking, setAsking] = useState<BulkAction | null>(null);

  const what =
    selection.mode === 'filter'
      ? `all ${plural(selection.count, 'statement')} matching the filters`
      : `the ${plural(selection.count, 'selected statement')}`;

  async function carryOut(action: BulkAction) {
    await bulk.perform(action, selection);
    selection.clear();
  }

  function onAction(action: BulkAction) {
    bulk.clearError();
    if (CONFIRM[action]) setAsking(action);
    else void bulk.start(() => carryOut(action));
  }

  const question = asking ? CONFIRM[asking] : undefined;
  return (
    <>
      <BulkToolbar
        selection={selection}
        total={total}
        canEdit={canEdit}
        busy={bulk.busy}
        error={bulk.error}
        onAction={onAction}
        onDownloadPdfs={() => bulk.downloadPdfs(selection)}
      />
      {asking && question ? (
        <ConfirmDialog
          title={question.title}
          message={question.message(what)}
          confirmLabel={question.confirmLabel}
          onConfirm={async () => {
            await carryOut(asking);
            setAsking(null);
          }}
          onCancel={() => setAsking(null)}
        />
      ) : null}
      {bulk.last ? (
        <BulkResultDialog action={bulk.last.action} outcome={bulk.last.outcome} onClose={bulk.clearLast} />
      ) : null}
    </>
  );
}
