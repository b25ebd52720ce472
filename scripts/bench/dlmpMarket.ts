/**
 * DLMP market benchmark (printed, not asserted; issue 19 items 2–4): what
 * one market clearing costs on the exact carbon-aware OPF (glpk and HiGHS,
 * the IEEE 33 DER sample's evening-peak LP re-solved in a session) against
 * one surrogate evaluation, and what one MATD3 step costs with each pricer
 * (two agents, the dlmp-learn job's default networks). The surrogate is
 * fitted on 200 samples with 100 epochs here (the job's default is 400 and
 * 300): its speed does not depend on how well it was fitted.
 * Run: `npm run bench -- dlmpMarket`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { loadLpBackend } from '../../solver/lp/backend.ts';
import { parseScenarioText } from '../../solver/scenario/validate.ts';
import { DlmpMarketEnv, ExactOpfPricer, drawState, type DlmpMarketSpec, type Pricer } from '../../solver/learn/dlmpMarket.ts';
import { fitSurrogate } from '../../solver/learn/surrogate.ts';
import { samplePrices } from '../../solver/learn/dlmpLearn.ts';
import { Matd3 } from '../../solver/learn/matd3.ts';
import { rngOf } from '../../solver/forecast/random.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const parsed = parseScenarioText(readFileSync(path.join(root, 'assets/scenarios/ieee33-der.ggs.json'), 'utf8'));
if (!parsed.ok) throw new Error('the DER sample does not validate');
const agent = (busId: string) => ({ busId, qMaxKw: 400, costPerKwh: 0.05, quadPerKw: 0.001 });
const spec: DlmpMarketSpec = { agents: [agent('18'), agent('33')], periods: [3, 12, 18], loadLow: 0.7, loadHigh: 0.8, carbonPricePerKg: 0.1, polygonSides: 12, stepsPerEpisode: 4 };
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 shared cores)`);

const perCall = (n: number, f: () => void) => {
  const t0 = performance.now();
  for (let k = 0; k < n; k++) f();
  return (performance.now() - t0) / n;
};
const clearings = (pricer: Pricer) => {
  const rng = rngOf(9);
  return perCall(200, () => pricer.prices(drawState(spec, rng), spec.agents.map((a) => rng.next() * a.qMaxKw)));
};
const matd3Step = (pricer: Pricer, exact: ExactOpfPricer) => {
  const env = new DlmpMarketEnv(spec, pricer, exact.agentBus, 1, 0.35, 1);
  const m = new Matd3(env, { warmup: 64 }, 1);
  while (m.steps < 64) m.trainEpisode(); // fill the replay buffer first: the steady cost includes the updates
  const from = m.steps, t0 = performance.now();
  while (m.steps < from + 100) m.trainEpisode();
  const ms = (performance.now() - t0) / (m.steps - from);
  m.dispose();
  return ms;
};

for (const backend of ['glpk', 'highs'] as const) {
  const exact = new ExactOpfPricer(parsed.value, spec, await loadLpBackend(backend));
  clearings(exact); // warm the sessions
  console.log(`exact OPF (${backend}): ${clearings(exact).toFixed(2)} ms per clearing (${exact.busIds.length} buses, 3 period LPs)`);
  if (backend === 'glpk') {
    const { surrogate } = fitSurrogate(spec, exact.busIds, samplePrices(exact, spec, 200, 1), { hidden: [64, 64], epochs: 100, batch: 32, lr: 3e-3 }, 1);
    console.log(`surrogate 64-64: ${clearings(surrogate).toFixed(2)} ms per evaluation`);
    console.log(`MATD3 step, two agents: ${matd3Step(surrogate, exact).toFixed(1)} ms on the surrogate, ${matd3Step(exact, exact).toFixed(1)} ms on the exact OPF (${backend})`);
    surrogate.dispose();
  }
  exact.dispose();
}
