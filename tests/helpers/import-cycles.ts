/**
 * Import cycles among the TypeScript files of a folder, type-only imports and re-exports included: a cycle
 * of types still ties the files together (issue 13 point 4). Imports are read with the compiler's
 * `preProcessFile` (no program is built); specifiers are resolved relative or through the given aliases,
 * and only files inside the folder count (a cycle must come back into it anyway).
 */
import ts from 'typescript';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : tsFiles(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

function resolveFile(base: string): string | null {
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The files each file of `root` imports (static, type-only, re-exports, dynamic `import()`), as absolute paths. */
export function importGraph(root: string, aliases: Readonly<Record<string, string>> = {}): Map<string, string[]> {
  const files = tsFiles(resolve(root));
  const inside = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const { fileName: spec } of info.importedFiles) {
      const prefix = Object.keys(aliases).find((p) => spec.startsWith(p));
      const base = spec.startsWith('.') ? resolve(dirname(file), spec) : prefix !== undefined ? resolve(aliases[prefix]!, spec.slice(prefix.length)) : null;
      const target = base === null ? null : resolveFile(base);
      if (target !== null && inside.has(target)) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** Every strongly connected group of more than one file (or a file importing itself), paths relative to `root`. */
export function importCycles(root: string, aliases: Readonly<Record<string, string>> = {}): string[][] {
  const graph = importGraph(root, aliases);
  // Tarjan's algorithm, iterative enough for a few hundred files (recursion depth = longest import chain).
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (graph.get(v) ?? []).includes(v)) groups.push(group.map((f) => relative(root, f)).sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return groups;
}
