/**
 * The requests of the list's bulk actions: POST /api/statements/bulk for a selection (by ids, or
 * by the filters for "all N matching"), and the PDFs as one ZIP. Errors read as explainError's
 * plain sentence. Kept to api.ts and useAction so the data layer can be swapped in one place.
 */
import { useCallback, useState } from 'react';
import {
  api,
  type BulkAction,
  type BulkOutcome,
  type BulkRequest,
  errorMessage,
  isApiError,
  MAX_ZIP_IDS,
  type StatementsQuery,
} from '../api.js';
import { explainError, isExplained } from '../errorText.js';
import { useAction } from '../useAction.js';
import type { StatementSelection } from './useStatementSelection.js';

/** The list's filters, as the bulk route takes them (no page). */
export type BulkFilter = Omit<StatementsQuery, 'limit' | 'cursor'>;

export interface BulkRun {
  action: BulkAction;
  outcome: BulkOutcome;
}

/** An error as the user should read it: the explanation and next step when the code has one. */
export function describeError(error: unknown): string {
  if (isApiError(error) && isExplained(error.code)) {
    const { what, next } = explainError(error.code);
    return `${what} ${next}`;
  }
  return errorMessage(error);
}

/** What the server is asked to act on. */
export function bulkTarget(
  selection: StatementSelection,
  filter: BulkFilter,
): Pick<BulkRequest, 'ids' | 'filter'> {
  if (selection.mode === 'filter') {
    const set = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== ''));
    return { filter: set };
  }
  return { ids: selection.ids };
}

/** Saves a downloaded file under `name` (an object URL clicked as a download link). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: the download has taken the blob by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function useBulkActions(filter: BulkFilter) {
  const { busy, error, setError, run } = useAction();
  const [last, setLast] = useState<BulkRun | null>(null);

  /** Carries the action out; rejects with a readable message (a confirmation dialog shows it). */
  const perform = useCallback(
    async (action: BulkAction, selection: StatementSelection): Promise<BulkRun> => {
      try {
        const outcome = await api.bulk({ action, ...bulkTarget(selection, filter) });
        const done = { action, outcome };
        setLast(done);
        return done;
      } catch (e) {
        throw new Error(describeError(e));
      }
    },
    [filter],
  );

  /** Runs `task` (an action without a confirmation) busy; its error shows in the toolbar. */
  const start = useCallback((task: () => Promise<void>) => run(task), [run]);

  /**
   * The selected statements' PDFs in one ZIP. "All matching" reads their ids first (one page
   * holds them: the ZIP takes at most MAX_ZIP_IDS).
   */
  const downloadPdfs = useCallback(
    (selection: StatementSelection) =>
      run(async () => {
        try {
          let ids = selection.ids;
          if (selection.mode === 'filter') {
            const page = await api.listStatements({ ...filter, limit: MAX_ZIP_IDS });
            ids = page.statements.map((s) => s.id);
          }
          if (ids.length === 0) return;
          saveBlob(await api.pdfZip(ids.slice(0, MAX_ZIP_IDS)), 'statements.zip');
        } catch (e) {
          throw new Error(describeError(e));
        }
      }),
    [run, filter],
  );

  return { busy, error, setError, last, clearLast: () => setLast(null), perform, start, downloadPdfs };
}
