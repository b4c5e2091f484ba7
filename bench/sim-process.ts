/**
 * The Hostify simulator in its own process, so serving 5,000 properties' pages does not slow
 * the benchmark's pollers (whose latencies must be the server's, not this process's). Its
 * request statistics come over the IPC channel (`stats()`), which counts the calls of every
 * process, also of workers that have no /metrics to read.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface SimStatsSnapshot {
  requests: number;
  byPath: Record<string, number>;
  rateLimited: number;
  faults: number;
  inFlight: number;
  maxInFlight: number;
}

/** One request the simulator received, in epoch milliseconds (Date.now()'s clock). */
export interface SimLogEntry {
  at: number;
  /** When the answer was sent; null if the client went away first. */
  answeredAt: number | null;
  path: string;
  page: number | null;
  status: number;
}

export interface SimProcess {
  url: string;
  stats(): Promise<SimStatsSnapshot>;
  /** The simulator's request log (its last 10,000 requests), oldest first. */
  log(): Promise<SimLogEntry[]>;
  stop(): Promise<void>;
}

export async function startSimProcess(env: Record<string, string>): Promise<SimProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/sim-main.ts'], {
    env: { ...process.env, SIM_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}): ${out}`)));
  });
  /** Asks the simulator for `what` and waits for the answer of that type. */
  const ask = <T>(what: 'stats' | 'log', pick: (message: Record<string, unknown>) => T) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`the simulator did not send its ${what}`));
      }, 10_000);
      const onMessage = (message: unknown) => {
        const m = message as Record<string, unknown> | null;
        if (m?.type !== what) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(pick(m));
      };
      child.on('message', onMessage);
      child.send(what);
    });
  return {
    url,
    stats: () => ask('stats', (m) => m.stats as SimStatsSnapshot),
    log: () => ask('log', (m) => m.entries as SimLogEntry[]),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Hostify requests the server has sent so far, from its /metrics. */
export async function serverHostifyCalls(baseUrl: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return Number(/^os_hostify_requests_total (\d+)$/m.exec(text)?.[1] ?? Number.NaN);
}
