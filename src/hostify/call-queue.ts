/**
 * The FIFO of calls waiting for a Hostify limiter (the local one and the shared one differ only
 * in when they start the next call). Taking from the front is O(1): a head index, with the array
 * compacted now and then, instead of Array#shift on what may be thousands of waiting calls.
 */
export class CallQueue {
  private readonly tasks: Array<() => void> = [];
  private head = 0;

  /** Calls waiting. */
  get size(): number {
    return this.tasks.length - this.head;
  }

  /**
   * A call of `fn` that waits here until the limiter starts it (`startNext`); `finished` runs once
   * it has settled, whatever the outcome.
   */
  enqueue<T>(fn: () => Promise<T>, finished: () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.tasks.push(() => {
        // Promise.resolve().then(fn) turns a synchronous throw of fn into a rejection.
        Promise.resolve().then(fn).then(resolve, reject).finally(finished);
      });
    });
  }

  /** Starts the oldest waiting call; false when none waits. */
  startNext(): boolean {
    const task = this.tasks[this.head];
    if (task === undefined) return false;
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.tasks.length) {
      this.tasks.splice(0, this.head);
      this.head = 0;
    }
    task();
    return true;
  }
}
