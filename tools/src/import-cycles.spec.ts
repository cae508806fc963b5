import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Issue 12 §3: the libraries' file-level import graph has no cycle. The Nx lint rule sees projects, not files: a
 * cycle inside one library (a → b → a through its barrel, or two folders importing each other) passes it and shows
 * up as a half-initialised module at run time. This walks every source file of libs/ — type-only imports included,
 * since a cycle of types is the same tangle to a reader — resolving relative imports and the `@govdata/*` package
 * entries (package.json `exports`), and reports each strongly connected component of more than one file.
 */

type Graph = Map<string, string[]>;

/** The strongly connected components with a cycle (Tarjan), each as its files sorted. */
export function findCycles(graph: Graph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : sourceFiles(p);
    return /\.ts$/.test(d.name) && !/\.(spec|test)\.ts$/.test(d.name) && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** `@govdata/x` and `@govdata/x/sub` → the file its package.json `exports` names. */
function packageEntries(): Map<string, string> {
  const entries = new Map<string, string>();
  for (const lib of fs.readdirSync(path.join(root, 'libs'))) {
    const file = path.join(root, 'libs', lib, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name: string; exports?: Record<string, string | { import?: string; default?: string }> };
    for (const [sub, target] of Object.entries(pkg.exports ?? {})) {
      const to = typeof target === 'string' ? target : (target.import ?? target.default);
      if (!to?.endsWith('.ts')) continue;
      entries.set(sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`, path.join(root, 'libs', lib, to));
    }
  }
  return entries;
}

function resolve(from: string, specifier: string, entries: Map<string, string>): string | null {
  if (entries.has(specifier)) return entries.get(specifier) as string;
  if (!specifier.startsWith('.')) return null; // a package outside the workspace
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts'), base.replace(/\.js$/, '.ts')]) if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  throw new Error(`${path.relative(root, from)}: cannot resolve '${specifier}'`);
}

function libsImportGraph(): Graph {
  const entries = packageEntries();
  const graph: Graph = new Map();
  for (const file of sourceFiles(path.join(root, 'libs'))) {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles.map((i) => resolve(file, i.fileName, entries)).filter((t): t is string => t !== null && !/\.(spec|test)\.ts$/.test(t));
    graph.set(path.relative(root, file), [...new Set(targets.map((t) => path.relative(root, t)))]);
  }
  return graph;
}

describe('file-level import graph of libs/', () => {
  it('the detector finds a planted cycle, through a barrel too', () => {
    const planted: Graph = new Map([
      ['a/index.ts', ['a/x.ts']],
      ['a/x.ts', ['a/y.ts']],
      ['a/y.ts', ['a/index.ts']],
      ['b/z.ts', ['a/index.ts']],
      ['c/self.ts', ['c/self.ts']],
    ]);
    expect(findCycles(planted)).toEqual([['a/index.ts', 'a/x.ts', 'a/y.ts'], ['c/self.ts']]);
  });

  it('reads the real workspace: every library’s files, their relative and @govdata/* imports', () => {
    const graph = libsImportGraph();
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get('libs/core/src/module.ts')).toContain('libs/core/src/sweep/jobs.ts');
    expect(graph.get('libs/catalog/src/module.ts')?.some((f) => f === 'libs/core/src/index.ts')).toBe(true);
  });

  it('has no cycle', () => {
    const cycles = findCycles(libsImportGraph());
    expect(cycles.map((c) => c.join(' → ')), 'files that import each other (directly or around a loop)').toEqual([]);
  });
});
