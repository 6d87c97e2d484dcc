/**
 * No import cycles in the Node core (issue 13 point 4): the archive's feature modules depend on the connection
 * owner (src-main/archive/db.ts), never on the Archive facade or on each other in a circle.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from '../helpers/import-cycles';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const srcMain = `${repo}src-main`;
const fixture = fileURLToPath(new URL('../fixtures/import-cycle', import.meta.url));

describe('import cycles', () => {
  it('the fixture a → b → c → a (closed by a type-only import) is found, d outside it is not', () => {
    expect(importCycles(fixture)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('an alias is resolved like a relative path', () => {
    const graph = importGraph(`${repo}src-main/archive`, { '#main/': srcMain });
    // worker.ts imports './open': the graph must hold that edge, or it would miss cycles.
    expect(graph.get(`${srcMain}/archive/worker.ts`)).toContain(`${srcMain}/archive/open.ts`);
  });

  it('src-main has none', () => {
    expect(importCycles(srcMain, { '#main/': `${srcMain}/` })).toEqual([]);
  });
});
