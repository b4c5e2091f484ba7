/**
 * A private `redis-server` child process for one test file (never the shared Redis on 6379), so a
 * test may kill or restart it. Nothing is persisted (`--save "" --appendonly no`): a restart
 * starts empty, as a Redis that lost its memory does.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { redisProbe } from '../../src/startup/probes.js';

export interface RedisServer {
  port: number;
  url: string;
  /** Stops it (SIGKILL: no shutdown save) and waits for the exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port (after `kill`). */
  restart(): Promise<void>;
  /** What it printed (startup banner, warnings), for failure messages. */
  output(): string;
}

/** True when a `redis-server` binary is on the PATH, else why not. */
export function redisServerAvailable(): true | string {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error) return `redis-server is not installed (${probe.error.message})`;
  if (probe.status !== 0) return `redis-server --version exited with ${probe.status}: ${probe.stderr}`;
  return true;
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  return redisProbe(url, url)
    .check()
    .then(
      () => true,
      () => false,
    );
}

export async function startRedisServer(timeoutMs = 10_000): Promise<RedisServer> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let log = '';

  const launch = async () => {
    const c = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = c;
    c.stdout?.on('data', (d) => {
      log += String(d);
    });
    c.stderr?.on('data', (d) => {
      log += String(d);
    });
    let gone = false;
    exited = new Promise<void>((resolve) =>
      c.once('exit', () => {
        gone = true;
        resolve();
      }),
    );
    const deadline = Date.now() + timeoutMs;
    while (!(await answers(url))) {
      if (gone) throw new Error(`redis-server on port ${port} exited at start:\n${log}`);
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer:\n${log}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  await launch();

  return {
    port,
    url,
    output: () => log,
    kill: async () => {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    restart: launch,
  };
}
