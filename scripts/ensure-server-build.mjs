#!/usr/bin/env node
// Compiles the server (src/, without the tests) into dist/server when it is missing or older than
// its sources, so `npm start`, `npm run worker` and `npm run cli` run plain JavaScript: no
// TypeScript loader in production processes. `--force` builds whatever the stamp says.
//
// The build goes to a directory of its own and replaces dist/server only when tsc succeeded, so a
// failed build leaves the previous one (and its stamp) in place. A lock serializes the processes
// of one checkout that start together (the Procfile's web and worker): the second one waits, then
// finds the build fresh.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale } from './build-freshness.mjs';

// Paths below are the project's, wherever the script is started from.
process.chdir(fileURLToPath(new URL('..', import.meta.url)));
const output = 'dist/server';
const stamp = join(output, '.build-stamp');
const sources = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
const skip = (path) => path.endsWith('.test.ts');
const lock = 'dist/.server-build.lock';
const force = process.argv[2] === '--force';

const fresh = () => !force && !isStale({ stamp, sources, skip });
if (fresh()) process.exit(0);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A lock whose holder is gone (killed mid-build) or that is older than any build: free. */
function abandoned() {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    if (Date.now() - statSync(lock).mtimeMs > 10 * 60_000) return true;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // ESRCH: no such process. ENOENT: the holder is between mkdir and writing its pid, or done.
    return error.code === 'ESRCH';
  }
}

async function acquire() {
  mkdirSync('dist', { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    if (abandoned()) rmSync(lock, { recursive: true, force: true });
    else {
      if (waited === 0) console.error('waiting for another process building dist/server…');
      await sleep(200);
    }
  }
}

function build() {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    console.error('building the server needs TypeScript: run `npm install` (with the dev dependencies)');
    return 1;
  }
  console.error('building the server (dist/server)…');
  // The stamp gets the time the build began: a source saved during the build is newer than it.
  const began = new Date();
  // Fixed names: the lock makes this the only build, so whatever is there was left by a killed one.
  const next = 'dist/.server-next';
  const previous = 'dist/.server-previous';
  rmSync(next, { recursive: true, force: true });
  const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', next], {
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    rmSync(next, { recursive: true, force: true });
    return run.status ?? 1;
  }
  writeFileSync(join(next, '.build-stamp'), `${began.toISOString()}\n`);
  utimesSync(join(next, '.build-stamp'), began, began);
  rmSync(previous, { recursive: true, force: true });
  try {
    renameSync(output, previous);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  renameSync(next, output);
  rmSync(previous, { recursive: true, force: true });
  return 0;
}

await acquire();
let status = 0;
try {
  // Whoever held the lock may just have built it.
  if (!fresh()) status = build();
} finally {
  rmSync(lock, { recursive: true, force: true });
}
process.exit(status);
