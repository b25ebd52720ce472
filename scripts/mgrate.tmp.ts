import { readFileSync } from 'node:fs';
import { validateScenario } from '../solver/scenario/validate.ts';
import { setAtPath } from '../solver/scenario/paths.ts';
import { loadLpBackend } from '../solver/lp/index.ts';
import { allMicrogridInputs } from '../solver/microgrid/inputs.ts';
import { solveP1 } from '../solver/microgrid/centralised.ts';
const lp = await loadLpBackend('highs');
for (const [line, r] of [JSON.parse(process.argv[2]!) as [number, number]]) {
  const v = validateScenario(setAtPath(JSON.parse(readFileSync('assets/scenarios/classroom-microgrids.ggs.json', 'utf8')), `network.lines[${line}].rateKva`, r));
  if (!v.ok) throw 0;
  try { console.log(line, r, solveP1(lp, v.value, allMicrogridInputs(v.value), true, 12).socialCost); } catch (e) { console.log(line, r, 'infeasible'); }
}
