/**
 * The PDF worker thread's task: renders with the same functions the server would use in-process
 * (statement-pdf.ts, owner-statement-pdf.ts, pdf-zip.ts), so a document is identical whichever thread made it. The result
 * is moved to the calling thread, not copied.
 */
import { move } from 'piscina';
import type { StoredStatement } from '../db/repositories/statement-repository.js';
import type { OwnerStatementOf } from '../domain/owner-statement.js';
import { type OwnerPdfContext, renderOwnerStatementPdf } from './owner-statement-pdf.js';
import { zipPdfs } from './pdf-zip.js';
import { type PdfContext, renderStatementPdf } from './statement-pdf.js';

export type PdfTask =
  | { kind: 'pdf'; statement: StoredStatement; ctx: PdfContext }
  | { kind: 'owner'; statement: OwnerStatementOf<StoredStatement>; ctx: OwnerPdfContext }
  | { kind: 'zip'; files: Array<{ name: string; statement: StoredStatement; ctx: PdfContext }> };

/** A buffer of its own (not a slice of Node's shared pool), so moving it detaches nothing else. */
function transferable(buffer: Buffer): Uint8Array {
  if (buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength) return buffer;
  return new Uint8Array(buffer);
}

export default async function renderTask(task: PdfTask): Promise<Uint8Array> {
  let out: Buffer;
  if (task.kind === 'pdf') {
    out = await renderStatementPdf(task.statement, task.ctx);
  } else if (task.kind === 'owner') {
    out = await renderOwnerStatementPdf(task.statement, task.ctx);
  } else {
    const files: Array<{ name: string; pdf: Buffer }> = [];
    for (const f of task.files)
      files.push({ name: f.name, pdf: await renderStatementPdf(f.statement, f.ctx) });
    out = await zipPdfs(files);
  }
  return move(transferable(out)) as Uint8Array;
}
