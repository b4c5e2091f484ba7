/**
 * The benchmarks' arithmetic: the Hostify lower bound, the split of a Hostify phase into limiter
 * wait and client idle, the deployment projection, and reading the server's log. Wrong here
 * means every benchmark figure built on it is wrong, so it is checked against hand-computed cases.
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeHostifyPhase } from '../../bench/hostify-timeline.js';
import { LogFollower, parseLogLines } from '../../bench/process-log.js';
import { componentBounds, project, saturation } from '../../bench/projection.js';
import type { SimLogEntry } from '../../bench/sim-process.js';
import { hostifyLowerBoundS } from '../../bench/stats.js';

const LIMITS = { latencyMs: 50, maxConcurrency: 5, maxRps: 10 };

describe('hostifyLowerBoundS', () => {
  it('is one latency for calls that fit in one round of the concurrency', () => {
    expect(hostifyLowerBoundS(1, LIMITS)).toBeCloseTo(0.05);
    expect(hostifyLowerBoundS(5, LIMITS)).toBeCloseTo(0.05);
  });

  it('adds a latency per round of the concurrency within one second', () => {
    expect(hostifyLowerBoundS(6, LIMITS)).toBeCloseTo(0.1);
    expect(hostifyLowerBoundS(10, LIMITS)).toBeCloseTo(0.1);
  });

  it('waits a whole second for the call after the first maxRps (a window, not a spread-out rate)', () => {
    expect(hostifyLowerBoundS(11, LIMITS)).toBeCloseTo(1.05);
    // 27 calls: 10 at 0 s, 10 at 1 s, 7 at 2 s (5, then 2 after the first answers).
    expect(hostifyLowerBoundS(27, LIMITS)).toBeCloseTo(2.1);
  });

  it('is bound by the concurrency when calls are slow', () => {
    // 2 s a call, 5 at once: 10 calls take two rounds whatever the rate allows.
    expect(hostifyLowerBoundS(10, { latencyMs: 2000, maxConcurrency: 5, maxRps: 10 })).toBeCloseTo(4);
  });

  it('is 0 for no call', () => {
    expect(hostifyLowerBoundS(0, LIMITS)).toBe(0);
  });
});

const entry = (
  at: number,
  answeredAt: number,
  path = '/reservations',
  page: number | null = 1,
): SimLogEntry => ({
  at,
  answeredAt,
  path,
  page,
  status: 200,
});

describe('analyzeHostifyPhase', () => {
  it('calls one after the other with pauses between them are client idle', () => {
    // Answered at 50, next sent at 150: the limits allowed it at once, the client waited 150 ms.
    const log = [
      entry(0, 50, '/users', 1),
      entry(150, 200, '/users', 2),
      entry(300, 350, '/listings/7', null),
    ];
    const phase = analyzeHostifyPhase(log, LIMITS);
    expect(phase?.spanMs).toBe(350);
    expect(phase?.limiterWaitMs).toBe(0);
    expect(phase?.clientIdleMs).toBe(300);
    expect(phase?.tailMs).toBe(50);
    expect(phase?.idleBefore.get('users pages')).toBe(150);
    expect(phase?.idleBefore.get('listing look-ups')).toBe(150);
    expect(phase?.longestGaps[0]).toMatchObject({ ms: 150, after: 'users pages p1', next: 'users pages p2' });
  });

  it('the wait for the rate window is limiter wait, not client idle', () => {
    // The ideal schedule of 11 calls: 5 at 0, 5 at 50 (after the first answers), the 11th at 1000.
    const log = [
      ...Array.from({ length: 5 }, (_, i) => entry(0, 50, '/reservations', i + 1)),
      ...Array.from({ length: 5 }, (_, i) => entry(50, 100, '/reservations', i + 6)),
      entry(1000, 1050, '/reservations', 11),
    ];
    const phase = analyzeHostifyPhase(log, LIMITS);
    expect(phase?.spanMs).toBe(1050);
    expect(phase?.limiterWaitMs).toBe(1000);
    expect(phase?.clientIdleMs).toBe(0);
    expect(phase?.spanMs).toBeCloseTo(hostifyLowerBoundS(11, LIMITS) * 1000);
  });

  it('splits the span exactly: limiter wait + client idle + tail', () => {
    const log = [entry(0, 60), entry(10, 70), entry(200, 260), entry(205, 240), entry(400, 470)];
    const p = analyzeHostifyPhase(log, LIMITS);
    expect(p).not.toBeNull();
    if (!p) return;
    expect(p.limiterWaitMs + p.clientIdleMs + p.tailMs).toBeCloseTo(p.spanMs);
    expect(p.calls).toBe(5);
  });

  it('is null without calls', () => {
    expect(analyzeHostifyPhase([], LIMITS)).toBeNull();
  });
});

describe('projection', () => {
  const cpu = { workers: 5, pg: 2, redis: 0.5, web: 0.25 };

  it('each component allows cores × 1000 ÷ its ms per item', () => {
    expect(componentBounds(cpu, { machines: 2, coresPerMachine: 4, pgCores: 4 })).toEqual({
      workers: 1600,
      PostgreSQL: 2000,
      Redis: 2000,
      'web process': 4000,
    });
  });

  it('the least bound is the rate and names what saturates', () => {
    expect(project(cpu, { machines: 1, coresPerMachine: 4, pgCores: 4 })).toEqual({
      itemsPerS: 800,
      limitedBy: 'workers',
    });
    expect(project(cpu, { machines: 8, coresPerMachine: 4, pgCores: 2 })).toEqual({
      itemsPerS: 1000,
      limitedBy: 'PostgreSQL',
    });
    // Redis has one core whatever the deployment.
    expect(project(cpu, { machines: 8, coresPerMachine: 4, pgCores: 8 })).toEqual({
      itemsPerS: 2000,
      limitedBy: 'Redis',
    });
  });

  it('a component without CPU per item never bounds', () => {
    const noRedis = { ...cpu, redis: 0 };
    expect(componentBounds(noRedis, { machines: 1, coresPerMachine: 1, pgCores: 1 }).Redis).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  it('saturation: the first cap beyond the workers, and the machines that reach it', () => {
    // PostgreSQL at 4 cores: 2000 items/s; one 4-core machine gives 800, so 3 machines reach it.
    expect(saturation(cpu, 4, 4)).toEqual({ component: 'PostgreSQL', itemsPerS: 2000, machines: 3 });
  });
});

describe('reading the server log', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('parses pino JSON lines with ISO or epoch times, and leaves out the rest', () => {
    const lines = parseLogLines(
      [
        '{"time":"2025-10-01T00:00:01.500Z","msg":"job started","jobId":"job_1","total":3}',
        'not json',
        '{"time":1759276800000,"msg":"job completed"}',
        '{"msg":"no time"}',
      ].join('\n'),
    );
    expect(lines.map((l) => [l.time, l.msg])).toEqual([
      [Date.parse('2025-10-01T00:00:01.500Z'), 'job started'],
      [1759276800000, 'job completed'],
    ]);
    expect(lines[0]?.total).toBe(3);
  });

  it('follows a growing file, returning only complete new lines', () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-log-'));
    const file = join(dir, 'backend.log');
    writeFileSync(file, '{"time":1,"msg":"old"}\n');
    const follower = new LogFollower(file);
    expect(follower.read().map((l) => l.msg)).toEqual(['old']);
    appendFileSync(file, '{"time":2,"msg":"né');
    expect(follower.read()).toEqual([]);
    appendFileSync(file, 'e"}\n{"time":3,"msg":"next"}\n');
    expect(follower.read().map((l) => l.msg)).toEqual(['née', 'next']);
    expect(follower.read()).toEqual([]);
  });
});
