/**
 * The bargaining's P1 solved by ADMM (Boyd et al., "Distributed
 * optimization and statistical learning via the alternating direction
 * method of multipliers", Found. Trends ML 3(1), 2011; consensus form, §7).
 *
 * Agents: every microgrid, and with the network the ADN operator, who holds
 * a copy ŷ_i of each microgrid's injection and the LinDistFlow rows. The
 * coupling constraints and their consensus values:
 *
 *   trade pair (i, j), period t:  p_ij = z_ij,  p_ji = −z_ij,  z_ij = (p_ij − p_ji)/2
 *   injection of i:               inj_i = w_i,  ŷ_i = w_i,      w_i = (inj_i + ŷ_i)/2
 *
 * Iteration k (all agents in parallel, each from its own last values):
 *   1. microgrid i: min C_i + Σ_j [λ_ij·p_ij + ρ/2·(p_ij − z_ij)²] + μ_i·inj_i + ρ/2·(inj_i − w_i)²
 *      ADN:         min Σ_i [μ̂_i·ŷ_i + ρ/2·(ŷ_i − w_i)²]  s.t. LinDistFlow
 *   2. each posts its proposal (p_ij to j; inj_i to the ADN; ŷ_i back to i) over the message network;
 *   3. each updates z (w) from its own value and the newest received one, and its multiplier:
 *      λ_ij += ρ·(p_ij − z_ij),  μ_i += ρ·(inj_i − w_i),  μ̂_i += ρ·(ŷ_i − w_i).
 * With a perfect network λ_ij = λ_ji: the price (per kW·period, ÷Δt per kWh)
 * the receiving microgrid pays the sending one. Agents exchange only trade
 * proposals and injections — never costs, loads or devices — and keep their
 * prices to themselves.
 *
 * Residuals (§3.3): r² = Σ over every copy of (copy − consensus)², s = ρ·‖consensus_k − consensus_{k−1}‖
 * over the copies; stop when r ≤ √n·ε_abs + ε_rel·max(‖copies‖, ‖consensus‖) and
 * s ≤ √n·ε_abs + ε_rel·‖multipliers‖. Residual balancing (§3.4.1): ρ ×2 when r > 10·s,
 * ÷2 when s > 10·r (the multipliers are unscaled, so they need no rescaling).
 * Each microgrid keeps its model for the whole run — re-solved from its last optimum's working set, with
 * a warm-started HiGHS session behind it — in this thread or in a worker (`AdmmSettings.steps`,
 * localSteps.ts): the coordinator below only prices the coupling variables and reads the answers back.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { LpBackend } from '../lp/backend.ts';
import type { LpVar } from '../lp/model.ts';
import type { MicrogridInputs } from './inputs.ts';
import { microgridCost, type MicrogridVars } from './model.ts';
import { adnAgent, type AdnAgent } from './adnAgent.ts';
import { dispatchOf, type MicrogridDispatch } from './dispatch.ts';
import { couplingVars, serialSteps, stepModel, type MicrogridSteps, type MicrogridStepsFactory } from './localSteps.ts';
import { tradePairs, type TradePair } from './centralised.ts';
import { isPerfect, messageNetwork, type LinkSettings, type MessageNetwork, type MessageStats } from './messages.ts';
import type { AdmmIteration } from './resultTypes.ts';

export interface AdmmSettings {
  rho: number;
  adaptiveRho: boolean;
  /** α of over-relaxation, 1 = plain ADMM */
  overRelaxation: number;
  maxIterations: number;
  epsAbs: number;
  epsRel: number;
  network: boolean;
  polygonSides: number;
  links: LinkSettings;
  seed: number;
  /**
   * Where the iteration starts: 'alone' (default) — every microgrid first solves on its own (trades fixed
   * at 0), proposes that injection and tells its partners its marginal cost; each pair's price starts at
   * the mean of the two, each consensus at the stand-alone point. 'zero' — every value and price at 0.
   */
  start?: 'alone' | 'zero';
  /** where the microgrids' local steps are solved; default `serialSteps` (this thread, one after the other) */
  steps?: MicrogridStepsFactory;
}

export { QP_TIME_LIMIT_SECONDS } from './localSteps.ts';

export type { AdmmIteration };

