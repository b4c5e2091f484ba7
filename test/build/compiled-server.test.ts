/**
 * `npm start` runs the compiled server: scripts/ensure-server-build.mjs builds dist/server when
 * the sources changed (and only then), and plain Node, without a TypeScript loader, starts it in
 * demo mode (the built-in simulator), serves dist/web and renders a PDF on a worker thread
 * (the one file the server loads by path at run time).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';

const STAMP = 'dist/server/.build-stamp';
const ensureBuild = () =>
  spawnSync(process.execPath, ['scripts/ensure-server-build.mjs'], { encoding: 'utf8', timeout: 170_000 });

let server: ServerProcess | undefined;
let dataDir: string | undefined;
afterAll(async () => {
  await server?.kill('SIGTERM');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the compiled server', () => {
  it('leaves a build of the sources, and a second run does not build again', { timeout: 180_000 }, () => {
    const first = ensureBuild();
    expect(first.status, first.stderr).toBe(0);
    expect(existsSync('dist/server/main.js')).toBe(true);
    expect(existsSync('dist/server/documents/pdf-worker.js')).toBe(true);
    expect(existsSync('dist/server/main.test.js')).toBe(false);
    const builtAt = statSync(STAMP).mtimeMs;

    const second = ensureBuild();
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).not.toContain('building');
    expect(statSync(STAMP).mtimeMs).toBe(builtAt);
  });

  it('starts in demo mode under plain Node and renders a PDF on a worker thread', {
    timeout: 60_000,
  }, async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'compiled-server-'));
    server = await startServerProcess(
      { DATA_DIR: dataDir, HOSTIFY_API_KEY: '', NODE_OPTIONS: '', DEMO_OWNERS: '2' },
      { nodeArgs: ['dist/server/main.js'] },
    );
    const { url } = server;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    // The web app comes from the project's dist/web, whichever directory main.js is in.
    const page = await fetch(`${url}/`);
    if (existsSync('dist/web/index.html')) {
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(readFileSync('dist/web/index.html', 'utf8'));
    } else {
      expect(server.output()).toContain(JSON.stringify(resolve('dist/web')));
    }

    const token = /API token: (ost_\S+)/.exec(server.output())?.[1];
    expect(token).toBeDefined();
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const { owners } = (await (await fetch(`${url}/api/owners`, { headers })).json()) as {
      owners: Array<{ id: string }>;
    };
    const ownerId = owners[0]?.id;
    expect(ownerId).toBeDefined();
    const generated = await fetch(`${url}/api/statements/generate`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ ownerId, startDate: '2025-10-01', endDate: '2025-10-31' }),
    });
    expect(generated.status, await generated.clone().text()).toBe(201);
    const { statements } = (await generated.json()) as { statements: Array<{ id: string }> };
    const id = statements[0]?.id;
    expect(id).toBeDefined();

    // A worker file that does not load leaves the request waiting: bound it for a clear failure.
    const pdf = await fetch(`${url}/api/statements/${id}/pdf`, {
      headers,
      signal: AbortSignal.timeout(20_000),
    });
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });
});
