import { readFileSync } from 'node:fs';
import { validateScenario } from '/work/wt/microgrids/solver/scenario/validate.ts';
import { loadLpBackend } from '/work/wt/microgrids/solver/lp/index.ts';
import { allMicrogridInputs } from '/work/wt/microgrids/solver/microgrid/inputs.ts';
import { solveP1 } from '/work/wt/microgrids/solver/microgrid/centralised.ts';
import { admm } from '/work/wt/microgrids/solver/microgrid/admm.ts';
const file = process.argv[2]!;
const rho = Number(process.argv[3] ?? 0.01);
const network = process.argv[4] !== 'nonet';
const v = validateScenario(JSON.parse(readFileSync(file, 'utf8')));
if (!v.ok) throw new Error(JSON.stringify(v.issues));
const s = v.value;
const lp = await loadLpBackend('highs');
const inputs = allMicrogridInputs(s);
let t0 = performance.now();
const p1 = solveP1(lp, s, inputs, network, 12);
console.log("P1", p1.cutRounds, p1.socialCost, (performance.now() - t0).toFixed(0), 'ms');
t0 = performance.now();
const it = admm(lp, s, inputs, { rho, adaptiveRho: process.env.ADAPT !== '0', overRelaxation: Number(process.env.ALPHA ?? 1.6), maxIterations: 3000, epsAbs: Number(process.env.EA ?? 1e-3), epsRel: Number(process.env.ER ?? 1e-5), network, polygonSides: 12, links: { lossProbability: 0, maxDelayIterations: 0 }, seed: 1 });
let first = -1;
for (;;) {
  const st = it.next();
  if (st.done) { console.log('done', 'gap', (Math.abs(st.value.socialCost - p1.socialCost) / p1.socialCost).toExponential(2), st.value.converged, st.value.iterations, 'solveMs', st.value.solveMs.toFixed(0), 'adn', st.value.adnMs.toFixed(0), 'total', (performance.now() - t0).toFixed(0)); break; }
  const h = st.value;
  const gap = Math.abs(h.socialCost - p1.socialCost) / p1.socialCost;
  if (first < 0 && gap < 1e-4 && h.primal < 0.05) first = h.k;
  if (h.k % 50 === 0 || h.k < 5) console.log(h.k, 'r', h.primal.toExponential(2), 's', h.dual.toExponential(2), 'epsP', h.epsPrimal.toExponential(2), 'epsD', h.epsDual.toExponential(2), 'rho', h.rho, 'gap', gap.toExponential(2));
}
console.log('first gap<1e-4 & r<0.05 at', first);
