/**
 * No import cycles in solver/, main/ or renderer/ (DESIGN.md point 4). Every
 * import counts: type-only imports (they shape the layering as much as value
 * imports do), re-exports and dynamic `import()`. The graph is dpdm's, parsed
 * with the TypeScript compiler (docs/dependencies.md says why dpdm).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCircular, parseDependencyTree, type DependencyTree } from 'dpdm';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The import graph of the given globs (relative to `cwd`), keyed by file path relative to `cwd`. */
async function importGraph(cwd: string, globs: string[]): Promise<DependencyTree> {
  return parseDependencyTree(globs, {
    cwd,
    context: cwd,
    extensions: ['.ts', '.tsx', '.mjs', '.js'],
    // keep type-only imports: `transform` would compile them away first
    transform: false,
    skipDynamicImports: false,
    onProgress: () => {},
  });
}

/** Each cycle as `a → b → c`, starting at its first file in sort order (dpdm may start anywhere). */
const cycles = (tree: DependencyTree) =>
  parseCircular(tree, false).map((c) => {
    const first = c.indexOf([...c].sort()[0]!);
    return [...c.slice(first), ...c.slice(0, first)].join(' → ');
  });

describe('import cycles', () => {
  it('finds a cycle through type-only and dynamic imports of .ts files (the check can fail)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ggs-cycles-'));
    try {
      writeFileSync(join(dir, 'a.ts'), "import type { B } from './b.ts';\nexport type A = B;\n");
      writeFileSync(join(dir, 'b.ts'), "export type B = number;\nexport const loadC = () => import('./c.ts');\n");
      writeFileSync(join(dir, 'c.ts'), "export { type A } from './a.ts';\n");
      expect(cycles(await importGraph(dir, ['*.ts']))).toEqual(['a.ts → b.ts → c.ts']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('there are none in solver/, main/ and renderer/', { timeout: 120_000 }, async () => {
    const tree = await importGraph(root, ['solver/**/*.ts', 'main/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx']);
    // the graph is the real one: hundreds of modules, and every relative import resolved to a file
    expect(Object.keys(tree).filter((f) => f.startsWith('solver/')).length).toBeGreaterThan(100);
    expect(tree['solver/contract.ts']?.map((d) => d.id)).toContain('solver/jobs/kindRegistry.ts');
    const unresolved = Object.values(tree)
      .flatMap((deps) => deps ?? [])
      .filter((d) => d.request.startsWith('.') && !d.request.endsWith('.css') && d.id === null)
      .map((d) => `${d.issuer}: ${d.request}`);
    expect(unresolved).toEqual([]);
    expect(cycles(tree)).toEqual([]);
  });
});
