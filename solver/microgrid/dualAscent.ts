/**
 * The `dual-ascent` job (MODELS.md §7, "Dual ascent with differential
 * privacy"): the microgrids trade in one P2P pool per period; the operator
 * prices the pool's energy balance Σ_i q_i,t = 0 by dual ascent.
 *
 * Each microgrid answers a price λ (currency/kWh) with
 *   q_i(λ) = argmin C_i + Σ_t (λ_t·Δt·q_i,t + β/2·q_i,t²)
 * (its own model, addMicrogrid, with one "pool" partner at the mean of its
 * partners' trading costs; β makes the answer unique and the dual function
 * smooth; poolResponse.ts solves it, a QP hot-started per microgrid). The dual gradient is Δt·Σ_i q_i; each q_i moves by at most Δt/β
 * per unit of λ, so L = N·Δt²/β and the step 1/L gives
 *   λ ← y + β/(N·Δt) · Σ_i report_i,    y = λ_k + (k−1)/(k+2)·(λ_k − λ_{k−1})  (Nesterov, when accelerated)
 * Reports are the true responses plus Laplace noise of scale Δ/ε per period
 * (the Laplace mechanism, Dwork et al. 2006), drawn from the job's seed. The
 * oracle is the same regularised problem solved centrally (cutting planes on
 * the quadratic terms, outerApproximation.ts); its balance duals are the
 * optimal prices.
 *
 * Prices and reports travel over the simulated message network
 * (microgridCoordination.communication, messages.ts; links `adn>mg` for the
 * price, `mg>adn` for the report): a microgrid answers the newest price it
 * has received, the operator sums the newest report it has from each (0
 * before the first). Over a perfect network this is plain dual ascent.
 */
import type { JobDefinition, JobGenerator } from '../jobs/types.ts';
import type { DualAscentData, DualAscentIteration, DualAscentOptions } from '../jobs/kinds/dualAscent.ts';
import { SolverError } from '../jobs/errors.ts';
import type { LpBackend } from '../lp/backend.ts';
import { LpModel, type LpVar } from '../lp/model.ts';
import type { Scenario } from '../scenario/schema.ts';
import { createRng } from '../whatif/random.ts';
import { allMicrogridInputs, type MicrogridInputs } from './inputs.ts';
import { addMicrogrid, microgridCost, type MicrogridVars } from './model.ts';
import { solveAlone } from './centralised.ts';
import { solveByCuts } from './outerApproximation.ts';
import { poolResponder, type PoolResponder } from './poolResponse.ts';
import { describeMicrogridSuspect } from './dispatch.ts';
import { coordinationOf } from './bargainingJob.ts';
import { isPerfect, messageNetwork } from './messages.ts';
import { OPERATOR_ENDPOINT } from '../scenario/microgridChecks.ts';

const POOL = 'pool';

/**
 * The microgrid with its partners replaced by one pool at the mean of their trading costs. The pool
 * trade is boxed at ten times the microgrid's largest own power (load, PV, generator, battery): the
 * cutting planes need finite bounds, and a trade that large is never worth its β/2·q².
 */
function pooled(mg: MicrogridInputs): MicrogridInputs {
  const cost = mg.partners.length > 0 ? mg.partners.reduce((s, p) => s + p.costPerKwh, 0) / mg.partners.length : 0;
  const own = Math.max(...mg.loadKw) + Math.max(...mg.pvAvailableKw) + (mg.generator?.pMaxKw ?? 0) + (mg.battery?.kw ?? 0);
  return { ...mg, partners: [{ id: POOL, costPerKwh: cost, maxKw: 10 * Math.max(own, 1) }] };
}

/** Σ C_i + β/2·Σ q² over the given solutions. */
function totalCost(vars: readonly MicrogridVars[], xs: readonly ArrayLike<number>[], beta: number): number {
  return vars.reduce((s, v, i) => s + microgridCost(v, xs[i]!) + v.trades.get(POOL)!.reduce((a, q) => a + 0.5 * beta * xs[i]![q]! ** 2, 0), 0);
}

/** Laplace(0, b) from a uniform draw, by inverting its distribution function. */
function laplace(u: number, b: number): number {
  const v = u - 0.5;
  return -b * Math.sign(v) * Math.log(1 - 2 * Math.abs(v));
}

