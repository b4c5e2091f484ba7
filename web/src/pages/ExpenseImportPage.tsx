/**
 * Import expenses (editors and admins): choose a CSV or XLSX file, check the column mapping the
 * server suggests, see every row as it will be imported — errors in red, likely duplicates
 * flagged and left unchosen — import the chosen rows as one batch, then regenerate the drafts
 * it touched. The history below lists earlier imports, each of which can be undone.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiErrorText } from '../components/ErrorExplanation.js';
import { ImportFilePicker } from '../components/expense-import/ImportFilePicker.js';
import { ImportHistory } from '../components/expense-import/ImportHistory.js';
import { ImportMappingForm } from '../components/expense-import/ImportMappingForm.js';
import { ImportPreviewTable } from '../components/expense-import/ImportPreviewTable.js';
import { ImportTotals } from '../components/expense-import/ImportTotals.js';
import { StatementsToRegenerate } from '../components/expense-import/StatementsToRegenerate.js';
import { Spinner } from '../components/Spinner.js';
import {
  expenseImportApi,
  type ImportMappingDto,
  type ImportResponse,
  type PreviewImportResponse,
  type UploadFile,
} from '../expenseImportApi.js';
import { ledgerImportChanged } from '../expenseImportQueries.js';
import { formatDateTime } from '../format.js';
import { useTitle } from '../useTitle.js';
import '../components/expense-import/ExpenseImport.css';

const defaultChoice = (preview: PreviewImportResponse) =>
  new Set(preview.rows.filter((r) => r.selected).map((r) => r.row));

export function ExpenseImportPage() {
  useTitle('Import expenses');
  const client = useQueryClient();
  const [file, setFile] = useState<UploadFile | null>(null);
  const [preview, setPreview] = useState<PreviewImportResponse | null>(null);
  const [mapping, setMapping] = useState<ImportMappingDto | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResponse | null>(null);

  const reading = useMutation({
    mutationFn: (input: { file: UploadFile; mapping?: ImportMappingDto }) =>
      expenseImportApi.preview(input.file, input.mapping),
    onSuccess: (answer) => {
      setPreview(answer);
      setMapping(answer.mapping);
      setChosen(defaultChoice(answer));
    },
  });
  const importing = useMutation({
    mutationFn: (input: { file: UploadFile; mapping: ImportMappingDto; rows: number[] }) =>
      expenseImportApi.import(input.file, input.mapping, input.rows),
    onSuccess: (answer) => {
      setResult(answer);
      setPreview(null);
      setFile(null);
      void ledgerImportChanged(client);
    },
  });
  const busy = reading.isPending || importing.isPending;

  function chooseFile(chosenFile: UploadFile) {
    setProblem(null);
    setResult(null);
    setPreview(null);
    importing.reset();
    setFile(chosenFile);
    reading.mutate({ file: chosenFile });
  }

  function changeMapping(next: ImportMappingDto) {
    setMapping(next);
    if (file) reading.mutate({ file, mapping: next });
  }

  const rows = preview?.rows ?? [];
  const choosable = rows.filter((r) => r.errors.length === 0).map((r) => r.row);
  const count = choosable.filter((n) => chosen.has(n)).length;

  return (
    <>
      <div className="page-head">
        <h1>Import expenses</h1>
      </div>
      <p className="hint">
        A CSV or XLSX file with a header row: date, property (its id, name or nickname), description, amount
        and, optionally, type (expense or adjustment), category and vendor. Amounts are positive; the type
        says whether an amount is charged to the owner (expense) or credited (adjustment).
      </p>

      <ImportFilePicker disabled={busy} onChosen={chooseFile} onProblem={setProblem} />
      {problem ? (
        <p role="alert" className="form-error">
          {problem}
        </p>
      ) : null}
      {reading.isPending ? <Spinner label="Reading the file..." /> : null}
      {reading.error ? (
        <div role="alert" className="form-error">
          <ApiErrorText error={reading.error} />
        </div>
      ) : null}

      {result ? (
        <section className="import-outcome" aria-labelledby="import-result-heading">
          <h2 id="import-result-heading">
            Imported {result.batch.entryCount} {result.batch.entryCount === 1 ? 'entry' : 'entries'} from{' '}
            {result.batch.fileName}
          </h2>
          <p>
            <ImportTotals totals={result.batch.totals} /> · {formatDateTime(result.batch.createdAt)}
          </p>
          <StatementsToRegenerate
            drafts={result.touchedDrafts}
            closed={result.finalStatements}
            draftsIntro="These drafts cover the imported entries’ dates. Regenerate them to include the entries:"
          />
          {result.touchedDrafts.length === 0 && result.finalStatements.length === 0 ? (
            <p>No statement covers these dates yet: the entries count when the statements are generated.</p>
          ) : null}
        </section>
      ) : null}

      {preview && mapping ? (
        <section aria-labelledby="import-preview-heading">
          <h2 id="import-preview-heading">
            {preview.file.name}: {preview.file.rowCount} {preview.file.rowCount === 1 ? 'row' : 'rows'}
          </h2>
          {preview.previousImports.length > 0 ? (
            <p className="import-note" role="note">
              This file was imported before:{' '}
              {preview.previousImports
                .map((b) => `${formatDateTime(b.createdAt)}${b.status === 'undone' ? ' (undone)' : ''}`)
                .join(', ')}
              .
            </p>
          ) : null}
          <ImportMappingForm
            headers={preview.headers}
            mapping={mapping}
            disabled={busy}
            onChange={changeMapping}
          />
          {preview.mappingProblem ? (
            <p role="alert" className="form-error">
              Choose the columns: {preview.mappingProblem}.
            </p>
          ) : (
            <>
              <div className="import-summary" role="status">
                <span>
                  {preview.summary.rows} rows · {preview.summary.withErrors} with errors ·{' '}
                  {preview.summary.withDuplicates} possible{' '}
                  {preview.summary.withDuplicates === 1 ? 'duplicate' : 'duplicates'} · {count} chosen
                </span>
                <button
                  type="button"
                  className="button-small"
                  disabled={busy}
                  onClick={() => setChosen(new Set(choosable))}
                >
                  Choose all rows without errors
                </button>
                <button
                  type="button"
                  className="button-small"
                  disabled={busy}
                  onClick={() => setChosen(new Set())}
                >
                  Choose none
                </button>
              </div>
              <ImportPreviewTable
                rows={rows}
                chosen={chosen}
                disabled={busy}
                onToggle={(row, on) =>
                  setChosen((old) => {
                    const next = new Set(old);
                    if (on) next.add(row);
                    else next.delete(row);
                    return next;
                  })
                }
              />
              <div className="import-actions">
                <button
                  type="button"
                  className="button-primary"
                  disabled={busy || count === 0 || !file}
                  onClick={() =>
                    file && importing.mutate({ file, mapping, rows: choosable.filter((n) => chosen.has(n)) })
                  }
                >
                  {importing.isPending ? 'Importing…' : `Import ${count} ${count === 1 ? 'row' : 'rows'}`}
                </button>
              </div>
              {importing.error ? (
                <div role="alert" className="form-error">
                  <ApiErrorText error={importing.error} />
                </div>
              ) : null}
            </>
          )}
        </section>
      ) : null}

      <ImportHistory />
    </>
  );
}
