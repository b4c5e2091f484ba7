/**
 * Where a job's Hostify phase spends its time, from the simulator's request log (arrival and
 * answer of every request, epoch ms).
 *
 * The client sends a request only when its limiter allows it: at most `maxConcurrency` in flight
 * and at most `maxRps` starts in any sliding second. So for the i-th request (in arrival order)
 * the earliest start the limits allow, after the previous start, is
 *   allowed_i = max(arrival_{i-1}, arrival_{i-maxRps} + 1000, c_i)
 * where c_i is the maxConcurrency-th latest answer among the earlier requests (before it, that
 * many were still in flight). Each gap between two starts then splits into
 *   - limiter wait  = min(arrival_i, allowed_i) − arrival_{i-1}: the limits forbade an earlier start;
 *   - client idle   = arrival_i − allowed_i (when positive): the limits allowed a request, the
 *     client had none ready (it was waiting on a dependency — a next_page, the reservations before
 *     the look-ups — or busy with the store or its own CPU).
 * Span (first arrival → last answer) = Σ limiter wait + Σ client idle + the tail (last start →
 * last answer). Only client idle is time a better client could win back; the limiter wait is
 * what the Hostify lower bound (stats.ts) charges anyway.
 */
import type { SimLogEntry } from './sim-process.js';

export interface HostifyLimits {
  maxConcurrency: number;
  maxRps: number;
}

export interface IdleGap {
  /** Start of the gap (when the limits first allowed the next request), epoch ms. */
  from: number;
  ms: number;
  /** The request answered last before the gap, and the one that ended it. */
  after: string;
  next: string;
}

export interface HostifyPhase {
  calls: number;
  firstAt: number;
  lastAnsweredAt: number;
  spanMs: number;
  limiterWaitMs: number;
  clientIdleMs: number;
  tailMs: number;
  /** Client idle summed by what came next (e.g. "listing look-ups"). */
  idleBefore: Map<string, number>;
  /** The longest client-idle gaps, longest first. */
  longestGaps: IdleGap[];
  /** Per kind of request: count, first arrival, last answer. */
  byKind: Map<string, { calls: number; firstAt: number; lastAnsweredAt: number }>;
}

/** users / listings pages / reservations pages / listing look-ups (GET /listings/{id}) / children lists. */
export function requestKind(path: string): string {
  if (path === '/users') return 'users pages';
  if (path === '/listings') return 'listings pages';
  if (path === '/reservations') return 'reservations pages';
  if (path.startsWith('/listings/children/')) return 'children lists';
  if (path.startsWith('/listings/')) return 'listing look-ups';
  return path;
}

const describe = (e: SimLogEntry) =>
  `${requestKind(e.path)}${e.page === null || requestKind(e.path) === 'listing look-ups' ? '' : ` p${e.page}`}`;

export function analyzeHostifyPhase(
  entries: readonly SimLogEntry[],
  limits: HostifyLimits,
): HostifyPhase | null {
  const log = [...entries].sort((a, b) => a.at - b.at);
  const first = log[0];
  if (!first) return null;
  const answered = (e: SimLogEntry) => e.answeredAt ?? e.at;
  let limiterWaitMs = 0;
  let clientIdleMs = 0;
  const idleBefore = new Map<string, number>();
  const gaps: IdleGap[] = [];
  // The maxConcurrency latest answers so far, ascending: [0] is c_i.
  const latest: number[] = [];
  const byKind = new Map<string, { calls: number; firstAt: number; lastAnsweredAt: number }>();
  for (let i = 0; i < log.length; i++) {
    const e = log[i] as SimLogEntry;
    const kind = requestKind(e.path);
    const k = byKind.get(kind) ?? { calls: 0, firstAt: e.at, lastAnsweredAt: 0 };
    k.calls++;
    k.lastAnsweredAt = Math.max(k.lastAnsweredAt, answered(e));
    byKind.set(kind, k);
    if (i > 0) {
      const prev = log[i - 1] as SimLogEntry;
      const rateSlot = i >= limits.maxRps ? (log[i - limits.maxRps] as SimLogEntry).at + 1000 : -Infinity;
      const concurrencySlot = latest.length >= limits.maxConcurrency ? (latest[0] ?? -Infinity) : -Infinity;
      const allowed = Math.max(prev.at, rateSlot, concurrencySlot);
      limiterWaitMs += Math.min(e.at, allowed) - prev.at;
      const idle = e.at - allowed;
      if (idle > 0) {
        clientIdleMs += idle;
        idleBefore.set(kind, (idleBefore.get(kind) ?? 0) + idle);
        // What the client last heard from Hostify before the gap.
        let last: SimLogEntry | undefined;
        for (let j = i - 1; j >= 0 && j >= i - 200; j--) {
          const c = log[j] as SimLogEntry;
          if (answered(c) <= e.at && (!last || answered(c) > answered(last))) last = c;
        }
        gaps.push({ from: allowed, ms: idle, after: last ? describe(last) : '—', next: describe(e) });
      }
    }
    latest.push(answered(e));
    latest.sort((a, b) => a - b);
    if (latest.length > limits.maxConcurrency) latest.shift();
  }
  const last = log.at(-1) as SimLogEntry;
  const lastAnsweredAt = Math.max(...log.map(answered));
  gaps.sort((a, b) => b.ms - a.ms);
  return {
    calls: log.length,
    firstAt: first.at,
    lastAnsweredAt,
    spanMs: lastAnsweredAt - first.at,
    limiterWaitMs,
    clientIdleMs,
    tailMs: lastAnsweredAt - last.at,
    idleBefore,
    longestGaps: gaps.slice(0, 5),
    byKind,
  };
}