function* run(s: Scenario, options: DualAscentOptions, lp: LpBackend, seed: number): JobGenerator<'dual-ascent'> {
  if (s.microgrids.length < 2) throw new SolverError({ code: 'invalid-scenario', message: `microgrids: a pool needs at least two microgrids, the scenario has ${s.microgrids.length}`, path: 'microgrids' });
  const inputs = allMicrogridInputs(s).map(pooled);
  const { T, dtHours: dt } = s.time;
  const N = inputs.length;
  const beta = options.regularisation;
  const coord = coordinationOf(s);
  const privacy = coord.privacy;
  const noise = options.privacy ? privacy.sensitivityKw / privacy.epsilon : 0;

  yield { fraction: 0.02, stage: 'each microgrid alone' };
  const alone = solveAlone(lp, allMicrogridInputs(s));

  yield { fraction: 0.05, stage: 'oracle: the pool solved centrally' };
  const oracle = new LpModel('dual-ascent oracle');
  const ovars = inputs.map((mg) => addMicrogrid(oracle, mg));
  for (const v of ovars) for (const q of v.trades.get(POOL)!) oracle.setQuadraticCost(q, beta);
  const balance = Array.from({ length: T }, (_, t) => oracle.addRow(`pool_balance_t${t}`, ovars.map((v): [LpVar, number] => [v.trades.get(POOL)![t]!, 1]), { eq: 0 }));
  oracle.setObjective('min');
  const cut = solveByCuts(oracle, lp, 1e-9, { describe: describeMicrogridSuspect });
  const optimumCost = totalCost(ovars, ovars.map(() => cut.solution.x), beta);
  // rowDual = ∂cost/∂rhs = −ν for the multiplier ν = λ·Δt of Σq = 0
  const optimumPrice = balance.map((r) => -cut.solution.rowDuals[r]! / dt);

  // each microgrid's best response: HiGHS's QP hot-started in one session per microgrid (poolResponse.ts)
  const agents: PoolResponder[] = [];
  try {
    for (const mg of inputs) agents.push(poolResponder(mg, lp, { pool: POOL, beta, explain: { describe: describeMicrogridSuspect } }));
    const respond = (price: Float64Array) => agents.map((a) => a.respond(price));
    const poolOf = (i: number, x: ArrayLike<number>) => agents[i]!.vars.trades.get(POOL)!.map((q) => x[q]!);
    const rng = createRng(seed);
    // the message network draws from its own stream, so the privacy noise is the same whatever the links do
    const net = messageNetwork(coord.communication, (seed ^ 0x2545f491) | 0);
    const priceLink = (i: number) => `${OPERATOR_ENDPOINT}>${inputs[i]!.id}`, reportLink = (i: number) => `${inputs[i]!.id}>${OPERATOR_ENDPOINT}`;
    const step = beta / (N * dt);
    let lambda = new Float64Array(T), previous = new Float64Array(T);
    const iterations: DualAscentIteration[] = [];
    for (let k = 1; k <= options.maxIterations; k++) {
      const momentum = options.accelerated ? (k - 1) / (k + 2) : 0;
      const y = lambda.map((l, t) => l + momentum * (l - previous[t]!));
      // each microgrid answers the newest price it has (before the first arrives: 0, where the operator started)
      const xs = agents.map((a, i) => {
        net.post(priceLink(i), k, y);
        return a.respond(net.read(priceLink(i), k) ?? new Float64Array(T));
      });
      const sum = new Float64Array(T), reported = new Float64Array(T);
      xs.forEach((x, i) => {
        const report = new Float64Array(T);
        poolOf(i, x).forEach((q, t) => {
          sum[t]! += q;
          report[t] = q + (noise > 0 ? laplace(rng.next(), noise) : 0);
        });
        net.post(reportLink(i), k, report);
        const got = net.read(reportLink(i), k);
        if (got) got.forEach((v, t) => (reported[t]! += v));
      });
      previous = lambda;
      lambda = y.map((v, t) => v + step * reported[t]!);
      iterations.push({ k, reportedImbalanceKw: Math.max(...reported.map(Math.abs)), imbalanceKw: Math.max(...sum.map(Math.abs)), cost: totalCost(agents.map((a) => a.vars), xs, beta) });
      if (k % 20 === 0) yield { fraction: 0.1 + (0.85 * k) / options.maxIterations, stage: 'dual ascent', metrics: { iteration: k, imbalanceKw: iterations.at(-1)!.imbalanceKw } };
      if (noise === 0 && lambda.every((l, t) => Math.abs(l - previous[t]!) <= options.priceTolerance)) break;
    }
    const final = respond(lambda);
    const cost = totalCost(agents.map((a) => a.vars), final, beta);
    const imbalance = Array.from({ length: T }, (_, t) => Math.abs(final.reduce((s, x, i) => s + poolOf(i, x)[t]!, 0)));
    const maxImbalanceKw = Math.max(...imbalance);
    const relativeGap = Math.abs(cost - optimumCost) / Math.max(1e-9, Math.abs(optimumCost));
    const data: DualAscentData = {
      T,
      dtHours: dt,
      microgrids: inputs.map((mg, i) => {
        const { vars } = agents[i]!, x = final[i]!;
        return { id: mg.id, costAlone: alone[i]!.cost, cost: microgridCost(vars, x), poolKw: poolOf(i, x), adnBuyKw: vars.buy.map((v) => x[v]!), adnSellKw: vars.sell.map((v) => x[v]!) };
      }),
      pricePerKwh: Array.from(lambda),
      optimumPricePerKwh: optimumPrice,
      iterations,
      cost,
      optimumCost,
      relativeGap,
      maxImbalanceKw,
      epsilon: noise > 0 ? privacy.epsilon : null,
      noiseScaleKw: noise > 0 ? noise : null,
      ...(isPerfect(coord.communication) ? {} : { messages: net.stats() }),
    };
    return { data, certificate: { relativeGap, gapTolerance: options.gapTolerance, maxImbalanceKw, balanceToleranceKw: options.balanceToleranceKw, iterations: iterations.length } };
  } finally {
    for (const a of agents) a.dispose();
  }
}

export const dualAscentJob: JobDefinition<'dual-ascent'> = {
  kind: 'dual-ascent',
  verdict: (c) => {
    const reasons: string[] = [];
    if (c.relativeGap > c.gapTolerance) reasons.push(`the cost is ${c.relativeGap.toExponential(2)} (relative) from the centralised optimum, above ${c.gapTolerance}`);
    if (c.maxImbalanceKw > c.balanceToleranceKw) reasons.push(`the pool is out of balance by ${c.maxImbalanceKw.toFixed(3)} kW, above ${c.balanceToleranceKw} kW`);
    return { certified: reasons.length === 0, measure: 'relative welfare gap to the centralised optimum (and the pool imbalance)', value: c.relativeGap, tolerance: c.gapTolerance, reason: reasons.length === 0 ? null : reasons.join('; ') };
  },
  usesLp: true,
  lpBackend: 'highs',
  run(s, options, ctx) {
    if (!ctx.lp) throw new Error('dual-ascent needs a loaded HiGHS backend in ctx.lp');
    return run(s, options, ctx.lp, ctx.seed);
  },
};
