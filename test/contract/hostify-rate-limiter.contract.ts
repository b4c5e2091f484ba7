/**
 * What every Hostify limiter promises, run against the in-process one and the shared ones on real
 * Redis and PostgreSQL. Several instances on one store stand for the processes of one
 * installation (each has its own connection): together they never start more than maxRps calls in
 * any one-second window — checked on the calls' own start times, a correctness property, not a
 * speed — and every call runs. FIFO order is promised within one instance only.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HostifyLogger } from '../../src/hostify/logger.js';
import type { RateLimiter } from '../../src/hostify/rate-limiter.js';
import { pollUntil } from '../helpers/wait.js';

export interface LimiterUnderTest extends RateLimiter {
  close(): Promise<void>;
}

export interface LimiterInstanceOptions {
  maxRps: number;
  maxConcurrency: number;
  logger?: HostifyLogger;
  /** Shared limiters: how long to leave an unreachable store alone. */
  storeRetryMs?: number;
}

export interface LimiterStore {
  /** One more instance (process) counting in window `key` of the store. */
  create(key: string, options: LimiterInstanceOptions): Promise<LimiterUnderTest>;
  /** Whether instances share the window (the local limiter shares nothing). */
  shared: boolean;
  /** Cuts the store off from every instance, and restores it (shared stores). */
  outage?: { down(): void; up(): void };
}

/**
 * Calls note their start a little after the limiter decided to start them (microseconds: a
 * promise turn); this allowance keeps that lag from reading as a violation. A limiter that lets
 * one call too many into a second is still caught unless all of it happens in the last 1 ms.
 */
const LAG_ALLOWANCE_MS = 1;

/** The most start times in any window of `windowMs` (less the lag allowance). */
export function busiestWindow(times: number[], windowMs = 1000): number {
  const span = windowMs - LAG_ALLOWANCE_MS;
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let from = 0;
  for (let to = 0; to < sorted.length; to++) {
    while ((sorted[from] ?? 0) <= (sorted[to] ?? 0) - span) from++;
    best = Math.max(best, to - from + 1);
  }
  return best;
}

export function recordingLogger() {
  const lines: Array<{ level: string; msg: string; obj: Record<string, unknown> }> = [];
  const log = (level: string) => (obj: object, msg?: string) =>
    lines.push({ level, msg: msg ?? '', obj: obj as Record<string, unknown> });
  return { logger: { debug: log('debug'), info: log('info'), warn: log('warn') }, lines };
}

/** Calls that note when they start and how many of one instance run at once. */
function recorder() {
  const starts: number[] = [];
  const order: string[] = [];
  const call = (id: string, inFlight: { now: number; max: number }) => async () => {
    starts.push(performance.now());
    order.push(id);
    inFlight.now += 1;
    inFlight.max = Math.max(inFlight.max, inFlight.now);
    // Finish on a later turn of the event loop, so calls of one instance overlap.
    await new Promise((resolve) => setImmediate(resolve));
    inFlight.now -= 1;
    return id;
  };
  return { starts, order, call };
}

/**
 * `canFail`: the store can be cut off (shared stores); the outage test is defined only then —
 * the in-process limiter has no store to lose.
 */
export function describeRateLimiterContract(
  name: string,
  store: () => LimiterStore,
  options: { canFail: boolean },
): void {
  describe(`Hostify rate limiter: ${name}`, () => {
    const key = () => `test-${randomBytes(6).toString('hex')}`;

    it('instances sharing a store never start more than maxRps calls in any second, and every call runs', async () => {
      const s = store();
      const windowKey = key();
      const maxRps = 4;
      const instances = await Promise.all(
        Array.from({ length: s.shared ? 3 : 1 }, () => s.create(windowKey, { maxRps, maxConcurrency: 2 })),
      );
      try {
        const r = recorder();
        const perInstance = s.shared ? 5 : 10;
        const gauges = instances.map(() => ({ now: 0, max: 0 }));
        const results = await Promise.all(
          instances.flatMap((limiter, i) => {
            const gauge = gauges[i] ?? { now: 0, max: 0 };
            return Array.from({ length: perInstance }, (_, j) =>
              limiter.schedule(r.call(`${i}.${j}`, gauge)),
            );
          }),
        );
        expect(results).toHaveLength(instances.length * perInstance);
        expect(busiestWindow(r.starts)).toBeLessThanOrEqual(maxRps);
        for (const g of gauges) expect(g.max).toBeLessThanOrEqual(2);
      } finally {
        await Promise.all(instances.map((l) => l.close()));
      }
    });

    it('starts the calls of one instance in the order they were scheduled', async () => {
      const s = store();
      const limiter = await s.create(key(), { maxRps: 3, maxConcurrency: 1 });
      try {
        const r = recorder();
        const gauge = { now: 0, max: 0 };
        const ids = ['a', 'b', 'c', 'd', 'e'];
        await Promise.all(ids.map((id) => limiter.schedule(r.call(id, gauge))));
        expect(r.order).toEqual(ids);
      } finally {
        await limiter.close();
      }
    });

    it('passes results and errors through, synchronous throws included, and frees the slot', async () => {
      const s = store();
      const limiter = await s.create(key(), { maxRps: 10, maxConcurrency: 1 });
      try {
        await expect(limiter.schedule(async () => 42)).resolves.toBe(42);
        await expect(limiter.schedule(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
        await expect(
          limiter.schedule(() => {
            throw new Error('sync');
          }),
        ).rejects.toThrow('sync');
        await expect(limiter.schedule(async () => 'still works')).resolves.toBe('still works');
      } finally {
        await limiter.close();
      }
    });

    if (options.canFail)
      it('while the store is away, calls still run under the instance’s own limit, with a warning; then it is shared again', async () => {
        const s = store();
        if (!s.outage) throw new Error(`${name} says it can fail but offers no outage switch`);
        const { logger, lines } = recordingLogger();
        const maxRps = 3;
        const limiter = await s.create(key(), { maxRps, maxConcurrency: 2, logger, storeRetryMs: 200 });
        try {
          await limiter.schedule(async () => 'store up');
          expect(lines.filter((l) => l.level === 'warn')).toHaveLength(0);

          s.outage.down();
          const r = recorder();
          const gauge = { now: 0, max: 0 };
          const ids = Array.from({ length: 7 }, (_, i) => `down${i}`);
          expect(await Promise.all(ids.map((id) => limiter.schedule(r.call(id, gauge))))).toEqual(ids);
          // Limited by the process, not let loose on Hostify.
          expect(busiestWindow(r.starts)).toBeLessThanOrEqual(maxRps);
          const warnings = lines.filter((l) => l.level === 'warn');
          expect(warnings).toHaveLength(1); // rate-limited: one line for the whole outage
          expect(warnings[0]?.msg).toMatch(/unreachable.*own limit/);

          s.outage.up();
          await pollUntil(
            async () => {
              await limiter.schedule(async () => 'probe');
              return lines.some((l) => l.msg.includes('reachable again')) ? true : undefined;
            },
            'the limiter to use the store again',
            20_000,
          );
        } finally {
          s.outage.up();
          await limiter.close();
        }
      });
  });
}
