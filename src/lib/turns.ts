/**
 * Takes turns at a piece of synchronous-heavy work (reading a page from SQLite and writing it
 * to a socket): at most `concurrency` at once, and each turn starts on a later pass of the event
 * loop. Yielding with setImmediate alone is not enough when many callers do it: Node runs every
 * immediate queued before its check phase in one go, so 200 streams would each do a page before
 * the loop looked at the network again. Handing the turn over through setImmediate means each
 * pass of the loop runs at most `concurrency` turns, with I/O (a /healthz request) served between.
 */
export class Turns {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly concurrency: number) {}

  async run<T>(work: () => Promise<T> | T): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  /** Turns running and waiting (for tests). */
  get queued(): number {
    return this.active + this.waiting.length;
  }

  private acquire(): Promise<void> {
    if (this.active < this.concurrency) {
      this.active++;
      return new Promise((resolve) => setImmediate(resolve));
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    // The turn passes on (active stays the same) on the loop's next pass, not in this microtask.
    if (next) setImmediate(next);
    else this.active--;
  }
}
