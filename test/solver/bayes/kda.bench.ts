/**
 * k-double auction timings: best-response time to equilibrium and
 * certificate time, from the linear and the truthful start. Printed, not asserted:
 *   npx tsx test/solver/bayes/kda.bench.ts [typePoints] [k]
 */
import { kdaGame, linearStrategies, truthfulStrategies, onActionGrid, defaultActionPoints, gainsFromTrade, efficientGainsFromTrade } from '../../../solver/auction/kDoubleAuction.ts';
import { typeProfiles } from '../../../solver/bayes/typeProfiles.ts';
import { maxDeviationGain } from '../../../solver/bayes/deviationGain.ts';
import { drain } from './support.ts';

const n = Number(process.argv[2] ?? 101);
const k = Number(process.argv[3] ?? 0.5);
const prior = Array<number>(n).fill(1);
const spec = { k, typePoints: n, min: 0, max: 1, buyerPrior: prior, sellerPrior: prior, actionPoints: defaultActionPoints(n) };
const game = kdaGame(spec);
const profiles = typeProfiles(game);
console.log(`k = ${k}, ${n} type points, ${spec.actionPoints} actions, efficient gains from trade ${efficientGainsFromTrade(spec).toFixed(6)}`);
for (const [name, start] of [['linear', linearStrategies(spec)], ['truthful', truthfulStrategies(spec)]] as const) {
  let t0 = performance.now();
  const { result } = drain(game, profiles, onActionGrid(spec, start));
  const solveMs = performance.now() - t0;
  t0 = performance.now();
  const c = maxDeviationGain(game, profiles, result.strategies, 4);
  const certMs = performance.now() - t0;
  const g = gainsFromTrade(spec, result.strategies);
  console.log(
    `${name.padEnd(8)} sweeps ${String(result.iterations).padStart(3)}  solve ${solveMs.toFixed(0).padStart(5)} ms  certificate ${certMs.toFixed(0).padStart(5)} ms  maxDeviationGain ${c.maxDeviationGain.toExponential(2)}  gains from trade ${g.expectedGainsFromTrade.toFixed(6)} (P(trade) ${g.tradeProbability.toFixed(4)})`,
  );
}
