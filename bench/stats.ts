/** Small measuring helpers for the benchmarks. */
import { readFileSync } from 'node:fs';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** Peak resident set size of a process (Linux VmHWM), in MiB. */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m?.[1] ? Number(m[1]) / 1024 : Number.NaN;
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(headers),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
  ].join('\n');
}

/**
 * The least time `calls` Hostify requests can take under one installation's limits — at most
 * `maxConcurrency` in flight and at most `maxRps` starts in any window of one second — with every
 * call taking `latencyMs` and all of them ready at once (no call waiting for another's answer).
 * The earliest schedule is the greedy one: call k starts at
 *   max(0, start[k − maxRps] + 1 s, start[k − maxConcurrency] + latency)
 * and the bound is the last start plus one latency. (A rate formula such as
 * (calls − maxRps) ÷ maxRps + latency is up to a second too optimistic: a one-second window lets
 * `maxRps` calls start together, then the next `maxRps` a full second later, not spread out.)
 */
export function hostifyLowerBoundS(
  calls: number,
  limits: { latencyMs: number; maxConcurrency: number; maxRps: number },
): number {
  if (calls <= 0) return 0;
  const starts: number[] = [];
  for (let k = 0; k < calls; k++) {
    const byRate = k >= limits.maxRps ? (starts[k - limits.maxRps] ?? 0) + 1000 : 0;
    const byConcurrency =
      k >= limits.maxConcurrency ? (starts[k - limits.maxConcurrency] ?? 0) + limits.latencyMs : 0;
    starts.push(Math.max(byRate, byConcurrency));
  }
  return ((starts.at(-1) ?? 0) + limits.latencyMs) / 1000;
}
