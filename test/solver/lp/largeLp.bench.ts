/**
 * Build and solve timings of a large LP with each backend and with native
 * glpsol on its exported file. Printed, not asserted:
 *   npx tsx test/solver/lp/largeLp.bench.ts [T] [G]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LP_BACKENDS, loadLpBackend } from '../../../solver/lp/backend.ts';
import { lpCertificate } from '../../../solver/lp/certificate.ts';
import { toCplexLp } from '../../../solver/lp/lpFormat.ts';
import { relDiff, storageDispatch } from './fixtures.ts';

const T = Number(process.argv[2] ?? 2000), G = Number(process.argv[3] ?? 22);
let t0 = performance.now();
const model = storageDispatch(T, G);
console.log(`build: ${model.varCount} vars, ${model.rowCount} rows, ${model.nonzeroCount} non-zeros in ${(performance.now() - t0).toFixed(0)} ms`);
t0 = performance.now();
const text = toCplexLp(model);
console.log(`toCplexLp: ${(text.length / 1e6).toFixed(1)} MB in ${(performance.now() - t0).toFixed(0)} ms`);

const objectives: Record<string, number> = {};
for (const name of LP_BACKENDS) {
  t0 = performance.now();
  const backend = await loadLpBackend(name);
  const loadMs = performance.now() - t0;
  const solution = backend.solve(model);
  const cert = lpCertificate(model, solution);
  objectives[name] = solution.objective;
  console.log(`${name}: load ${loadMs.toFixed(0)} ms, solve ${solution.solveMs.toFixed(0)} ms, ${cert.status}, objective ${solution.objective}, max primal violation ${cert.maxPrimalViolation.toExponential(1)}, duality gap ${cert.dualityGap.toExponential(1)}`);
}
if (existsSync('/usr/bin/glpsol')) {
  const dir = mkdtempSync(join(tmpdir(), 'ggs-lp-bench-'));
  writeFileSync(join(dir, 'large.lp'), text);
  t0 = performance.now();
  execFileSync('/usr/bin/glpsol', ['--lp', join(dir, 'large.lp'), '-w', join(dir, 'large.sol')], { stdio: 'pipe' });
  const ms = performance.now() - t0;
  const objective = Number(/^s bas \d+ \d+ \w \w (\S+)/m.exec(readFileSync(join(dir, 'large.sol'), 'utf8'))![1]);
  console.log(`glpsol (native, whole process incl. reading the file): ${ms.toFixed(0)} ms, objective ${objective}, vs glpk.js ${relDiff(objective, objectives.glpk!).toExponential(1)} relative`);
  rmSync(dir, { recursive: true, force: true });
}
console.log(`glpk vs HiGHS objective: ${relDiff(objectives.glpk!, objectives.highs!).toExponential(1)} relative`);
