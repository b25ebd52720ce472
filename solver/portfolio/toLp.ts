/**
 * `toLp` stage of the portfolio job: the CVaR portfolio LP of Rockafellar &
 * Uryasev ("Optimization of conditional value-at-risk", Journal of Risk 2(3),
 * 2000, §3), over S equally likely scenarios:
 *
 *   min  (1/S) Σ_s cost_s(x, b) + λ·(η + Σ_s z_s / ((1−α)S))          (risk weight λ)
 *   or   min (1/S) Σ_s cost_s(x, b)  s.t.  η + Σ_s z_s / ((1−α)S) ≤ L   (CVaR limit L)
 *   s.t. z_s ≥ cost_s(x, b) − η,  z_s ≥ 0,  minKw_c ≤ x_c ≤ maxKw_c
 *
 * cost_s is written without a variable of its own: cost_s = k_s + Σ_c g_sc x_c + Σ_t 2h·Δt·b_st.
 * The spot position n = D − Σ_c δ_c x_c costs (p−h)·n + 2h·max(n, 0), so a
 * purchase variable b_st ≥ n_st, b_st ≥ 0 is needed only where the sign of n
 * can change: when h > 0 and D lies strictly between the least and the most
 * the contracts can deliver in that period. Elsewhere the position is always
 * short (pay p+h) or always long (receive p−h) and its cost is linear in x.
 * With λ = 0 there is no η or z at all. This keeps 1 000 scenarios × 24 h ×
 * 10 contracts at a few thousand rows instead of tens of thousands.
 */
import { LpModel, type LpRow, type LpVar } from '../lp/model.ts';
import type { PortfolioProblem, RiskTarget } from './problem.ts';

export interface PortfolioLp {
  model: LpModel;
  /** x_c per contract, kW */
  volumes: LpVar[];
  /** η (the LP's VaR) and z_s, present when the LP carries the CVaR */
  eta: LpVar | null;
  tails: LpVar[];
  limitRow: LpRow | null;
  /** how many scenario-periods needed a spot purchase variable */
  spotVariables: number;
  /** λ/((1−α)S) multiplies each z_s: kept so the frontier can re-weight a built model */
  alpha: number;
}

export interface ToLpOptions {
  /** keep η and z even at λ = 0 (the frontier re-weights one model) */
  keepCvar?: boolean;
}

export function toLp(problem: PortfolioProblem, risk: RiskTarget, options: ToLpOptions = {}): PortfolioLp {
  const { scenarios: set, contracts, halfSpread: h, alpha } = problem;
  const { S, T, dtHours: dt } = set;
  const C = contracts.length;
  const withCvar = 'cvarLimit' in risk || risk.lambda > 0 || options.keepCvar === true;
  const lambda = 'lambda' in risk ? risk.lambda : 0;
  const tailWeight = 1 / ((1 - alpha) * S);

  // least and most the contracts can deliver per period
  const least = new Float64Array(T), most = new Float64Array(T);
  for (const c of contracts)
    for (let t = 0; t < T; t++) {
      least[t]! += c.delivery[t]! * c.minKw;
      most[t]! += c.delivery[t]! * c.maxKw;
    }

  const model = new LpModel('portfolio');
  const volumes = contracts.map((c) => model.addVar(`x_${c.id}`, { lb: c.minKw, ub: c.maxKw, origin: { kind: 'contract', id: c.id } }));
  const eta = withCvar ? model.addVar('eta', { lb: -Infinity, cost: lambda }) : null;

  const g = new Float64Array(C); // g_sc for the current scenario
  const volumeCost = new Float64Array(C);
  contracts.forEach((c, k) => {
    let delivered = 0;
    for (let t = 0; t < T; t++) delivered += c.delivery[t]!;
    volumeCost[k] = c.pricePerKwh * delivered * dt;
  });
  const expectedVolumeCost = new Float64Array(C);
  let constant = 0, spotVariables = 0;
  const tails: LpVar[] = [];
  const spot: number[] = [];
  const rowVars: number[] = [];
  const rowCoefs: number[] = [];
  const buyCost = 2 * h * dt;
  for (let s = 0; s < S; s++) {
    g.set(volumeCost);
    let k_s = 0;
    spot.length = 0;
    for (let t = 0; t < T; t++) {
      const i = s * T + t;
      const p = set.pricePerKwh[i]!, d = set.demandKw[i]!;
      const alwaysShort = d >= most[t]!;
      const q = alwaysShort ? p + h : p - h; // price of the linear part
      k_s += q * d * dt;
      for (let c = 0; c < C; c++) g[c]! -= q * contracts[c]!.delivery[t]! * dt;
      if (h > 0 && !alwaysShort && d > least[t]!) {
        // b ≥ D − Σ δx, b ≥ 0: the purchase, paying the spread on top of p − h
        const b = model.addVar(`b_${s}_${t}`, { cost: buyCost / S });
        rowVars.length = 0;
        rowCoefs.length = 0;
        rowVars.push(b);
        rowCoefs.push(1);
        for (let c = 0; c < C; c++) {
          const delta = contracts[c]!.delivery[t]!;
          if (delta !== 0) {
            rowVars.push(volumes[c]!);
            rowCoefs.push(delta);
          }
        }
        model.addRow(`short_${s}_${t}`, { vars: rowVars, coefs: rowCoefs }, { lb: d });
        spot.push(b);
        spotVariables++;
      }
    }
    constant += k_s / S;
    for (let c = 0; c < C; c++) expectedVolumeCost[c]! += g[c]! / S;
    if (eta !== null) {
      // z_s − (g_s·x + Σ 2hΔt·b) + η ≥ k_s
      const z = model.addVar(`z_${s}`, { cost: lambda * tailWeight });
      tails.push(z);
      const n = 2 + C + spot.length;
      const vars = new Int32Array(n), coefs = new Float64Array(n);
      vars[0] = z; coefs[0] = 1;
      vars[1] = eta; coefs[1] = 1;
      for (let c = 0; c < C; c++) { vars[2 + c] = volumes[c]!; coefs[2 + c] = -g[c]!; }
      spot.forEach((b, j) => { vars[2 + C + j] = b; coefs[2 + C + j] = -buyCost; });
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
  return { model, volumes, eta, tails, limitRow, spotVariables, alpha };
}

/** Re-weights a model built with η and z to risk weight λ (frontier sweeps re-solve one model). */
export function setRiskWeight(lp: PortfolioLp, lambda: number): void {
  if (lp.eta === null) throw new Error('the model was built without CVaR variables');
  lp.model.setCost(lp.eta, lambda);
  const w = lambda / ((1 - lp.alpha) * lp.tails.length);
  for (const z of lp.tails) lp.model.setCost(z, w);
}

/** The LP's own CVaR, η + Σ z_s/((1−α)S); null when the model carries none. */
export function lpCvar(lp: PortfolioLp, x: ArrayLike<number>): number | null {
  if (lp.eta === null) return null;
  let sum = 0;
  for (const z of lp.tails) sum += x[z]!;
  return x[lp.eta]! + sum / ((1 - lp.alpha) * lp.tails.length);
}
