/**
 * Lets the event loop serve pending I/O (status requests) between chunks of synchronous work:
 * better-sqlite3 runs queries synchronously, and awaiting a resolved promise does not yield.
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
