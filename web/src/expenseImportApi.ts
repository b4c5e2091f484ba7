/**
 * The expense import part of the HTTP API (src/contract/expense-imports.ts): preview a file,
 * import chosen rows, list and undo batches. Types only from the contract, as in api.ts.
 */
import type {
  ImportBatchDto,
  ImportMappingDto,
  ImportResponse,
  PreviewImportResponse,
  PreviewRowDto,
  StatementRefDto,
  UndoImportResponse,
} from '../../src/contract/expense-imports.js';
import { json } from './api.js';

export type {
  ImportBatchDto,
  ImportMappingDto,
  ImportResponse,
  PreviewImportResponse,
  PreviewRowDto,
  StatementRefDto,
  UndoImportResponse,
};

/** A chosen file as the API takes it. */
export interface UploadFile {
  fileName: string;
  /** Base64 of the file's bytes. */
  content: string;
}

export const expenseImportApi = {
  preview: (file: UploadFile, mapping?: ImportMappingDto) =>
    json<PreviewImportResponse>(
      'POST',
      '/api/expense-imports/preview',
      mapping ? { ...file, mapping } : file,
    ),
  import: (file: UploadFile, mapping: ImportMappingDto, rows: number[]) =>
    json<ImportResponse>('POST', '/api/expense-imports', { ...file, mapping, rows }),
  list: () => json<{ batches: ImportBatchDto[] }>('GET', '/api/expense-imports'),
  undo: (batchId: string) =>
    json<UndoImportResponse>('POST', `/api/expense-imports/${encodeURIComponent(batchId)}/undo`),
};

/** The server's own limits (a module without zod), so a larger file is refused before uploading. */
export { MAX_IMPORT_FILE_BYTES, MAX_IMPORT_ROWS } from '../../src/contract/import-limits.js';

/** The file's bytes as base64, read by the browser. */
export function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}
