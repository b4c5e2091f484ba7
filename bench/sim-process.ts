/**
 * The Hostify simulator in its own process, so serving 5,000 properties' pages does not slow
 * the benchmark's pollers (whose latencies must be the server's, not this process's).
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface SimProcess {
  url: string;
  stop(): Promise<void>;
}

export async function startSimProcess(env: Record<string, string>): Promise<SimProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/hostify-sim/main.ts'], {
    env: { ...process.env, SIM_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
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
    stop: () =>
      new Promise<void>((resolve) => {
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