export interface AdmmResult {
  converged: boolean;
  iterations: number;
  history: AdmmIteration[];
  dispatch: MicrogridDispatch[];
  socialCost: number;
  pairs: TradePair[];
  /** per pair: consensus trade z_ab,t, kW (> 0: a receives from b) */
  tradesKw: number[][];
  /** per pair: the price a pays b per kWh, from a's multiplier */
  pricePerKwh: number[][];
  /** QP solves and their total time, ms */
  solves: number;
  solveMs: number;
  /** of which the ADN agent's solves */
  adnMs: number;
  /** the microgrids' steps answered from their last working set without HiGHS (localSteps.ts) */
  workingSetSolves: number;
  /** threads that solved the microgrids' steps side by side (`AdmmSettings.steps`) */
  stepThreads: number;
  /**
   * The run's solve time with one computer per agent: per round, the slowest agent's solve (the others
   * wait for its message), summed over the rounds, ms. The agents' solves are independent within a round,
   * so this is what the distributed run costs in solving; messages' travel time is not included.
   */
  criticalPathMs: number;
  messages: MessageStats;
  /** the α and residual balancing used (both off over lossy or delayed links) */
  overRelaxation: number;
  adaptiveRho: boolean;
}

interface MgAgent {
  vars: MicrogridVars;
  /** the variables its step request prices (localSteps.ts `couplingVars`) */
  coupling: LpVar[];
  /** per partner id: multiplier λ and consensus z (this agent's view) */
  lam: Map<string, Float64Array>;
  z: Map<string, Float64Array>;
  mu: Float64Array;
  w: Float64Array;
}

/**
 * Residual balancing changes ρ during the first iterations only: the convergence proofs assume
 * ρ fixed eventually (Boyd et al. §3.4.1), and later changes kept the residuals from settling.
 */
export const ADAPT_ITERATIONS = 200;

