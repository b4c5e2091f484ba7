/**
 * The shared limiter's own logic against an in-memory window on a fake clock: what it does with
 * the store's answers (wait exactly what the store says, FIFO, the local limit in front) and
 * with the store's failures (fall back, warn rarely, ask again later). The real stores are in
 * test/contract/hostify-rate-limiter.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RateWindowAnswer, RateWindowLimit, SharedRateWindow } from './rate-window.js';
import { createSharedRateLimiter, type SharedRateLimiterOptions } from './shared-rate-limiter.js';

/** A sliding log like the Redis script's, on Date.now (faked), with switches for failures. */
function memoryWindow() {
  const starts: number[] = [];
  const state = {
    asked: 0,
    mode: 'ok' as 'ok' | 'fail' | 'hang' | 'always-grant',
    closed: false,
  };
  const window: SharedRateWindow = {
    label: 'Memory',
    tryAcquire(limit: RateWindowLimit): Promise<RateWindowAnswer> {
      state.asked += 1;
      if (state.mode === 'fail') return Promise.reject(new Error('ECONNREFUSED'));
      if (state.mode === 'hang') return new Promise(() => {});
      if (state.mode === 'always-grant') return Promise.resolve({ acquired: true });
      const now = Date.now();
      while (starts.length > 0 && (starts[0] ?? now) <= now - limit.windowMs) starts.shift();
      if (starts.length < limit.max) {
        starts.push(now);
        return Promise.resolve({ acquired: true });
      }
      return Promise.resolve({
        acquired: false,
        retryInMs: (starts[starts.length - limit.max] ?? now) + limit.windowMs - now,
      });
    },
    close: async () => {
      state.closed = true;
    },
  };
  return { window, state };
}

function recordingLogger() {
  const lines: Array<{ level: string; msg: string; obj: Record<string, unknown> }> = [];
  const log = (level: string) => (obj: object, msg?: string) =>
    lines.push({ level, msg: msg ?? '', obj: obj as Record<string, unknown> });
  return { logger: { debug: log('debug'), info: log('info'), warn: log('warn') }, lines };
}

/** Calls that record their start time and finish when the test says so (or at once). */
function harness() {
  const starts: Array<{ id: string; at: number }> = [];
  const finishers: Array<() => void> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const call =
    (id: string, hold = false) =>
    () =>
      new Promise<string>((resolve) => {
        starts.push({ id, at: Date.now() });
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const finish = () => {
          inFlight -= 1;
          resolve(id);
        };
        if (hold) finishers.push(finish);
        else finish();
      });
  return { starts, finishers, call, maxInFlight: () => maxInFlight };
}

/** The most starts in any [t, t + windowMs). */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0; i < sorted.length; i++) {
    const from = sorted[i] ?? 0;
    best = Math.max(best, sorted.filter((t) => t >= from && t < from + windowMs).length);
  }
  return best;
}

