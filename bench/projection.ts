/**
 * A deployment projection from CPU per item (the scaling benchmark's 2-core machine cannot run
 * more than a couple of busy processes at once, so figures for more machines are computed).
 *
 * Each component can run at most (its cores × 1000 ÷ its CPU ms per item) items a second:
 * - workers: N machines of C cores, one worker process per core (a Node process uses one core),
 *   so N·C·1000/w;
 * - PostgreSQL: one server of K cores, K·1000/p (each connection's backend is a process of its own,
 *   so PostgreSQL spreads over cores);
 * - Redis: single-threaded, one core whatever the machine, 1000/r;
 * - the web process: every item's events reach every web process (broadcast), so more web
 *   processes do not divide this work: 1000/web.
 * items/s ≈ the least of these; that component saturates first. It assumes CPU is the only limit:
 * no lock waits (a row every item updates serializes the items whatever the cores — see the lock
 * waits), no network round-trip bound, and that PostgreSQL's CPU per item stays what it was with
 * one worker.
 */

export interface PerItemCpuMs {
  workers: number;
  web: number;
  pg: number;
  redis: number;
}

export type Component = 'workers' | 'PostgreSQL' | 'Redis' | 'web process';

export interface Deployment {
  machines: number;
  coresPerMachine: number;
  pgCores: number;
}

/** Items a second each component allows (Infinity when it uses no CPU per item). */
export function componentBounds(cpu: PerItemCpuMs, d: Deployment): Record<Component, number> {
  const cap = (cores: number, ms: number) => (ms > 0 ? (cores * 1000) / ms : Number.POSITIVE_INFINITY);
  return {
    workers: cap(d.machines * d.coresPerMachine, cpu.workers),
    PostgreSQL: cap(d.pgCores, cpu.pg),
    Redis: cap(1, cpu.redis),
    'web process': cap(1, cpu.web),
  };
}

export function project(cpu: PerItemCpuMs, d: Deployment): { itemsPerS: number; limitedBy: Component } {
  const bounds = componentBounds(cpu, d);
  let limitedBy: Component = 'workers';
  for (const [c, v] of Object.entries(bounds) as Array<[Component, number]>)
    if (v < bounds[limitedBy]) limitedBy = c;
  return { itemsPerS: bounds[limitedBy], limitedBy };
}

/**
 * With `pgCores`, the component other than the workers that caps the rate, the cap, and the
 * fewest worker machines that reach it (adding machines beyond that gains nothing).
 */
export function saturation(
  cpu: PerItemCpuMs,
  coresPerMachine: number,
  pgCores: number,
): { component: Component; itemsPerS: number; machines: number } | null {
  const bounds = componentBounds(cpu, { machines: 1, coresPerMachine, pgCores });
  const others = (Object.entries(bounds) as Array<[Component, number]>).filter(([c]) => c !== 'workers');
  const [component, itemsPerS] = others.reduce((a, b) => (b[1] < a[1] ? b : a));
  if (!Number.isFinite(itemsPerS) || !Number.isFinite(bounds.workers)) return null;
  return { component, itemsPerS, machines: Math.max(1, Math.ceil(itemsPerS / bounds.workers)) };
}
