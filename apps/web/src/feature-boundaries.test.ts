import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The console's folders follow the server's modules, and a feature is a closed box: another feature uses
 * only what its `index.ts` offers. Below the features lie `app/` (shell, live channel), `map/`, `api/` and
 * `i18n/`, which know no feature (apart from the routes, which put the pages together). Features depend on
 * one another without cycles.
 */

const src = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Module specifiers of a file's static imports and re-exports, side-effect imports and dynamic imports. */
function importsOf(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.push(m[1]!);
  return found;
}

interface Edge {
  file: string;
  target: string;
}

/** Every relative import of every file under src/, resolved to a path relative to src/. */
function edges(): Edge[] {
  return sourceFiles(src).flatMap((path) =>
    importsOf(readFileSync(path, 'utf8'))
      .filter((s) => s.startsWith('.'))
      .map((s) => ({
        file: relative(src, path).split('\\').join('/'),
        target: relative(src, resolve(dirname(path), s))
          .split('\\')
          .join('/'),
      })),
  );
}

/** `features/<name>/…` → name; anything else → null. */
function featureOf(path: string): string | null {
  const m = /^features\/([^/]+)\//.exec(path);
  return m ? m[1]! : null;
}

/** A cycle in a directed graph, as the list of its nodes (first = last), or null. */
function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of [...graph.keys()].sort()) {
    if (state.has(node)) continue;
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('console feature boundaries', () => {
  const all = edges();

  it('reads imports of every kind', () => {
    const sample = [
      "import { a } from './a.ts';",
      "import type { B } from '../b/index.ts';",
      'import {\n  c,\n  type D,\n} from "../c/index.ts";',
      "export { e } from './e.ts';",
      "export * from './f.ts';",
      "import './g.css';",
      "const H = lazy(() => import('../h/page.tsx'));",
      "// import { fake } is only text: nothing 'from' here",
    ].join('\n');
    expect(importsOf(sample)).toEqual([
      './a.ts',
      '../b/index.ts',
      '../c/index.ts',
      './e.ts',
      './f.ts',
      './g.css',
      '../h/page.tsx',
    ]);
    // The real sources are read: the command page uses the incidents feature.
    expect(all).toContainEqual({
      file: 'features/dispatch/command-tabs.tsx',
      target: 'features/incidents/index.ts',
    });
  });

  it('a feature uses another feature only through its index.ts', () => {
    const reaching = all
      .filter((e) => {
        const from = featureOf(e.file);
        const to = featureOf(e.target);
        return from !== null && to !== null && from !== to && e.target !== `features/${to}/index.ts`;
      })
      .map((e) => `${e.file} → ${e.target}`);
    expect(reaching).toEqual([]);
  });

  it('app/, map/, api/, i18n/ and offline/ know no feature (the routes assemble the pages)', () => {
    const composition = new Set(['app/routes.tsx', 'main.tsx', 'feature-boundaries.test.ts']);
    const upward = all
      .filter((e) => featureOf(e.file) === null && !composition.has(e.file) && featureOf(e.target) !== null)
      .map((e) => `${e.file} → ${e.target}`);
    expect(upward).toEqual([]);
  });

  it('offline/ is used only through its index.ts', () => {
    const reaching = all
      .filter((e) => !e.file.startsWith('offline/') && e.target.startsWith('offline/'))
      .filter((e) => e.target !== 'offline/index.ts')
      .map((e) => `${e.file} → ${e.target}`);
    expect(reaching).toEqual([]);
  });

  it('features depend on each other without cycles', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of all) {
      const from = featureOf(e.file);
      const to = featureOf(e.target);
      if (from === null || to === null || from === to) continue;
      graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
    expect(findCycle(graph)?.join(' → ') ?? null).toBeNull();
    // The check itself finds a cycle when there is one.
    expect(
      findCycle(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set(['c'])],
          ['c', new Set(['a'])],
        ]),
      ),
    ).toEqual(['a', 'b', 'c', 'a']);
  });
});
