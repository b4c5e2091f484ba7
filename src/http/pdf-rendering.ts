/**
 * Rendering a PDF in the worker pool from a route. A full pool is a 429 the client may retry
 * (not a 5xx: the server works as intended, it just will not queue without bound).
 */
import { PdfPoolBusyError } from '../documents/pdf-pool.js';
import { HttpError } from './http-error.js';
import { refusal } from './openapi/answers.js';
import { errorExample } from './openapi/examples.js';

/** When the renderer is busy, a few seconds usually free a thread. */
export const BUSY_RETRY_AFTER_S = 5;

export const busyExample = errorExample(
  'renderer_busy',
  `the server is rendering as many PDFs as it can; try again in ${BUSY_RETRY_AFTER_S} s`,
  { retryAfterSeconds: BUSY_RETRY_AFTER_S },
);

/** The 429 of a route that renders in the pool. */
export const rendererBusy = refusal(
  `The PDF renderer is busy (renderer_busy): try again after \`details.retryAfterSeconds\` (${BUSY_RETRY_AFTER_S} s)`,
  { example: busyExample },
);

/** The rendering's bytes; 429 renderer_busy when the pool is full. */
export async function rendered(work: Promise<Buffer>): Promise<Buffer> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof PdfPoolBusyError)) throw error;
    throw new HttpError(
      429,
      'renderer_busy',
      `the server is rendering as many PDFs as it can; try again in ${BUSY_RETRY_AFTER_S} s`,
      { retryAfterSeconds: BUSY_RETRY_AFTER_S },
    );
  }
}
