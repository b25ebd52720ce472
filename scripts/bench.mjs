#!/usr/bin/env node
/**
 * `npm run bench`: runs every benchmark in scripts/bench/ (one file per model,
 * .ts through tsx, .mjs through node) one after the other, so their timings do
 * not disturb each other. Benchmarks print their figures; nothing is asserted.
 * Add a benchmark by adding a file; `npm run bench -- opf` runs only matching ones.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'scripts/bench');
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => /\.(ts|mjs)$/.test(f) && !f.endsWith('.d.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n== ${f}`);
  const [cmd, args] = f.endsWith('.ts') ? [process.execPath, ['--import', 'tsx', path.join(dir, f)]] : [process.execPath, [path.join(dir, f)]];
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
