/**
 * Imported files, newest first, each with "Undo" (asked first). An undo removes the batch's
 * entries; the server refuses it while one is on a final or sent statement, and says which.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api.js';
import { expenseImportApi, type ImportBatchDto, type UndoImportResponse } from '../../expenseImportApi.js';
import { importBatchesQuery, ledgerImportChanged } from '../../expenseImportQueries.js';
import { formatDateTime } from '../../format.js';
import { ConfirmDialog } from '../ConfirmDialog.js';
import { LoadState } from '../LoadState.js';
import { useUserNames } from '../useUserNames.js';
import { ImportTotals } from './ImportTotals.js';
import { StatementsToRegenerate } from './StatementsToRegenerate.js';

export function ImportHistory() {
  const client = useQueryClient();
  const list = useQuery(importBatchesQuery());
  const nameOf = useUserNames();
  const [asking, setAsking] = useState<ImportBatchDto | null>(null);
  const [undone, setUndone] = useState<UndoImportResponse | null>(null);
  const undo = useMutation({
    mutationFn: (batchId: string) => expenseImportApi.undo(batchId),
    onSuccess: (result) => {
      setUndone(result);
      void ledgerImportChanged(client);
    },
  });
  const batches = list.data?.batches ?? [];

  return (
    <section className="import-section" aria-labelledby="import-history-heading">
      <h2 id="import-history-heading">Imported files</h2>
      <LoadState
        loading={list.isPending}
        error={list.error ? errorMessage(list.error) : null}
        what="imports"
      />
      {undone ? (
        <div className="import-outcome" role="status">
          <p>
            Undone: {undone.removedEntries} {undone.removedEntries === 1 ? 'entry' : 'entries'} of{' '}
            {undone.batch.fileName} removed.
          </p>
          <StatementsToRegenerate
            drafts={undone.touchedDrafts}
            draftsIntro="These drafts listed the removed entries. Regenerate them to leave the entries out:"
          />
        </div>
      ) : null}
      {!list.isPending && batches.length === 0 ? (
        <p className="empty">No file has been imported yet.</p>
      ) : null}
      {batches.length > 0 ? (
        <div className="table-wrap">
          <table aria-label="Imported files">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Imported</th>
                <th scope="col">By</th>
                <th scope="col">Entries</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id}>
                  <th scope="row">{b.fileName}</th>
                  <td className="nowrap">{formatDateTime(b.createdAt)}</td>
                  <td>{nameOf(b.createdBy)}</td>
                  <td>
                    <ImportTotals totals={b.totals} />
                  </td>
                  <td>
                    {b.status === 'undone'
                      ? `Undone ${formatDateTime(b.undoneAt)} by ${nameOf(b.undoneBy)}`
                      : 'Imported'}
                  </td>
                  <td>
                    {b.status === 'imported' ? (
                      <button
                        type="button"
                        className="button-small"
                        aria-label={`Undo the import of ${b.fileName}`}
                        onClick={() => {
                          undo.reset();
                          setAsking(b);
                        }}
                      >
                        Undo
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {asking ? (
        <ConfirmDialog
          title="Undo import"
          message={`Remove the ${asking.entryCount} ${asking.entryCount === 1 ? 'entry' : 'entries'} imported from ${asking.fileName}? Drafts that show them must be regenerated afterwards.`}
          confirmLabel="Undo import"
          onCancel={() => setAsking(null)}
          onConfirm={async () => {
            await undo.mutateAsync(asking.id);
            setAsking(null);
          }}
        />
      ) : null}
    </section>
  );
}
