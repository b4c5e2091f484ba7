import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStale, newestChange } from '../../scripts/build-freshness.mjs';

let root: string;
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));
function file(path: string, seconds: number): void {
  writeFileSync(join(root, path), '');
  utimesSync(join(root, path), at(seconds), at(seconds));
}
function dir(path: string, seconds: number): void {
  mkdirSync(join(root, path), { recursive: true });
  utimesSync(join(root, path), at(seconds), at(seconds));
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'build-freshness-'));
  dir('src/lib', 10);
  file('src/lib/a.ts', 10);
  file('src/lib/a.test.ts', 10);
  dir('src/lib', 10);
  dir('src', 10);
  dir('out', 20);
  file('out/.stamp', 20);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const stale = (skip?: (path: string) => boolean) =>
  isStale({ stamp: join(root, 'out/.stamp'), sources: [join(root, 'src'), join(root, 'missing')], skip });

describe('build freshness', () => {
  it('is fresh when every source is older than the stamp (a missing source counts as old)', () => {
    expect(stale()).toBe(false);
  });

  it('is stale when there is no stamp', () => {
    rmSync(join(root, 'out/.stamp'));
    expect(stale()).toBe(true);
  });

  it('is stale when a file deep in a source directory changed after the build', () => {
    file('src/lib/a.ts', 30);
    expect(stale()).toBe(true);
  });

  it('is stale when a directory changed (a file deleted or renamed) after the build', () => {
    dir('src/lib', 30);
    expect(stale()).toBe(true);
  });

  it('leaves out the files skip names', () => {
    file('src/lib/a.test.ts', 30);
    expect(stale()).toBe(true);
    expect(stale((path) => path.endsWith('.test.ts'))).toBe(false);
  });

  it('takes the newest change under a path', () => {
    file('src/lib/a.test.ts', 25);
    expect(newestChange(join(root, 'src'))).toBe(at(25).getTime());
    expect(newestChange(join(root, 'src'), (path) => path.endsWith('.test.ts'))).toBe(at(10).getTime());
    expect(newestChange(join(root, 'missing'))).toBe(0);
  });
});
