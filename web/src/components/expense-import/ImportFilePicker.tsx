/** Choosing the file: CSV or XLSX, refused before uploading when it is larger than the server takes. */
import { useId } from 'react';
import { MAX_IMPORT_FILE_BYTES, readFileAsBase64, type UploadFile } from '../../expenseImportApi.js';

const MIB = MAX_IMPORT_FILE_BYTES / 1024 / 1024;

export function ImportFilePicker({
  disabled,
  onChosen,
  onProblem,
}: {
  disabled: boolean;
  onChosen: (file: UploadFile) => void;
  onProblem: (message: string) => void;
}) {
  const id = useId();
  async function choose(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_IMPORT_FILE_BYTES) {
      onProblem(`${file.name} is larger than ${MIB} MiB. Split it into smaller files.`);
      return;
    }
    try {
      onChosen({ fileName: file.name, content: await readFileAsBase64(file) });
    } catch (error) {
      onProblem(error instanceof Error ? error.message : 'The file could not be read.');
    }
  }
  return (
    <div className="field">
      <label htmlFor={`${id}-file`}>Expense file (CSV or XLSX, at most {MIB} MiB)</label>
      <input
        id={`${id}-file`}
        type="file"
        accept=".csv,.txt,.tsv,.xlsx,.xlsm,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disabled={disabled}
        onChange={(e) => {
          void choose(e.target.files?.[0]);
          // Choosing the same file again (after correcting it) reads it again.
          e.target.value = '';
        }}
      />
    </div>
  );
}
