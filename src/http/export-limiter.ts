/**
 * How many heavy exports (ZIPs of PDFs, list CSVs) one user may start per minute. The routes see
 * only the small `ExportLimiter` interface, so the in-memory limiter here can be swapped for one
 * on a shared store (several web processes then share one allowance) without touching them.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface ExportLimiter {
  /** Takes one export from the user's allowance: 0 when allowed, else ms until one is. */
  take(userId: string): Promise<number>;
}

/** One process's memory: a fixed window of `perMinute` exports per user. */
export class MemoryExportLimiter implements ExportLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(perMinute: number) {
    this.limiter = new RateLimiterMemory({ keyPrefix: 'export', points: perMinute, duration: 60 });
  }

  async take(userId: string): Promise<number> {
    try {
      await this.limiter.consume(userId);
      return 0;
    } catch (error) {
      if (error instanceof RateLimiterRes) return Math.max(1, error.msBeforeNext);
      throw error;
    }
  }
}
