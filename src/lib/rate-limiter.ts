/**
 * Counts events per key in a sliding window, in memory (one process). Used to slow login
 * guessing and to cap generation requests per user.
 */
export interface Limit {
  max: number;
  windowMs: number;
}

export class SlidingWindowCounter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until `key` may act again under `limit`, or 0 when it may now. */
  blockedFor(key: string, limit: Limit): number {
    const recent = this.prune(key, limit.windowMs);
    if (recent.length < limit.max) return 0;
    const oldest = recent[recent.length - limit.max] ?? this.now();
    return Math.max(1, oldest + limit.windowMs - this.now());
  }

  record(key: string): void {
    const list = this.hits.get(key) ?? [];
    list.push(this.now());
    this.hits.set(key, list);
    if (this.hits.size > 100_000) this.sweep();
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private prune(key: string, windowMs: number): number[] {
    const since = this.now() - windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.hits.delete(key);
    else this.hits.set(key, list);
    return list;
  }

  /** Bounds memory under a flood of distinct keys (e.g. random e-mails). */
  private sweep(): void {
    const since = this.now() - 60 * 60_000;
    for (const [key, list] of this.hits) if ((list.at(-1) ?? 0) < since) this.hits.delete(key);
  }
}
