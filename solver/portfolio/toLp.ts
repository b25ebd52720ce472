/**
 * `toLp` stage of the portfolio job: the CVaR portfolio LP of Rockafellar &
 * Uryasev ("Optimization of conditional value-at-risk", Journal of Risk 2(3),
 * 2000, §3), over S equally likely scenarios:
 *
 *   min  (1/S) Σ_s cost_s + λ·(η + Σ_s z_s / ((1−α)S))            (risk weight λ)
 *   or   min (1/S) Σ_s cost_s  s.t.  η + Σ_s z_s / ((1−α)S) ≤ L     (CVaR limit L)
 *   s.t. z_s ≥ cost_s − η,  z_s ≥ 0,  minKw_c ≤ x_c ≤ maxKw_c,  Y_t = Σ_c δ_c(t)·x_c
 *
 * cost_s has no variable of its own: cost_s = k_s + Σ_c g_sc·x_c + Σ_t 2h·Δt·b_st. The
 * spot position n = D − Y costs (p−h)·n + 2h·max(n, 0), so a purchase variable
 * b_st ≥ D_st − Y_t, b_st ≥ 0 is needed only where the sign of n can change:
 * h > 0 and D_st strictly inside the range Y_t may take. Elsewhere the position
 * is always short (pays p+h) or always long (receives p−h), linear in x. With
 * λ = 0 there is no η or z at all.
 *
 * The range of Y_t is the contracts' [least, most] delivery, optionally cut to
 * a `box` (a trust region, see solveLp.ts): then far fewer scenario-periods
 * are ambiguous, and Y_t's bounds tell whether the box held the answer back.
 * Y_t is a column of its own so each b row has two non-zeros, not 1 + C.
 */
import { LpModel, type LpRow, type LpVar } from '../lp/model.ts';
import type { PortfolioProblem, RiskTarget } from './problem.ts';

export interface PortfolioLp {
  model: LpModel;
  /** x_c per contract, kW */
  volumes: LpVar[];
  /** Y_t: contracted delivery per period, kW */
  delivered: LpVar[];
  /** η (the LP's VaR) and z_s, present when the LP carries the CVaR */
  eta: LpVar | null;
  tails: LpVar[];
  limitRow: LpRow | null;
  /** how many scenario-periods got a spot purchase variable */
  spotVariables: number;
  alpha: number;
}

/** Least and most the contracts can deliver in each period, kW. */
export function deliveryRange(problem: PortfolioProblem): { least: Float64Array; most: Float64Array } {
  const T = problem.scenarios.T;
  const least = new Float64Array(T), most = new Float64Array(T);
  for (const c of problem.contracts)
    for (let t = 0; t < T; t++) {
      least[t]! += c.delivery[t]! * c.minKw;
      most[t]! += c.delivery[t]! * c.maxKw;
    }
  return { least, most };
}

/** A range for Y_t inside [least, most]. */
export interface DeliveryBox {
  lo: Float64Array;
  hi: Float64Array;
}

export function toLp(problem: PortfolioProblem, risk: RiskTarget, box?: DeliveryBox): PortfolioLp {
  const { scenarios: set, contracts, halfSpread: h, alpha } = problem;
  const { S, T, dtHours: dt } = set;
  const C = contracts.length;
  const withCvar = 'cvarLimit' in risk || risk.lambda > 0;
  const lambda = 'lambda' in risk ? risk.lambda : 0;
  const tailWeight = 1 / ((1 - alpha) * S);
  const range = deliveryRange(problem);
  const lo = box?.lo ?? range.least, hi = box?.hi ?? range.most;

  const model = new LpModel('portfolio');
  const volumes = contracts.map((c) => model.addVar(`x_${c.id}`, { lb: c.minKw, ub: c.maxKw, origin: { kind: 'contract', id: c.id } }));
  const delivered = Array.from({ length: T }, (_, t) => model.addVar(`y_${t}`, { lb: lo[t]!, ub: hi[t]! }));
  for (let t = 0; t < T; t++) {
    const terms: [LpVar, number][] = [[delivered[t]!, 1]];
    contracts.forEach((c, k) => terms.push([volumes[k]!, -c.delivery[t]!]));
    model.addRow(`delivery_${t}`, terms, { eq: 0 });
  }
  const eta = withCvar ? model.addVar('eta', { lb: -Infinity, cost: lambda }) : null;

  const volumeCost = contracts.map((c) => c.pricePerKwh * c.delivery.reduce((sum, d) => sum + d, 0) * dt);
  const g = new Float64Array(C); // g_sc of the current scenario
  const expectedVolumeCost = new Float64Array(C);
  const buyCost = 2 * h * dt;
  const tails: LpVar[] = [];
  const spot: LpVar[] = [];
  let constant = 0, spotVariables = 0;
  for (let s = 0; s < S; s++) {
    g.set(volumeCost);
    let k_s = 0;
    spot.length = 0;
    for (let t = 0; t < T; t++) {
      const i = s * T + t;
      const p = set.pricePerKwh[i]!, d = set.demandKw[i]!;
      const alwaysShort = d >= hi[t]!;
      const q = alwaysShort ? p + h : p - h; // price of the linear part
      k_s += q * d * dt;
      for (let c = 0; c < C; c++) g[c]! -= q * contracts[c]!.delivery[t]! * dt;
      if (h > 0 && !alwaysShort && d > lo[t]!) {
        const b = model.addVar(`b_${s}_${t}`, { cost: buyCost / S });
        model.addRow(`short_${s}_${t}`, [[b, 1], [delivered[t]!, 1]], { lb: d }); // b ≥ D − Y
        spot.push(b);
        spotVariables++;
      }
    }
    constant += k_s / S;
    for (let c = 0; c < C; c++) expectedVolumeCost[c]! += g[c]! / S;
    if (eta !== null) {
      // z_s + η − g_s·x − Σ 2hΔt·b ≥ k_s
      const z = model.addVar(`z_${s}`, { cost: lambda * tailWeight });
      tails.push(z);
      const n = 2 + C + spot.length;
      const vars = new Int32Array(n), coefs = new Float64Array(n);
      vars[0] = z, coefs[0] = 1;
      vars[1] = eta, coefs[1] = 1;
      for (let c = 0; c < C; c++) (vars[2 + c] = volumes[c]!), (coefs[2 + c] = -g[c]!);
      spot.forEach((b, j) => ((vars[2 + C + j] = b), (coefs[2 + C + j] = -buyCost)));
      model.addRow(`tail_${s}`, { vars, coefs }, { lb: k_s });
    }
  }
  volumes.forEach((x, c) => model.setCost(x, expectedVolumeCost[c]!));
  model.setObjective('min', constant);

  let limitRow: LpRow | null = null;
  if ('cvarLimit' in risk && eta !== null) {
    const vars = [eta, ...tails], coefs = [1, ...tails.map(() => tailWeight)];
    limitRow = model.addRow('cvar_limit', { vars, coefs }, { ub: risk.cvarLimit }, { kind: 'cvar-limit' });
  }
  return { model, volumes, delivered, eta, tails, limitRow, spotVariables, alpha };
}

/** The LP's own CVaR, η + Σ z_s/((1−α)S); null when the model carries none. */
export function lpCvar(lp: PortfolioLp, x: ArrayLike<number>): number | null {
  if (lp.eta === null) return null;
  let sum = 0;
  for (const z of lp.tails) sum += x[z]!;
  return x[lp.eta]! + sum / ((1 - lp.alpha) * lp.tails.length);
}
