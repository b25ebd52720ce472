import { portfolioScenario, validScenario } from '../test/solver/portfolio/fixtures.ts';
import { preparePortfolio } from '../solver/portfolio/problem.ts';
import { toLp } from '../solver/portfolio/toLp.ts';
import { solvePortfolio } from '../solver/portfolio/solveLp.ts';
import { loadLpBackend } from '../solver/lp/backend.ts';
const S = Number(process.argv[2] ?? 1000);
const backend = await loadLpBackend((process.argv[3] ?? 'highs') as 'highs');
const prepared = preparePortfolio(validScenario(portfolioScenario({ S })), 1);
let t0 = performance.now();
const full = toLp(prepared.problem, prepared.risk);
console.log('full build', (performance.now() - t0).toFixed(0), 'ms rows', full.model.rowCount, 'spot', full.spotVariables);
if (process.argv[4] === 'full') { t0 = performance.now(); const s = backend.solve(full.model); console.log('full solve', (performance.now() - t0).toFixed(0), s.status, s.objective); }
t0 = performance.now();
const r = solvePortfolio(prepared.problem, prepared.risk, backend);
console.log('box solve', (performance.now() - t0).toFixed(0), 'rounds', r.rounds, 'rows', r.lp.model.rowCount, 'spot', r.lp.spotVariables, r.solution.objective);
