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
 * The range of Y_t is the contracts' [least, most] delivery. Y_t is a column
 * of its own so each b row has two non-zeros, not 1 + C.
 *
 * This is the model `ggs export-lp` writes and the one the job's answer is
 * the optimum of; the job itself reaches that optimum through a much smaller
 * cutting-plane master (master.ts, solveLp.ts) that borrows `scenarioTerms`.
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

/** How the master treats an ambiguous scenario-period (one whose spot position can be long or short). */
export const SpotMode = {
  /** linear at the sale price p − h: a lower bound of the cost, exact where the position is long */
  Long: 0,
  /** linear at the purchase price p + h: a lower bound, exact where it is short */
  Short: 1,
  /** exact everywhere: a purchase variable b ≥ D − Y, b ≥ 0 */
  Exact: 2,
} as const;

/**
 * Scenario s's cost as k_s + Σ_c g_c·x_c + 2hΔt·Σ_{t ∈ exact} b_t: fills `g` (length C) and `exact`
 * (the periods that need a purchase variable) and returns k_s. A period whose demand is at or above the most
 * the contracts can deliver is always short (p + h), at or below the least always long (p − h); an ambiguous one
 * follows `mode` (all Exact when absent, the full LP).
 */
export function scenarioTerms(problem: PortfolioProblem, range: { least: Float64Array; most: Float64Array }, s: number, g: Float64Array, exact: number[], mode?: Uint8Array): number {
  const { scenarios: set, contracts, halfSpread: h } = problem;
  const { T, dtHours: dt } = set;
  exact.length = 0;
  contracts.forEach((c, k) => (g[k] = c.pricePerKwh * c.delivery.reduce((sum, d) => sum + d, 0) * dt));
  let k_s = 0;
  for (let t = 0; t < T; t++) {
    const i = s * T + t;
    const p = set.pricePerKwh[i]!, d = set.demandKw[i]!;
    const ambiguous = h > 0 && d > range.least[t]! && d < range.most[t]!;
    const m = ambiguous ? (mode?.[t] ?? SpotMode.Exact) : null;
    const short = ambiguous ? m === SpotMode.Short : d >= range.most[t]!;
    const q = short ? p + h : p - h; // price of the linear part
    k_s += q * d * dt;
    for (let c = 0; c < contracts.length; c++) g[c]! -= q * contracts[c]!.delivery[t]! * dt;
    if (m === SpotMode.Exact) exact.push(t);
  }
  return k_s;
}

export function toLp(problem: PortfolioProblem, risk: RiskTarget): PortfolioLp {
  const { scenarios: set, contracts, halfSpread: h, alpha } = problem;
  const { S, T, dtHours: dt } = set;
  const C = contracts.length;
  const withCvar = 'cvarLimit' in risk || risk.lambda > 0;
  const lambda = 'lambda' in risk ? risk.lambda : 0;
  const tailWeight = 1 / ((1 - alpha) * S);
  const range = deliveryRange(problem);

  const model = new LpModel('portfolio');
  const volumes = contracts.map((c) => model.addVar(`x_${c.id}`, { lb: c.minKw, ub: c.maxKw, origin: { kind: 'contract', id: c.id } }));
  const delivered = deliveryColumns(model, problem, volumes, range);
  const eta = withCvar ? model.addVar('eta', { lb: -Infinity, cost: lambda }) : null;

  const g = new Float64Array(C); // g_sc of the current scenario
  const expectedVolumeCost = new Float64Array(C);
  const buyCost = 2 * h * dt;
  const tails: LpVar[] = [];
  const exact: number[] = [];
  const spot: LpVar[] = [];
  let constant = 0, spotVariables = 0;
  for (let s = 0; s < S; s++) {
    const k_s = scenarioTerms(problem, range, s, g, exact);
    spot.length = 0;
    for (const t of exact) {
      const b = model.addVar(`b_${s}_${t}`, { cost: buyCost / S });
      model.addRow(`short_${s}_${t}`, [[b, 1], [delivered[t]!, 1]], { lb: set.demandKw[s * T + t]! }); // b ≥ D − Y
      spot.push(b);
    }
    spotVariables += spot.length;
    constant += k_s / S;
    for (let c = 0; c < C; c++) expectedVolumeCost[c]! += g[c]! / S;
    if (eta !== null) tails.push(addTailRow(model, `${s}`, lambda * tailWeight, eta, volumes, g, spot, buyCost, k_s));
  }
  volumes.forEach((x, c) => model.setCost(x, expectedVolumeCost[c]!));
  model.setObjective('min', constant);

  const limitRow = 'cvarLimit' in risk && eta !== null ? addLimitRow(model, eta, tails, tailWeight, risk.cvarLimit) : null;
  return { model, volumes, delivered, eta, tails, limitRow, spotVariables, alpha };
}

/** Y_t = Σ_c δ_c(t)·x_c, one column per period bounded by what the contracts can deliver. */
export function deliveryColumns(model: LpModel, problem: PortfolioProblem, volumes: readonly LpVar[], range: { least: Float64Array; most: Float64Array }): LpVar[] {
  const delivered = Array.from({ length: problem.scenarios.T }, (_, t) => model.addVar(`y_${t}`, { lb: range.least[t]!, ub: range.most[t]! }));
  delivered.forEach((y, t) => {
    const terms: [LpVar, number][] = [[y, 1]];
    problem.contracts.forEach((c, k) => terms.push([volumes[k]!, -c.delivery[t]!]));
    model.addRow(`delivery_${t}`, terms, { eq: 0 });
  });
  return delivered;
}

/** z_s + η − g_s·x − 2hΔt·Σ b ≥ k_s, i.e. z_s ≥ cost_s − η (Rockafellar–Uryasev); returns z_s. */
export function addTailRow(model: LpModel, label: string, cost: number, eta: LpVar, volumes: readonly LpVar[], g: Float64Array, spot: readonly LpVar[], buyCost: number, k_s: number): LpVar {
  const C = volumes.length;
  const z = model.addVar(`z_${label}`, { cost });
  const n = 2 + C + spot.length;
  const vars = new Int32Array(n), coefs = new Float64Array(n);
  vars[0] = z, coefs[0] = 1;
  vars[1] = eta, coefs[1] = 1;
  for (let c = 0; c < C; c++) (vars[2 + c] = volumes[c]!), (coefs[2 + c] = -g[c]!);
  spot.forEach((b, j) => ((vars[2 + C + j] = b), (coefs[2 + C + j] = -buyCost)));
  model.addRow(`tail_${label}`, { vars, coefs }, { lb: k_s });
  return z;
}

/** η + Σ z_s/((1−α)S) ≤ L, tagged so an infeasible model names the limit. */
export function addLimitRow(model: LpModel, eta: LpVar, tails: readonly LpVar[], tailWeight: number, limit: number): LpRow {
  const vars = [eta, ...tails], coefs = [1, ...tails.map(() => tailWeight)];
  return model.addRow('cvar_limit', { vars, coefs }, { ub: limit }, { kind: 'cvar-limit' });
}

/** An LP's own CVaR, η + Σ z_s/((1−α)S) over its tail columns (S scenarios in all); null when it carries none. */
export function lpCvar(eta: LpVar | null, tails: readonly LpVar[], alpha: number, S: number, x: ArrayLike<number>): number | null {
  if (eta === null) return null;
  let sum = 0;
  for (const z of tails) sum += x[z]!;
  return x[eta]! + sum / ((1 - alpha) * S);
}