describe('createSharedRateLimiter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const base = (window: SharedRateWindow, extra: Partial<SharedRateLimiterOptions> = {}) => ({
    window,
    maxConcurrency: 10,
    maxRps: 3,
    logger: recordingLogger().logger,
    guardMs: 0,
    ...extra,
  });

  it('two limiters on one window start at most maxRps calls in any second, all of them in the end', async () => {
    const { window } = memoryWindow();
    const a = createSharedRateLimiter(base(window));
    const b = createSharedRateLimiter(base(window));
    const h = harness();
    const done = [
      ...Array.from({ length: 5 }, (_, i) => a.schedule(h.call(`a${i}`))),
      ...Array.from({ length: 5 }, (_, i) => b.schedule(h.call(`b${i}`))),
    ];
    await vi.advanceTimersByTimeAsync(0);
    expect(h.starts).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(4000);
    expect(await Promise.all(done)).toHaveLength(10);
    expect(
      busiestWindow(
        h.starts.map((s) => s.at),
        1000,
      ),
    ).toBe(3);
  });

  it('waits what the store says before asking again, instead of polling', async () => {
    const { window, state } = memoryWindow();
    const other = createSharedRateLimiter(base(window, { maxRps: 2 }));
    const limiter = createSharedRateLimiter(base(window, { maxRps: 2 }));
    const h = harness();
    // Another process fills the shared window.
    await Promise.all([other.schedule(h.call('o1')), other.schedule(h.call('o2'))]);
    await vi.advanceTimersByTimeAsync(300);
    const done = limiter.schedule(h.call('mine'));
    await vi.advanceTimersByTimeAsync(0);
    expect(state.asked).toBe(3); // refused: "a slot frees in 700 ms"
    await vi.advanceTimersByTimeAsync(699);
    expect(state.asked).toBe(3);
    expect(h.starts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.asked).toBe(4);
    expect(h.starts.map((s) => s.id)).toEqual(['o1', 'o2', 'mine']);
    await done;
  });

  it('widens the shared window by guardMs (store stamps lead the real starts by a round trip)', async () => {
    const { window } = memoryWindow();
    const limiter = createSharedRateLimiter(base(window, { maxRps: 1, guardMs: 50 }));
    const h = harness();
    const t0 = Date.now();
    const done = [limiter.schedule(h.call('x')), limiter.schedule(h.call('y'))];
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.starts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(h.starts.map((s) => s.at - t0)).toEqual([0, 1050]);
    await Promise.all(done);
  });

  it('starts one process’s calls in the order they were scheduled', async () => {
    const { window } = memoryWindow();
    const limiter = createSharedRateLimiter(base(window, { maxRps: 2, maxConcurrency: 1 }));
    const h = harness();
    const ids = ['p', 'q', 'r', 's', 't'];
    const done = ids.map((id) => limiter.schedule(h.call(id)));
    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all(done);
    expect(h.starts.map((s) => s.id)).toEqual(ids);
  });

  it('keeps maxConcurrency per process and the local rate even when the store grants everything', async () => {
    const { window, state } = memoryWindow();
    state.mode = 'always-grant';
    const limiter = createSharedRateLimiter(base(window, { maxRps: 4, maxConcurrency: 2 }));
    const h = harness();
    const held = Array.from({ length: 3 }, (_, i) => limiter.schedule(h.call(`held${i}`, true)));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.starts).toHaveLength(2);
    for (const f of h.finishers.splice(0)) f();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.starts).toHaveLength(3);
    for (const f of h.finishers.splice(0)) f();
    await Promise.all(held);
    const quick = Array.from({ length: 6 }, (_, i) => limiter.schedule(h.call(`quick${i}`)));
    await vi.advanceTimersByTimeAsync(3000);
    await Promise.all(quick);
    expect(h.maxInFlight()).toBe(2);
    expect(
      busiestWindow(
        h.starts.map((s) => s.at),
        1000,
      ),
    ).toBe(4);
  });

  it('falls back to the local limit when the store fails, warns once, and asks the store again later', async () => {
    const { window, state } = memoryWindow();
    const { logger, lines } = recordingLogger();
    state.mode = 'fail';
    const limiter = createSharedRateLimiter(
      base(window, { maxRps: 2, logger, storeRetryMs: 5000, warnEveryMs: 60_000 }),
    );
    const h = harness();
    const done = Array.from({ length: 6 }, (_, i) => limiter.schedule(h.call(`f${i}`)));
    await vi.advanceTimersByTimeAsync(3000);
    expect(await Promise.all(done)).toHaveLength(6);
    // Still limited: the process's own window, not unlimited.
    expect(
      busiestWindow(
        h.starts.map((s) => s.at),
        1000,
      ),
    ).toBe(2);
    // One failed ask, then the store is left alone for storeRetryMs.
    expect(state.asked).toBe(1);
    const warnings = lines.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toMatch(/unreachable/);
    expect(warnings[0]?.obj.store).toBe('Memory');

    // Still failing after storeRetryMs: asked again, but no second warning within warnEveryMs.
    await vi.advanceTimersByTimeAsync(5000);
    await limiter.schedule(h.call('g'));
    expect(state.asked).toBe(2);
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(1);

    // Back: the next ask after storeRetryMs goes to the store, and the recovery is logged.
    state.mode = 'ok';
    await vi.advanceTimersByTimeAsync(5000);
    await limiter.schedule(h.call('h'));
    expect(state.asked).toBe(3);
    const info = lines.filter((l) => l.level === 'info');
    expect(info).toHaveLength(1);
    expect(info[0]?.msg).toMatch(/reachable again/);
    // The calls that ran on the local limit alone since the warning: f1…f5 and g.
    expect(info[0]?.obj.calls).toBe(6);
  });

  it('treats a store that does not answer within storeTimeoutMs as away', async () => {
    const { window, state } = memoryWindow();
    const { logger, lines } = recordingLogger();
    state.mode = 'hang';
    const limiter = createSharedRateLimiter(base(window, { logger, storeTimeoutMs: 500 }));
    const h = harness();
    const done = limiter.schedule(h.call('slow-store'));
    await vi.advanceTimersByTimeAsync(499);
    expect(h.starts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await expect(done).resolves.toBe('slow-store');
    expect(lines.filter((l) => l.level === 'warn')[0]?.obj.err).toMatch(/no answer within 500 ms/);
  });

  it('close() closes the window; later calls run under the local limit without asking it', async () => {
    const { window, state } = memoryWindow();
    const limiter = createSharedRateLimiter(base(window));
    await limiter.close();
    expect(state.closed).toBe(true);
    await expect(limiter.schedule(async () => 'after close')).resolves.toBe('after close');
    expect(state.asked).toBe(0);
  });

  it('rejects nonsense limits', () => {
    const { window } = memoryWindow();
    expect(() => createSharedRateLimiter(base(window, { maxConcurrency: 0 }))).toThrow(RangeError);
    expect(() => createSharedRateLimiter(base(window, { maxRps: 1.5 }))).toThrow(RangeError);
  });
});
