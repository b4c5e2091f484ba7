/**
 * Statement PDFs rendered in a small pool of worker threads, so rendering (tens of
 * milliseconds of CPU per statement, seconds for a ZIP of 200) never blocks the event loop that
 * answers /healthz, status polls and event streams. At most `threads` documents are rendered at
 * once, at most `maxQueue` more wait; beyond that the caller is told the pool is busy.
 *
 * The worker file is the sibling of this one: pdf-worker.js in the compiled server (dist/server,
 * `npm start`), which Node runs as it is; pdf-worker.ts from the sources (`npm run dev` under tsx,
 * the tests under vitest), whose transforms a worker thread does not inherit by itself: unless the
 * process was started with tsx's loader (which worker threads inherit through execArgv), the pool
 * then starts its threads with `--import tsx`.
 */
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { StoredStatement } from '../db/repositories/statement-repository.js';
import type { OwnerStatementOf } from '../domain/owner-statement.js';
import type { OwnerPdfContext } from './owner-statement-pdf.js';
import type { PdfTask } from './pdf-worker.js';
import type { PdfContext } from './statement-pdf.js';

export interface PdfRenderer {
  /** One statement's PDF. */
  pdf(statement: StoredStatement, ctx: PdfContext): Promise<Buffer>;
  /** An owner's PDF of a period: a summary page, then one section per property statement. */
  ownerPdf(statement: OwnerStatementOf<StoredStatement>, ctx: OwnerPdfContext): Promise<Buffer>;
  /** A ZIP with one PDF per statement, under the given file names. */
  zip(files: Array<{ name: string; statement: StoredStatement; ctx: PdfContext }>): Promise<Buffer>;
  close(): Promise<void>;
}

/** The pool is full: the caller answers "busy, try again" rather than queueing without bound. */
export class PdfPoolBusyError extends Error {
  constructor() {
    super('the PDF renderer is busy');
    this.name = 'PdfPoolBusyError';
  }
}

export interface PdfPoolOptions {
  /** Documents rendered at once (worker threads). */
  threads: number;
  /** Documents waiting for a thread before new ones are refused. */
  maxQueue: number;
  /** A thread idle this long stops (the pool starts it again on demand). */
  idleTimeoutMs?: number;
  /**
   * How much lower the threads' CPU priority is than the event loop's (Linux `nice`, default 10):
   * on a small machine the renderers would otherwise take the cores /healthz needs.
   */
  niceIncrement?: number;
  /** Told of a worker that failed outside any task (the server logs it and goes on). */
  onError?: (error: unknown) => void;
}

const compiled = import.meta.url.endsWith('.js');
const WORKER_FILE = fileURLToPath(new URL(compiled ? './pdf-worker.js' : './pdf-worker.ts', import.meta.url));

/**
 * The parent's execArgv, plus tsx's loader when the worker file is TypeScript and the parent was
 * not started with the loader.
 */
export function workerExecArgv(
  parent: readonly string[] = process.execArgv,
  typescript = !compiled,
): string[] {
  if (!typescript) return [...parent];
  const hasTsx = parent.some((arg) => /(^|[\\/=])tsx([\\/]|$)|tsx[\\/]dist/.test(arg));
  return hasTsx ? [...parent] : [...parent, '--import', 'tsx'];
}

const toBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export class PdfPool implements PdfRenderer {
  private readonly pool: Piscina<PdfTask, Uint8Array>;

  constructor(options: PdfPoolOptions) {
    this.pool = new Piscina<PdfTask, Uint8Array>({
      filename: WORKER_FILE,
      minThreads: 0,
      maxThreads: options.threads,
      maxQueue: options.maxQueue,
      idleTimeout: options.idleTimeoutMs ?? 30_000,
      execArgv: workerExecArgv(),
      niceIncrement: options.niceIncrement ?? 10,
    });
    // A worker that fails while holding no task (at start-up: a bad import or font) is reported
    // on the pool; without a listener that 'error' event would end the whole server.
    this.pool.on('error', (error: unknown) => {
      options.onError?.(error);
    });
  }

  pdf(statement: StoredStatement, ctx: PdfContext): Promise<Buffer> {
    return this.run({ kind: 'pdf', statement, ctx });
  }

  ownerPdf(statement: OwnerStatementOf<StoredStatement>, ctx: OwnerPdfContext): Promise<Buffer> {
    return this.run({ kind: 'owner', statement, ctx });
  }

  zip(files: Array<{ name: string; statement: StoredStatement; ctx: PdfContext }>): Promise<Buffer> {
    return this.run({ kind: 'zip', files });
  }

  /** Documents being rendered or waiting (for tests and metrics). */
  get pending(): number {
    return this.pool.queueSize + this.pool.threads.length - this.pool.idleThreads;
  }

  private async run(task: PdfTask): Promise<Buffer> {
    if (this.pool.queueSize >= this.pool.options.maxQueue) throw new PdfPoolBusyError();
    try {
      return toBuffer(await this.pool.run(task));
    } catch (error) {
      if (error instanceof Error && error.message === 'Task queue is at limit') throw new PdfPoolBusyError();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
