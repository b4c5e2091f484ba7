/**
 * The layering of src (DESIGN.md §2) as "never" rules over the import graph. Type-only imports
 * count: an upward type import is still an upward dependency. Tests beside the code
 * (`*.test.ts`) are left out: they are not part of the application and may wire layers together.
 *
 * A rule that today's code still breaks lists its violations as `knownViolations`: a new one
 * fails, and so does a listed one that is gone (remove it from the list — the list only shrinks).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ImportEdge, importGraph, importsOf } from './import-graph.js';

interface NeverRule {
  name: string;
  /** Why the dependency is wrong, for the failure message. */
  why: string;
  /** The importing files: path prefix, relative to the repository. */
  from: string;
  forbidden(edge: ImportEdge): boolean;
  /** `importer -> imported` pairs allowed until they are fixed. */
  knownViolations?: readonly string[];
}

const into = (prefix: string) => (edge: ImportEdge) => edge.to?.startsWith(prefix) ?? false;
/** Anything but the folder itself: another folder of src, a package, a built-in. */
const outside = (prefix: string) => (edge: ImportEdge) => !(edge.to?.startsWith(prefix) ?? false);

const RULES: readonly NeverRule[] = [
  {
    name: 'src/db does not import src/jobs',
    why: 'the store is below the job engine; the job model and the JobStore port are in src/model',
    from: 'src/db/',
    forbidden: into('src/jobs/'),
  },
  {
    name: 'src/contract does not import src/jobs',
    why: 'the HTTP contract (shared with web/) takes job statuses and types from src/model',
    from: 'src/contract/',
    forbidden: into('src/jobs/'),
  },
  {
    name: 'src/services does not import src/jobs',
    why: 'job handlers run services; services start jobs through the JobStarter port (src/services/job-starter.ts)',
    from: 'src/services/',
    forbidden: into('src/jobs/'),
  },
  {
    name: 'src/jobs does not import src/notify',
    why: 'notify listens to jobs; a mail failure reaches a job as a typed MailFailedError (src/services/errors.ts)',
    from: 'src/jobs/',
    forbidden: into('src/notify/'),
  },
  {
    name: 'src/domain imports nothing outside src/domain',
    why: 'the statement maths is pure: no I/O, no database, no HTTP, no queue, no package',
    from: 'src/domain/',
    forbidden: outside('src/domain/'),
  },
  {
    name: 'src/model imports nothing outside src/model',
    why: 'it is the leaf the store, the contract and the job engine share; importing any of them would tie them together again',
    from: 'src/model/',
    forbidden: outside('src/model/'),
  },
  {
    name: 'the retry loop and budget table import nothing of src outside src/lib',
    why: 'the Hostify client and the job runner both read them; importing either would tie the two together',
    from: 'src/lib/retry',
    forbidden: (edge) => edge.to !== null && !edge.to.startsWith('src/lib/'),
  },
  {
    name: 'route files do not import src/db',
    why: 'routes reach data through services only',
    from: 'src/http/routes/',
    forbidden: into('src/db/'),
  },
];

const root = fileURLToPath(new URL('../../', import.meta.url));
const graph = importGraph(root, 'src', (file) => !/\.test\.tsx?$/.test(file));

const pair = (edge: ImportEdge) => `${edge.from} -> ${edge.to ?? edge.specifier}`;
const site = (edge: ImportEdge) =>
  `${edge.from}:${edge.line} imports ${edge.typeOnly ? 'type(s) from ' : ''}'${edge.specifier}'`;

describe('import graph reader', () => {
  it('finds every form of import, type-only ones marked, and none in comments or strings', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from './b.js';",
      "import { type C, type D } from './c.js';",
      "import { type E, f } from './e.js';",
      "import './side-effect.js';",
      "export * from './g.js';",
      "export type { H } from './h.js';",
      "import i = require('./i.js');",
      "const j = await import('./j.js');",
      "let k: import('./k.js').K;",
      "// import { no } from './comment.js';",
      'const text = "import { no } from \'./string.js\'";',
      "import {\n  l,\n} from 'some-package';",
    ].join('\n');
    expect(importsOf('sample.ts', text)).toEqual([
      { specifier: './a.js', line: 1, typeOnly: false },
      { specifier: './b.js', line: 2, typeOnly: true },
      { specifier: './c.js', line: 3, typeOnly: true },
      { specifier: './e.js', line: 4, typeOnly: false },
      { specifier: './side-effect.js', line: 5, typeOnly: false },
      { specifier: './g.js', line: 6, typeOnly: false },
      { specifier: './h.js', line: 7, typeOnly: true },
      { specifier: './i.js', line: 8, typeOnly: false },
      { specifier: './j.js', line: 9, typeOnly: false },
      { specifier: './k.js', line: 10, typeOnly: true },
      { specifier: 'some-package', line: 15, typeOnly: false },
    ]);
  });

  it('resolves every relative import of src to a file (an unresolved one would go unchecked)', () => {
    expect(graph.unresolved.map(site)).toEqual([]);
    expect(graph.edges.length).toBeGreaterThan(0);
  });
});

describe('import graph: never rules', () => {
  for (const rule of RULES) {
    describe(rule.name, () => {
      const violations = graph.edges.filter((e) => e.from.startsWith(rule.from) && rule.forbidden(e));
      const known = new Set(rule.knownViolations ?? []);

      it('holds (apart from its known violations)', () => {
        // A rule over a folder that no longer exists would pass without checking anything.
        expect(
          graph.files.some((f) => f.startsWith(rule.from)),
          `no file under ${rule.from}`,
        ).toBe(true);
        const fresh = violations.filter((e) => !known.has(pair(e))).map(site);
        expect(fresh, `${rule.name}: ${rule.why}`).toEqual([]);
      });

      if (known.size > 0) {
        it('lists only violations that still exist (remove the fixed ones)', () => {
          const present = new Set(violations.map(pair));
          expect(
            [...known].filter((k) => !present.has(k)),
            'fixed: remove from knownViolations',
          ).toEqual([]);
        });
      }
    });
  }
});
