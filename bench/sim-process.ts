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

export interface SimProcess {
  url: string;
  stats(): Promise<SimStatsSnapshot>;
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
  return {
    url,
    stats: () =>
      new Promise<SimStatsSnapshot>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the simulator did not send its stats')), 10_000);
        child.once('message', (message) => {
          clearTimeout(timer);
          resolve(message as SimStatsSnapshot);
        });
        child.send('stats');
      }),
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
