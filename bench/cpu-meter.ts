/**
 * CPU used by the parts of one benchmark row, from /proc (Linux): the row's own processes, the
 * PostgreSQL server's processes that serve the row's database, and the Redis server.
 *
 * PostgreSQL: every backend's process title names its database ("postgres: 15/main: user db
 * 127.0.0.1(5432) idle"), so the backends of the row's database are counted exactly, whatever
 * other users of the server do meanwhile. The server's shared processes (postmaster, walwriter,
 * checkpointer, background writer, autovacuum) work for every database: they are counted
 * separately ("background") and are the row's only on a quiet machine. A backend that exits
 * between two refreshes loses at most one refresh interval of its CPU (pool connections live as
 * long as their process, or idle for 10 s first, so this is rare and small).
 *
 * Redis: the redis-server process(es), whole: Redis cannot tell which client used its CPU, so on
 * a shared machine this includes other users of the server (compare "other CPU").
 */
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: /proc/<pid>/stat counts CPU in 1/100 s on Linux. */
const HZ = 100;

/** CPU seconds (user + system) a process has used so far; NaN when it is gone. */
export function processCpuS(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(after[11]) + Number(after[12])) / HZ; // utime, stime
  } catch {
    return Number.NaN;
  }
}

/** Busy and total CPU seconds of the whole machine (all cores) so far (/proc/stat). */
export function machineCpuS(): { busy: number; total: number } {
  const fields = (/^cpu\s+(.*)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1] ?? '')
    .split(/\s+/)
    .map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
  return { busy: (total - idle) / HZ, total: total / HZ };
}

const readText = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** Processes named `comm`, with their command lines (process titles). */
function processesNamed(names: ReadonlySet<string>): Array<{ pid: number; comm: string; title: string }> {
  const found: Array<{ pid: number; comm: string; title: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = readText(`/proc/${entry}/comm`)?.trim();
    if (comm === undefined || !names.has(comm)) continue;
    const title = (readText(`/proc/${entry}/cmdline`) ?? '').replaceAll('\0', ' ').trim();
    found.push({ pid: Number(entry), comm, title });
  }
  return found;
}

/** The shared PostgreSQL processes (not a client backend of some database). */
const PG_BACKGROUND =
  /(checkpointer|background writer|walwriter|autovacuum launcher|logical replication launcher|stats collector|archiver|io worker|bin\/postgres )/;

export interface StoreCpu {
  /** Backends of the row's database. */
  pgBackends: number;
  /** The PostgreSQL server's shared processes. */
  pgBackground: number;
  redis: number;
}

/**
 * Cumulative CPU seconds of the PostgreSQL processes serving `database` (and the server's shared
 * ones) and of redis-server, since `start()`. Refreshed on a timer so backends that come and go
 * are seen; read with `now()` (which refreshes first).
 */
export class StoreCpuMeter {
  /** pid → { kind, CPU at first sight (0 when born after start), latest CPU }. */
  private readonly seen = new Map<number, { kind: keyof StoreCpu; first: number; last: number }>();
  private timer: NodeJS.Timeout | undefined;
  private started = false;

  constructor(private readonly options: { database?: string; redis: boolean; refreshMs?: number }) {}

  start(): void {
    this.refresh();
    this.started = true;
    this.timer = setInterval(() => this.refresh(), this.options.refreshMs ?? 250);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** CPU seconds used since start(), by part. */
  now(): StoreCpu {
    this.refresh();
    const sum: StoreCpu = { pgBackends: 0, pgBackground: 0, redis: 0 };
    for (const p of this.seen.values()) sum[p.kind] += p.last - p.first;
    return sum;
  }

  private refresh(): void {
    const names = new Set<string>();
    if (this.options.database) names.add('postgres');
    if (this.options.redis) names.add('redis-server');
    if (names.size === 0) return;
    for (const { pid, comm, title } of processesNamed(names)) {
      const kind = this.classify(comm, title);
      if (!kind) continue;
      const cpu = processCpuS(pid);
      if (!Number.isFinite(cpu)) continue;
      const known = this.seen.get(pid);
      // A process born after start counts from 0: all of its CPU is the row's.
      if (known) known.last = cpu;
      else this.seen.set(pid, { kind, first: this.started ? 0 : cpu, last: cpu });
    }
  }

  private classify(comm: string, title: string): keyof StoreCpu | undefined {
    if (comm === 'redis-server') return 'redis';
    const db = this.options.database;
    if (db && new RegExp(`: \\S+ ${db} `).test(`${title} `)) return 'pgBackends';
    if (/autovacuum worker/.test(title)) return db && title.includes(` ${db}`) ? 'pgBackends' : undefined;
    return PG_BACKGROUND.test(`${title} `) ? 'pgBackground' : undefined;
  }
}
