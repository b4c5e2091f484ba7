/**
 * "At most `max` requests per `windowMs` per key" (e.g. generation requests per user), counted in
 * the shared store so every web process enforces one allowance. A fixed window from the first
 * request in it.
 */
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Limit } from '../lib/rate-limiter.js';
import { isRefusal, type RateLimitStore } from './rate-limit-store.js';

export class RequestLimit {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    store: RateLimitStore,
    name: string,
    readonly limit: Limit,
  ) {
    this.limiter = store.limiter({ keyPrefix: name, points: limit.max, durationMs: limit.windowMs });
  }

  /** Counts one request for `key`: 0 when allowed, else the milliseconds until one is. */
  async take(key: string): Promise<number> {
    try {
      await this.limiter.consume(key, 1);
      return 0;
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return Math.max(1, error.msBeforeNext);
    }
  }
}
