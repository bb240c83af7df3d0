import path from 'node:path';
import { fileURLToPath } from 'node:url';
import madge from 'madge';
import { beforeAll, describe, expect, it } from 'vitest';

// Data flows one way (ARCHITECTURE.md): no file imports one that imports it back, and no folder of
// src/ imports a folder that imports it back. Type-only imports count: a cycle of types is still a
// cycle a reader has to untangle.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Folder-level cycles: each as the folders in order, e.g. ['batch', 'run']. Files at src/'s top level (types.ts, errors.ts) are shared leaves, not a folder. */
function folderCycles(graph: Record<string, string[]>): string[][] {
  const folderOf = (file: string) => (file.includes('/') ? file.split('/')[0] : undefined);
  const edges = new Map<string, Set<string>>();
  for (const [file, imports] of Object.entries(graph)) {
    const from = folderOf(file);
    for (const imported of imports) {
      const to = folderOf(imported);
      if (from && to && from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (folder: string, trail: string[]) => {
    state.set(folder, 'open');
    for (const next of edges.get(folder) ?? []) {
      if (state.get(next) === 'open') cycles.push([...trail.slice(trail.indexOf(next)), folder]);
      else if (!state.has(next)) visit(next, [...trail, folder]);
    }
    state.set(folder, 'done');
  };
  for (const folder of [...edges.keys()].sort()) if (!state.has(folder)) visit(folder, []);
  return cycles;
}

describe('the import graph of src/', () => {
  let graph: Awaited<ReturnType<typeof madge>>;
  beforeAll(async () => {
    graph = await madge(path.join(root, 'src'), { fileExtensions: ['ts'], tsConfig: path.join(root, 'tsconfig.json') });
  });

  it('resolves every import (our `.js` suffixes name `.ts` files), so no cycle hides behind a skipped file', () => {
    expect(graph.warnings().skipped).toEqual([]);
    // A static import and the lazy `import()` of the batch phase are both edges.
    expect(graph.obj()['run/run-suite.ts']).toEqual(expect.arrayContaining(['run/plan.ts', 'batch/run-batch.ts']));
  });

  it('has no circular dependency between files', () => {
    expect(graph.circular()).toEqual([]);
  });

  it('has no circular dependency between folders', () => {
    expect(folderCycles(graph.obj())).toEqual([]);
  });
});

describe('folderCycles', () => {
  it('finds two folders that import each other, and not a one-way chain', () => {
    expect(folderCycles({ 'run/a.ts': ['batch/b.ts'], 'batch/b.ts': ['run/c.ts'], 'run/c.ts': [] })).toEqual([['batch', 'run']]);
    expect(folderCycles({ 'run/a.ts': ['batch/b.ts', 'types.ts'], 'batch/b.ts': ['types.ts'], 'types.ts': ['run/a.ts'] })).toEqual([]);
  });
});
