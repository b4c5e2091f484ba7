/**
 * The real server as a child process (`node --import tsx src/main.ts`, or the compiled server
 * with `nodeArgs`), for tests that kill it
 * and for benchmarks. Its output goes to a log file, as `npm start > backend.log` would, so a slow
 * reader can never stall the server's logging. A worker process (`ROLE=worker`) does not listen:
 * pass `readyLog` to wait for a log line instead.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServerProcess {
  /** The HTTP address; empty for a process started with `readyLog` (a worker does not listen). */
  url: string;
  child: ChildProcess;
  logFile: string;
  output(): string;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export interface StartProcessOptions {
  timeoutMs?: number;
  /**
   * Ready when the log matches this, instead of "Server listening at …" (for processes that do
   * not listen on HTTP); `url` is then empty.
   */
  readyLog?: RegExp;
  /** Node's arguments; by default the sources under tsx (`--import tsx src/main.ts`). */
  nodeArgs?: readonly string[];
}

export async function startServerProcess(
  env: Record<string, string>,
  options: number | StartProcessOptions = {},
): Promise<ServerProcess> {
  const {
    // Generous: several processes starting at once on a busy 2-core machine take a while to load.
    timeoutMs = 90_000,
    readyLog,
    nodeArgs = ['--import', 'tsx', 'src/main.ts'],
  } = typeof options === 'number' ? { timeoutMs: options } : options;
  return spawnMain(env, nodeArgs, timeoutMs, (output) => {
    if (readyLog) return readyLog.test(output) ? '' : undefined;
    return /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
  });
}

/** Spawns the server and waits until `ready` finds what it looks for in the log. */
async function spawnMain(
  env: Record<string, string>,
  nodeArgs: readonly string[],
  timeoutMs: number,
  ready: (output: string) => string | undefined,
): Promise<ServerProcess> {
  const logFile = join(mkdtempSync(join(tmpdir(), 'owner-statements-log-')), 'backend.log');
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, nodeArgs, {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const output = () => readFileSync(logFile, 'utf8');
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const deadline = Date.now() + timeoutMs;
  let url: string | undefined;
  while (url === undefined) {
    if (exitCode !== undefined) throw new Error(`server exited at start:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output()}`);
    url = ready(output());
    if (url === undefined) await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url,
    child,
    logFile,
    output,
    kill: async (signal) => {
      if (exitCode !== undefined) return exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

/** The first admin that a server process creates from ADMIN_EMAIL / ADMIN_PASSWORD. */
export const PROCESS_ADMIN = {
  ADMIN_EMAIL: 'admin@process.test',
  ADMIN_PASSWORD: 'Kestrel-process-pw-41',
};

/** Signs in as that admin and returns the Authorization header to send. */
export async function adminAuthHeader(url: string): Promise<{ authorization: string }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: PROCESS_ADMIN.ADMIN_EMAIL, password: PROCESS_ADMIN.ADMIN_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return { authorization: `Bearer ${token}` };
}
