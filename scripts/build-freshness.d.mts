// Types of build-freshness.mjs, for the tests that import it.
export function newestChange(path: string, skip?: (path: string) => boolean): number;
export function isStale(options: {
  stamp: string;
  sources: readonly string[];
  skip?: (path: string) => boolean;
}): boolean;
