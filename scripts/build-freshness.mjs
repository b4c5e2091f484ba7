// Whether a build is older than its sources, for the start scripts: the newest modification time
// under the sources (files and directories, so a deleted or renamed file counts too) against the
// build's stamp file. No stamp: never built, or a build that did not finish.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest mtime (ms) at or under `path`, leaving out the files `skip` names; 0 when absent. */
export function newestChange(path, skip = () => false) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return skip(path) ? 0 : stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newestChange(join(path, entry), skip));
  return latest;
}

/** True when `stamp` is missing or older than any of `sources`. */
export function isStale({ stamp, sources, skip }) {
  if (!existsSync(stamp)) return true;
  const builtAt = statSync(stamp).mtimeMs;
  return sources.some((source) => newestChange(source, skip) > builtAt);
}