const concat = (a: Float64Array, b: Float64Array) => {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

const norm2 = (a: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
  return s;
};

/**
 * Round 0 of the 'alone' start. Each microgrid solves its own model with its trades fixed at 0 (in its
 * ADMM session, which keeps the basis), and then: its proposal is the stand-alone point (z = 0; its
 * injection to the ADN as w), and the non-owner of each pair sends the owner its marginal cost (the
 * balance rows' duals, per kW·period), the owner starting the pair's price at the mean of the two —
 * where neither side has reason to trade more than the other wants. Messages go over the network like
 * any other: a lost or late price leaves the owner with its own marginal cost, a lost injection the ADN
 * with w = 0. Nothing central is solved.
 */
function aloneStart(steps: MicrogridSteps, mgs: MgAgent[], adn: AdnAgent | null, net: MessageNetwork, index: Map<string, number>, T: number): { solves: number; solveMs: number; slowestMs: number } {
  let solveMs = 0, slowestMs = 0;
  const answers = steps.alone(mgs.map((_, i) => i));
  const marginal = mgs.map((a, i) => {
    const sol = answers[i]!;
    solveMs += sol.solveMs;
    slowestMs = Math.max(slowestMs, sol.solveMs);
    const injection = Float64Array.from(a.vars.injection, (v) => sol.x[v]!);
    a.w.set(injection);
    if (adn) net.post(`${a.vars.id}>adn`, 0, injection);
    return sol.balanceDuals!;
  });
  mgs.forEach((a, i) => {
    for (const j of a.vars.trades.keys()) if (index.get(j)! < i) net.post(`${a.vars.id}>${j}:price`, 0, marginal[i]!);
  });
  mgs.forEach((a, i) => {
    for (const [j, lam] of a.lam) {
      const owner = i < index.get(j)!;
      // the non-owner learns the price with the owner's first reply; until then it prices at its own cost
      const theirs = owner ? net.read(`${j}>${a.vars.id}:price`, 0) : undefined;
      for (let t = 0; t < T; t++) lam[t] = theirs ? (marginal[i]![t]! + theirs[t]!) / 2 : marginal[i]![t]!;
    }
  });
  if (adn)
    mgs.forEach((a, i) => {
      const got = net.read(`${a.vars.id}>adn`, 0);
      if (got) adn.w[i]!.set(got);
    });
  return { solves: mgs.length, solveMs, slowestMs };
}

/** ADMM over warm sessions; yields every iteration, returns the last iterate whether it converged or not. Sessions are disposed at the end. */
export function* admm(lp: LpBackend, scenario: Scenario, inputs: readonly MicrogridInputs[], settings: AdmmSettings): Generator<AdmmIteration, AdmmResult, void> {
  const T = scenario.time.T, dt = scenario.time.dtHours;
  const pairs = tradePairs(inputs);
  const index = new Map(inputs.map((mg, i) => [mg.id, i]));
  const net = messageNetwork(settings.links, settings.seed);
  const disposers: (() => void)[] = [];
  try {
    // the coordinator's own copy of each model, for the variables' indices (the steps build the same)
    const mgs: MgAgent[] = inputs.map((mg) => {
      const { vars } = stepModel(mg);
      const lam = new Map<string, Float64Array>(), z = new Map<string, Float64Array>();
      for (const j of vars.trades.keys()) lam.set(j, new Float64Array(T)), z.set(j, new Float64Array(T));
      return { vars, coupling: couplingVars(vars, settings.network), lam, z, mu: new Float64Array(T), w: new Float64Array(T) };
    });
    const steps = (settings.steps ?? serialSteps)(lp, inputs, settings.network);
    disposers.push(() => steps.dispose());
    const adn: AdnAgent | null = settings.network ? adnAgent(lp, scenario, inputs, settings.polygonSides) : null;
    if (adn) disposers.push(() => adn.dispose());
    let solves = 0, solveMs = 0, adnMs = 0, criticalPathMs = 0, workingSetSolves = 0;

    if ((settings.start ?? 'alone') === 'alone') {
      const started = aloneStart(steps, mgs, adn, net, index, T);
      solves += started.solves;
      solveMs += started.solveMs;
      criticalPathMs += started.slowestMs;
    }

    let rho = settings.rho;
    // over stale messages, over-relaxation and ρ changes the agents learn of at different times
    // made the iteration diverge (observed on the classroom sample at 30 % loss): plain ADMM, fixed ρ
    const lossy = !isPerfect(settings.links);
    const alpha = lossy ? 1 : settings.overRelaxation;
    const adaptive = settings.adaptiveRho && !lossy;
    const history: AdmmIteration[] = [];
    let x: Float64Array[] = [];
    let adnCopies: Float64Array[] = [];
    // the true consensus values of the last iteration, for the dual residual
    let prevZ: Float64Array[] = pairs.map(() => new Float64Array(T));
    let prevW: Float64Array[] = inputs.map((_, i) => (adn ? Float64Array.from(adn.w[i]!) : new Float64Array(T)));
    let converged = false;
    let k = 0;
    const copyCount = 2 * T * (pairs.length + (adn ? inputs.length : 0));

    while (k < settings.maxIterations) {
      k++;
      // 1. local solves: each microgrid's linear costs λ − ρ·z on its trades (partner by partner), μ − ρ·w on its injection
      let slowestMs = 0;
      const requests = mgs.map((a, index) => {
        const linear = new Float64Array(a.coupling.length);
        let at = 0;
        for (const j of a.vars.trades.keys()) {
          const lam = a.lam.get(j)!, z = a.z.get(j)!;
          for (let t = 0; t < T; t++) linear[at++] = lam[t]! - rho * z[t]!;
        }
        if (adn) for (let t = 0; t < T; t++) linear[at++] = a.mu[t]! - rho * a.w[t]!;
        return { index, linear, rho };
      });
      x = steps.step(requests).map((sol) => {
        solves++, (solveMs += sol.solveMs);
        if (sol.via === 'working-set') workingSetSolves++;
        slowestMs = Math.max(slowestMs, sol.solveMs);
        return sol.x;
      });
      if (adn) {
        const before = adn.qpMs;
        adnCopies = adn.solve(rho);
        adnMs += adn.qpMs - before;
        solveMs += adn.qpMs - before;
        slowestMs = Math.max(slowestMs, adn.qpMs - before);
      }
      criticalPathMs += slowestMs;

      // 2–3. messages and updates. Each coupling has one owner that keeps its consensus value and
      // multiplier: the lower-indexed microgrid of a trading pair, the ADN for an injection. The other
      // side sends its proposal; the owner updates from it (over-relaxed, Boyd §3.4.3: α·copy + (1 − α)·
      // previous consensus) and sends back (multiplier, consensus). A lost or late message leaves the
      // receiver with the newest one it has; one owner per multiplier keeps both sides' prices the same.
      const tradeOf = (i: number, j: string) => Float64Array.from(mgs[i]!.vars.trades.get(j)!, (v) => x[i]![v]!);
      const injOf = (i: number) => Float64Array.from(mgs[i]!.vars.injection, (v) => x[i]![v]!);
      const copyOf = (i: number) => adnCopies[i]!;
      const owns = (i: number, j: string) => i < index.get(j)!;
      mgs.forEach((a, i) => {
        for (const j of a.vars.trades.keys()) if (!owns(i, j)) net.post(`${a.vars.id}>${j}`, k, tradeOf(i, j));
        if (adn) net.post(`${a.vars.id}>adn`, k, injOf(i));
      });
      const relax = (own: Float64Array, other: ArrayLike<number> | undefined, sign: 1 | -1, z: Float64Array, lam: Float64Array) => {
        for (let t = 0; t < T; t++) {
          const mine = alpha * own[t]! + (1 - alpha) * z[t]!;
          z[t] = (alpha * (own[t]! + sign * (other?.[t] ?? 0))) / 2 + (1 - alpha) * z[t]!;
          lam[t]! += rho * (mine - z[t]!);
        }
      };
      mgs.forEach((a, i) => {
        for (const j of a.vars.trades.keys()) {
          if (!owns(i, j)) continue;
          const z = a.z.get(j)!, lam = a.lam.get(j)!;
          // the partner's copy of the consensus is −p_ji
          relax(tradeOf(i, j), net.read(`${j}>${a.vars.id}`, k), -1, z, lam);
          net.post(`${a.vars.id}>${j}`, k, concat(lam, z));
        }
      });
      if (adn)
        inputs.forEach((mg, i) => {
          relax(copyOf(i), net.read(`${mg.id}>adn`, k), 1, adn!.w[i]!, adn!.muHat[i]!);
          net.post(`adn>${mg.id}`, k, concat(adn!.muHat[i]!, adn!.w[i]!));
        });
      mgs.forEach((a, i) => {
        for (const j of a.vars.trades.keys()) {
          if (owns(i, j)) continue;
          const got = net.read(`${j}>${a.vars.id}`, k);
          if (!got) continue;
          // the owner's multiplier prices this side's receipt the same way; its consensus is −z
          a.lam.get(j)!.set(got.subarray(0, T));
          a.z.get(j)!.set(got.subarray(T).map((v) => -v));
        }
        const got = adn ? net.read(`adn>${a.vars.id}`, k) : undefined;
        if (got) {
          // the two copies' multipliers sum to zero: μ_i = −μ̂_i
          a.mu.set(got.subarray(0, T).map((v) => -v));
          a.w.set(got.subarray(T));
        }
      });

      // 4. residuals: primal on the true proposals (an observer's view); dual on the consensus as the agents hold it
      let r2 = 0, s2 = 0, xNorm = 0, zNorm = 0, yNorm = 0;
      const zNow = pairs.map(({ a, b }) => {
        const pa = tradeOf(a, inputs[b]!.id), pb = tradeOf(b, inputs[a]!.id);
        pa.forEach((v, t) => {
          r2 += 2 * ((v + pb[t]!) / 2) ** 2;
          xNorm += v * v + pb[t]! * pb[t]!;
        });
        return Float64Array.from(mgs[a]!.z.get(inputs[b]!.id)!);
      });
      const wNow = adn
        ? inputs.map((_, i) => {
            const inj = injOf(i), copy = copyOf(i);
            inj.forEach((v, t) => {
              r2 += 2 * ((v - copy[t]!) / 2) ** 2;
              xNorm += v * v + copy[t]! * copy[t]!;
            });
            return Float64Array.from(adn.w[i]!);
          })
        : [];
      zNow.forEach((z, p) => ((s2 += 2 * norm2(z.map((v, t) => v - prevZ[p]![t]!))), (zNorm += 2 * norm2(z))));
      wNow.forEach((w, i) => ((s2 += 2 * norm2(w.map((v, t) => v - prevW[i]![t]!))), (zNorm += 2 * norm2(w))));
      // every multiplier counted once per copy: λ twice per pair, μ̂ twice per injection
      pairs.forEach(({ a, b }) => (yNorm += 2 * norm2(mgs[a]!.lam.get(inputs[b]!.id)!)));
      if (adn) for (const m of adn.muHat) yNorm += 2 * norm2(m);
      prevZ = zNow;
      prevW = wNow;
      const primal = Math.sqrt(r2), dual = rho * Math.sqrt(s2);
      const root = Math.sqrt(Math.max(1, copyCount));
      const epsPrimal = root * settings.epsAbs + settings.epsRel * Math.sqrt(Math.max(xNorm, zNorm));
      const epsDual = root * settings.epsAbs + settings.epsRel * Math.sqrt(yNorm);
      const socialCost = mgs.reduce((s, a, i) => s + microgridCost(a.vars, x[i]!), 0);
      const it: AdmmIteration = { k, primal, dual, epsPrimal, epsDual, rho, socialCost };
      history.push(it);
      yield it;
      if (k > 1 && primal <= epsPrimal && dual <= epsDual) {
        converged = true;
        break;
      }
      if (adaptive && k <= ADAPT_ITERATIONS) {
        if (primal > 10 * dual) rho *= 2;
        else if (dual > 10 * primal) rho /= 2;
      }
    }

    const dispatch = mgs.map((a, i) => dispatchOf(a.vars, x[i]!));
    return {
      converged,
      iterations: k,
      history,
      dispatch,
      socialCost: dispatch.reduce((s, d) => s + d.cost, 0),
      pairs,
      tradesKw: prevZ.map((z) => Array.from(z)),
      pricePerKwh: pairs.map(({ a, b }) => Array.from(mgs[a]!.lam.get(inputs[b]!.id)!, (l) => l / dt)),
      solves: solves + (adn?.qpSolves ?? 0),
      solveMs,
      adnMs,
      workingSetSolves,
      stepThreads: steps.threads,
      criticalPathMs,
      messages: net.stats(),
      overRelaxation: alpha,
      adaptiveRho: adaptive,
    };
  } finally {
    for (const d of disposers) d();
  }
}
