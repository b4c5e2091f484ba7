/**
 * Job events inside one process. Engines publish; SSE streams, logs and notifications subscribe.
 * A distributed engine bridges its own transport (Redis, PostgreSQL NOTIFY) into this interface.
 */
import type { JobEvent } from '../model/jobs.js';

export type JobEventListener = (event: JobEvent) => void;

export interface JobEventBus {
  publish(event: JobEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: JobEventListener): () => void;
}

export class LocalJobEventBus implements JobEventBus {
  private readonly listeners = new Set<JobEventListener>();

  publish(event: JobEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A failing listener (a closed SSE socket) must not stop the job or other listeners.
      }
    }
  }

  subscribe(listener: JobEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
