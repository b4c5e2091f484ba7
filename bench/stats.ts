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
 * The least time `calls` Hostify requests can take under one client's limits: the concurrency
 * bound (calls × latency ÷ concurrency) or the rate bound (a sliding one-second window lets the
 * first `maxRps` start at once, then `maxRps` a second), plus one call's latency.
 */
export function hostifyLowerBoundS(
  calls: number,
  limits: { latencyMs: number; maxConcurrency: number; maxRps: number },
): number {
  const byConcurrency = (calls * limits.latencyMs) / limits.maxConcurrency / 1000;
  const byRate = Math.max(0, calls - limits.maxRps) / limits.maxRps + limits.latencyMs / 1000;
  return Math.max(byConcurrency, byRate);
}
