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

/** The rows of a preview that can be chosen (those without errors). */
const selectableRows = (preview: PreviewImportResponse) =>
  new Set(preview.rows.filter((r) => r.errors.length === 0).map((r) => r.row));

/** The choice the person made before the mapping changed. */
interface EarlierChoice {
  selectable: ReadonlySet<number>;
  chosen: ReadonlySet<number>;
}

/**
 * After a mapping change: a row that could be chosen before and still can keeps the person's
 * choice; any other row gets the default (chosen when it has no error and no duplicate).
 */
function keptChoice(preview: PreviewImportResponse, earlier: EarlierChoice): Set<number> {
  const next = new Set<number>();
  for (const row of preview.rows) {
    if (row.errors.length > 0) continue;
    const choose = earlier.selectable.has(row.row) ? earlier.chosen.has(row.row) : row.selected;
    if (choose) next.add(row.row);
  }
  return next;
}

export function ExpenseImportPage() {
  useTitle('Import expenses');
  const client = useQueryClient();
  const [file, setFile] = useState<UploadFile | null>(null);
  const [preview, setPreview] = useState<PreviewImportResponse | null>(null);
  const [mapping, setMapping] = useState<ImportMappingDto | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResponse | null>(null);
  /** The person said to import the file although an earlier import of it stands. */
  const [reimport, setReimport] = useState(false);

  const reading = useMutation({
    mutationFn: (input: { file: UploadFile; mapping?: ImportMappingDto; earlier?: EarlierChoice }) =>
      expenseImportApi.preview(input.file, input.mapping),
    onSuccess: (answer, input) => {
      setPreview(answer);
      setMapping(answer.mapping);
      setChosen(input.earlier ? keptChoice(answer, input.earlier) : defaultChoice(answer));
    },
  });
  const importing = useMutation({
    mutationFn: (input: {
      file: UploadFile;
      mapping: ImportMappingDto;
      rows: number[];
      allowReimport: boolean;
    }) => expenseImportApi.import(input.file, input.mapping, input.rows, input.allowReimport),
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
    setReimport(false);
    importing.reset();
    setFile(chosenFile);
    reading.mutate({ file: chosenFile });
  }

  function changeMapping(next: ImportMappingDto) {
    // The form shows the new mapping at once; the rows (and Import) stay those of the preview on
    // screen until the new one arrives.
    setMapping(next);
    if (file && preview) {
      reading.mutate({ file, mapping: next, earlier: { selectable: selectableRows(preview), chosen } });
    }
  }

  const rows = preview?.rows ?? [];
  const choosable = rows.filter((r) => r.errors.length === 0).map((r) => r.row);
  const count = choosable.filter((n) => chosen.has(n)).length;
  /** Earlier imports of this file that are not undone: importing it again needs a yes. */
  const standing = preview?.previousImports.filter((b) => b.status === 'imported') ?? [];
  /** The preview on screen was read with the mapping shown (none pending, the last one read). */
  const previewCurrent = !reading.isPending && !reading.isError;

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
            <div className="import-note" role="note">
              <p>
                This file was imported before:{' '}
                {preview.previousImports
                  .map((b) => `${formatDateTime(b.createdAt)}${b.status === 'undone' ? ' (undone)' : ''}`)
                  .join(', ')}
                .
              </p>
              {standing.length > 0 ? (
                <label className="import-reimport">
                  <input
                    type="checkbox"
                    checked={reimport}
                    disabled={busy}
                    onChange={(e) => setReimport(e.target.checked)}
                  />{' '}
                  Import it again anyway: its entries are then recorded a second time (or undo the earlier
                  import in the history below first)
                </label>
              ) : null}
            </div>
          ) : null}
          <ImportMappingForm
            headers={preview.headers}
            mapping={mapping}
            detected={preview.detected}
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
                  disabled={
                    busy || !previewCurrent || count === 0 || !file || (standing.length > 0 && !reimport)
                  }
                  onClick={() =>
                    file &&
                    importing.mutate({
                      file,
                      // What the rows on screen were read with, never a mapping not previewed.
                      mapping: preview.mapping,
                      rows: choosable.filter((n) => chosen.has(n)),
                      allowReimport: reimport,
                    })
                  }
                >
                  {importing.isPending ? 'Importing…' : `Import ${count} ${count === 1 ? 'row' : 'rows'}`}
                </button>
                {reading.isError ? (
                  <span className="hint">
                    The rows shown were read with the earlier mapping; the changed one could not be read.
                    Change the mapping again, or choose the file again, to import.
                  </span>
                ) : null}
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
