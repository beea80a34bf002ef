import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/env.ts';

/**
 * The server's seams, read from the imports themselves:
 * - a module is entered only through its `index.ts` (a module's own tests may reach inside it);
 * - `platform/` imports no module;
 * - modules do not import each other in a cycle, and no source file is part of an import cycle.
 */
const serverSrc = join(repoRoot, 'apps/server/src');
const modulesDir = join(serverSrc, 'modules');
const platformDir = join(serverSrc, 'platform');
/** Everything that may import server modules: the server itself, its benchmarks and the test support. */
const roots = [serverSrc, join(repoRoot, 'apps/server/bench'), join(repoRoot, 'test')];

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

export interface ImportEdge {
  from: string;
  to: string;
  typeOnly: boolean;
}

/** Relative imports of a file (static, dynamic and re-exports), resolved to absolute paths. */
export function importsOf(file: string, text = readFileSync(file, 'utf8')): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const pattern =
    /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/gm;
  for (const m of text.matchAll(pattern)) {
    const spec = m[3] ?? m[4];
    if (!spec) continue;
    edges.push({ from: file, to: resolve(dirname(file), spec), typeOnly: Boolean(m[2]) });
  }
  return edges;
}

const moduleOf = (path: string): string | undefined => {
  const rel = relative(modulesDir, path);
  return rel.startsWith('..') ? undefined : rel.split('/')[0];
};
const isTest = (path: string) => /\.(test|e2e)\.tsx?$/.test(path);
const show = (path: string) => relative(repoRoot, path);

const files = roots.flatMap((root) => sourceFiles(root));
const edges = files.flatMap((file) => importsOf(file));

describe('server module boundaries', () => {
  it('reads the imports it checks', () => {
    // A parser that found nothing would make every rule below pass.
    expect(edges.length).toBeGreaterThan(500);
    expect(edges.some((e) => e.to.endsWith('modules/incidents/index.ts'))).toBe(true);
  });

  it('every module has an index.ts', () => {
    const missing = readdirSync(modulesDir)
      .filter((m) => statSync(join(modulesDir, m)).isDirectory())
      .filter((m) => !files.includes(join(modulesDir, m, 'index.ts')));
    expect(missing).toEqual([]);
  });

  it('a module is entered only through its index.ts', () => {
    const breaches = edges
      .filter((e) => {
        const target = moduleOf(e.to);
        if (!target || moduleOf(e.from) === target) return false;
        return e.to !== join(modulesDir, target, 'index.ts');
      })
      .map((e) => `${show(e.from)} → ${show(e.to)}`);
    expect(breaches).toEqual([]);
  });

  it('platform/ imports no module', () => {
    const breaches = edges
      .filter((e) => e.from.startsWith(`${platformDir}/`) && !isTest(e.from))
      .filter((e) => moduleOf(e.to) !== undefined || e.to === join(serverSrc, 'main.ts'))
      .map((e) => `${show(e.from)} → ${show(e.to)}`);
    expect(breaches).toEqual([]);
  });

  it('modules do not depend on each other in a cycle', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of edges) {
      const a = moduleOf(e.from);
      const b = moduleOf(e.to);
      if (!a || !b || a === b || isTest(e.from)) continue;
      graph.set(a, (graph.get(a) ?? new Set()).add(b));
    }
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('no source file is part of an import cycle', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of edges) {
      if (isTest(e.from)) continue;
      graph.set(e.from, (graph.get(e.from) ?? new Set()).add(e.to));
    }
    expect(cyclesOf(graph).map((c) => c.map(show).join(' → '))).toEqual([]);
  });
});

/** The cycles of a directed graph, one per strongly connected component with more than one node. */
export function cyclesOf(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.has(v)) components.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return components;
}

describe('the boundary checks can fail', () => {
  it('finds a cycle and reads every kind of import', () => {
    const g = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(cyclesOf(g)).toEqual([['a', 'b', 'c']]);
    const text = [
      "import { x } from '../units/units.repo.ts';",
      "import type { Y } from './y.ts';",
      "export * from '../orgs/index.ts';",
      "const m = await import('../../main.ts');",
      "import './side-effect.ts';",
    ].join('\n');
    const found = importsOf('/r/apps/server/src/modules/dispatch/a.ts', text);
    expect(found.map((e) => [e.to, e.typeOnly])).toEqual([
      ['/r/apps/server/src/modules/units/units.repo.ts', false],
      ['/r/apps/server/src/modules/dispatch/y.ts', true],
      ['/r/apps/server/src/modules/orgs/index.ts', false],
      ['/r/apps/server/src/main.ts', false],
      ['/r/apps/server/src/modules/dispatch/side-effect.ts', false],
    ]);
  });
});
