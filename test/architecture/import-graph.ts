/**
 * The import graph of the TypeScript sources, read with the TypeScript parser (so imports in
 * comments and strings do not count, and none is missed for its formatting): every `import`,
 * `export … from`, `import x = require(…)`, dynamic `import(…)` and `import('…')` type, with
 * whether it is type-only. Relative specifiers are resolved to the files they name; anything else
 * (a package, a `node:` built-in) is kept as written.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface ImportSite {
  specifier: string;
  /** 1-based. */
  line: number;
  /** Erased at run time — still a dependency of the code that names the type. */
  typeOnly: boolean;
}

export interface ImportEdge extends ImportSite {
  /** The importing file, relative to the root, with `/`. */
  from: string;
  /** The imported file, relative to the root, or null for a package or built-in. */
  to: string | null;
}

export interface ImportGraph {
  files: string[];
  edges: ImportEdge[];
  /** Relative specifiers that name no file: the graph would miss what they import. */
  unresolved: ImportEdge[];
}

/** The imports of one source text. */
export function importsOf(fileName: string, text: string): ImportSite[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const sites: ImportSite[] = [];
  const add = (literal: ts.StringLiteralLike, typeOnly: boolean) =>
    sites.push({
      specifier: literal.text,
      line: source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1,
      typeOnly,
    });
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier, isTypeOnlyImport(node.importClause));
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      add(node.moduleSpecifier, node.isTypeOnly || isTypeOnlyExports(node.exportClause));
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      add(node.arguments[0], false);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      add(node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

function isTypeOnlyImport(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false; // `import './x.js'` runs the module
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    clause.name === undefined &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((e) => e.isTypeOnly)
  );
}

function isTypeOnlyExports(clause: ts.NamedExportBindings | undefined): boolean {
  return (
    clause !== undefined &&
    ts.isNamedExports(clause) &&
    clause.elements.length > 0 &&
    clause.elements.every((e) => e.isTypeOnly)
  );
}

/** `./x.js` names x.ts (NodeNext resolution), `./x.jsx` x.tsx; other files are taken as named. */
function resolveRelative(fromFile: string, specifier: string): string | null {
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.js$/, '.tsx'),
    base.replace(/\.jsx$/, '.tsx'),
    base,
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

function sourceFiles(dir: string, include: (file: string) => boolean): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(path, include));
    else if (/\.tsx?$/.test(entry.name) && include(path)) found.push(path);
  }
  return found.sort();
}

const toPosix = (path: string) => path.split(sep).join(posix.sep);

/** The graph of the `.ts`/`.tsx` files under `root/dir` that `include` accepts. */
export function importGraph(root: string, dir: string, include: (file: string) => boolean): ImportGraph {
  const files = sourceFiles(join(root, dir), include);
  const edges: ImportEdge[] = [];
  const unresolved: ImportEdge[] = [];
  for (const file of files) {
    const from = toPosix(relative(root, file));
    for (const site of importsOf(file, readFileSync(file, 'utf8'))) {
      if (!site.specifier.startsWith('.')) {
        edges.push({ ...site, from, to: null });
        continue;
      }
      const target = resolveRelative(file, site.specifier);
      const edge = { ...site, from, to: target ? toPosix(relative(root, target)) : null };
      (target ? edges : unresolved).push(edge);
    }
  }
  return { files: files.map((f) => toPosix(relative(root, f))), edges, unresolved };
}
