/**
 * The requests of the list's bulk actions: POST /api/statements/bulk for a selection (by ids, or
 * by the filters for "all N matching"), and the PDFs as one ZIP. Errors read as explainError's
 * plain sentence. Mutations (TanStack Query): a result done in the request invalidates the statements queries.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
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
import { statementsChanged } from '../queries.js';
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

interface BulkAsk {
  action: BulkAction;
  selection: StatementSelection;
}

export function useBulkActions(filter: BulkFilter) {
  const client = useQueryClient();
  const [last, setLast] = useState<BulkRun | null>(null);
  /** The toolbar's error: an action asked without a confirmation (a confirmation shows its own). */
  const [error, setError] = useState<string | null>(null);

  const bulk = useMutation({
    mutationFn: async ({ action, selection }: BulkAsk): Promise<BulkRun> => {
      try {
        return { action, outcome: await api.bulk({ action, ...bulkTarget(selection, filter) }) };
      } catch (e) {
        throw new Error(describeError(e));
      }
    },
    onSuccess: (done) => {
      setLast(done);
      // Done in the request: every list shows the new state now. A job's events re-read the
      // lists as it goes and when it ends (jobs.tsx).
      if (done.outcome.kind === 'result') void statementsChanged(client);
    },
  });

  /**
   * The selected statements' PDFs in one ZIP. "All matching" reads their ids first (one page
   * holds them: the ZIP takes at most MAX_ZIP_IDS).
   */
  const zip = useMutation({
    mutationFn: async (selection: StatementSelection) => {
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
    },
  });

  /** Carries the action out; rejects with a readable message (a confirmation dialog shows it). */
  const { mutateAsync } = bulk;
  const perform = useCallback(
    (action: BulkAction, selection: StatementSelection) => mutateAsync({ action, selection }),
    [mutateAsync],
  );

  /** Runs `task` (an action without a confirmation); its error shows in the toolbar. */
  const start = useCallback(async (task: () => Promise<void>) => {
    setError(null);
    try {
      await task();
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  const { mutate: downloadPdfs, reset: resetZip, error: zipError } = zip;
  const clearError = useCallback(() => {
    setError(null);
    resetZip();
  }, [resetZip]);

  return {
    busy: bulk.isPending || zip.isPending,
    error: error ?? zipError?.message ?? null,
    clearError,
    last,
    clearLast: () => setLast(null),
    perform,
    start,
    downloadPdfs,
  };
}
