import { readFileSync } from 'node:fs';
import { validateScenario } from '../solver/scenario/validate.ts';
import { loadLpBackend } from '../solver/lp/index.ts';
import { allMicrogridInputs } from '../solver/microgrid/inputs.ts';
import { admm } from '../solver/microgrid/admm.ts';
const v = validateScenario(JSON.parse(readFileSync('assets/scenarios/classroom-microgrids.ggs.json', 'utf8')));
if (!v.ok) throw 0;
const s = v.value;
const lp = await loadLpBackend('highs');
const it = admm(lp, s, allMicrogridInputs(s), { rho: 0.01, adaptiveRho: process.env.ADAPT !== '0', overRelaxation: Number(process.env.ALPHA ?? 1.6), maxIterations: 3000, epsAbs: 1e-4, epsRel: 1e-6, network: true, polygonSides: 12, links: { lossProbability: Number(process.argv[2]), maxDelayIterations: Number(process.argv[3]) }, seed: 7 });
try {
for (;;) { const st = it.next(); if (st.done) { console.log('done', st.value.converged, st.value.iterations); break; } const h = st.value; if (h.k % 25 === 0 || h.k < 4) console.log(h.k, h.primal.toExponential(2), h.dual.toExponential(2), h.rho, h.socialCost.toFixed(3)); }
} catch (e) { console.log('ERR', (e as Error).message); }
