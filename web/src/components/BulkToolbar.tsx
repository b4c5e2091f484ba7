/**
 * The bar over the statement list while rows are selected: how many, "Select all N matching the
 * filters", and the actions. State changes (Finalize, Back to draft, Send to owners, Delete
 * drafts) only for those who may edit statements; Download PDFs for everyone.
 */
import { type BulkAction, MAX_BULK_IDS, MAX_ZIP_IDS } from '../api.js';
import { plural } from '../labels.js';
import { Spinner } from './Spinner.js';
import type { StatementSelection } from './useStatementSelection.js';

export const BULK_BUTTONS: Array<{ action: BulkAction; label: string; danger?: boolean }> = [
  { action: 'finalize', label: 'Finalize' },
  { action: 'draft', label: 'Back to draft' },
  { action: 'send', label: 'Send to owners' },
  { action: 'delete', label: 'Delete drafts', danger: true },
];

export interface BulkToolbarProps {
  selection: StatementSelection;
  /** How many statements match the filters in all (null: not known). */
  total: number | null;
  canEdit: boolean;
  busy: boolean;
  error: string | null;
  onAction: (action: BulkAction) => void;
  onDownloadPdfs: () => void;
}

export function BulkToolbar({
  selection,
  total,
  canEdit,
  busy,
  error,
  onAction,
  onDownloadPdfs,
}: BulkToolbarProps) {
  const { count, mode } = selection;
  if (count === 0) return null;
  const tooManyIds = mode === 'ids' && count > MAX_BULK_IDS;
  const tooManyPdfs = count > MAX_ZIP_IDS;
  return (
    <section className="bulk-toolbar" aria-label="Selected statements">
      <p className="bulk-count" aria-live="polite">
        {mode === 'filter'
          ? `All ${plural(count, 'statement')} matching the filters are selected.`
          : `${count} selected`}
        {selection.canSelectAllMatching && total !== null ? (
          <button type="button" className="link-button" onClick={selection.selectAllMatching}>
            Select all {total} matching the filters
          </button>
        ) : null}
        <button type="button" className="link-button" onClick={selection.clear}>
          Clear selection
        </button>
      </p>
      <div className="bulk-actions">
        {canEdit
          ? BULK_BUTTONS.map((b) => (
              <button
                key={b.action}
                type="button"
                className={`button-small${b.danger ? ' button-danger' : ''}`}
                onClick={() => onAction(b.action)}
                disabled={busy || tooManyIds}
                title={
                  tooManyIds ? `At most ${MAX_BULK_IDS} ticked rows; use "Select all matching"` : undefined
                }
              >
                {b.label}
              </button>
            ))
          : null}
        <button
          type="button"
          className="button-small"
          onClick={onDownloadPdfs}
          disabled={busy || tooManyPdfs}
          title={
            tooManyPdfs
              ? `At most ${MAX_ZIP_IDS} statements per download`
              : 'One ZIP with a PDF per statement'
          }
        >
          Download PDFs
        </button>
        {busy ? <Spinner label="Working..." /> : null}
      </div>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
