import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLocalRateLimiter } from './rate-limiter.js';

describe('createLocalRateLimiter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A task that records its start time and finishes when the test says so. */
  function harness(limiter: ReturnType<typeof createLocalRateLimiter>) {
    const starts: number[] = [];
    const finishers: Array<() => void> = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const run = () =>
      limiter.schedule(
        () =>
          new Promise<void>((resolve) => {
            starts.push(Date.now());
            inFlight += 1;
            maxInFlight = Math.max(maxInFlight, inFlight);
            finishers.push(() => {
              inFlight -= 1;
              resolve();
            });
          }),
      );
    return { starts, finishers, run, max: () => maxInFlight };
  }

  it('never runs more than maxConcurrency tasks at once and runs queued tasks in order', async () => {
    const limiter = createLocalRateLimiter({ maxConcurrency: 2, maxRps: 100 });
    const h = harness(limiter);
    const done = Array.from({ length: 6 }, () => h.run());
    await vi.advanceTimersByTimeAsync(0);
    expect(h.starts).toHaveLength(2);
    while (h.finishers.length > 0) {
      h.finishers.shift()?.();
      await vi.advanceTimersByTimeAsync(0);
    }
    await Promise.all(done);
    expect(h.starts).toHaveLength(6);
    expect(h.max()).toBe(2);
  });

  it('starts at most maxRps tasks in any one-second window', async () => {
    const limiter = createLocalRateLimiter({ maxConcurrency: 100, maxRps: 3 });
    const h = harness(limiter);
    const done = Array.from({ length: 8 }, () => h.run());
    await vi.advanceTimersByTimeAsync(0);
    expect(h.starts).toHaveLength(3);
    for (const f of h.finishers.splice(0)) f();
    await vi.advanceTimersByTimeAsync(999);
    expect(h.starts).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.starts).toHaveLength(6);
    for (const f of h.finishers.splice(0)) f();
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.starts).toHaveLength(8);
    for (const f of h.finishers.splice(0)) f();
    await Promise.all(done);
    for (let i = 0; i < h.starts.length; i++) {
      const inWindow = h.starts.filter((t) => t >= (h.starts[i] ?? 0) && t < (h.starts[i] ?? 0) + 1000);
      expect(inWindow.length).toBeLessThanOrEqual(3);
    }
  });

  it('rejects nonsense limits', () => {
    expect(() => createLocalRateLimiter({ maxConcurrency: 0, maxRps: 1 })).toThrow(RangeError);
    expect(() => createLocalRateLimiter({ maxConcurrency: 1, maxRps: 0.5 })).toThrow(RangeError);
  });
});
