/**
 * Writes Server-Sent Events to one response without letting its buffer grow without bound.
 * A replay writes until `write` says the socket's buffer is full, then waits for `drained()`, so
 * thousands of items go at the client's pace (about one buffer in memory); `push` is for live events, which are
 * few and small: it never waits, and reports a client so slow that its buffer passed the cap,
 * which the caller then closes (the client resumes with Last-Event-ID and loses nothing).
 */
import type { ServerResponse } from 'node:http';

/** Bytes a live stream may have waiting for a slow client before it is closed. */
export const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024;

export class SseWriter {
  constructor(
    private readonly res: ServerResponse,
    private readonly maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES,
  ) {}

  get closed(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  /** Writes; false when the socket's buffer is full (stop, and wait for `drained()`). */
  write(chunk: string): boolean {
    if (this.closed) return false;
    return this.res.write(chunk);
  }

  /**
   * Resolves true once the socket can take more: at once, on 'drain', or when it closes; false
   * when the client has read nothing for `stallMs` (the caller drops it: a client that stopped
   * reading must not hold its stream slot and a page of events for ever).
   */
  drained(stallMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    if (this.closed || !this.res.writableNeedDrain) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve(ok);
      };
      const done = () => finish(true);
      const timer = Number.isFinite(stallMs) ? setTimeout(() => finish(false), stallMs) : undefined;
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }

  /** Writes without waiting; false when the client is too far behind (the caller closes it). */
  push(chunk: string): boolean {
    if (this.closed) return true;
    this.res.write(chunk);
    return this.res.writableLength <= this.maxBufferedBytes;
  }
}

/**
 * One event. Without `id` there is no `id:` line, and the client keeps the last event id it had
 * (HTML spec), which is what it sends as Last-Event-ID when it reconnects.
 */
export const sseEvent = (event: string, id: number | undefined, data: unknown) =>
  `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
