/**
 * The cutting-plane master of the portfolio LP (solveLp.ts): a relaxation of
 * the full model of toLp.ts that holds only the rows the optimum needs.
 *
 *   min  w_E·( c₀ + e·x + Σ_t θ_t ) + w_C·( η + Σ_{s∈K} z_s/((1−α)S) )     [CVaR ≤ L: η + Σ_{s∈K} z_s/((1−α)S) ≤ L]
 *   s.t. Y_t = Σ_c δ_c(t)·x_c,  least_t ≤ Y_t ≤ most_t,  minKw ≤ x ≤ maxKw
 *        θ_t ≥ scale·(sumAbove − n·Y_t)           for the pieces n of g_t chosen so far  (expectedSpread.ts)
 *        z_s ≥ k_s + g_s·x + 2hΔt·Σ_{t∈A_s} b_st − η,  z_s ≥ 0         for the tail scenarios s ∈ K
 *        b_st ≥ D_st − Y_t,  b_st ≥ 0                                  for t ∈ A_s
 *
 * c₀ + e·x is the expected cost with every spot position priced at p − h; θ_t
 * adds the spread's expected cost g_t(Y_t) (exact where a piece touches). A
 * scenario outside K has no row: its z_s is 0. In a tail row every ambiguous
 * period outside A_s is priced linearly at p + h or p − h — a lower bound of
 * max((p−h)n, (p+h)n), exact on its side. So each master is a relaxation of
 * the full LP (its optimum is a lower bound), and it equals the full LP on
 * every point where θ_t = g_t(Y_t), no scenario outside K has cost above η
 * and no tail row is below its scenario's cost.
 */
import { LpModel, type LpRow, type LpVar } from '../lp/model.ts';
import type { PortfolioProblem } from './problem.ts';
import { ExpectedSpread, type SpreadPiece } from './expectedSpread.ts';
import { addLimitRow, addTailRow, deliveryColumns, deliveryRange, scenarioTerms } from './toLp.ts';

/** min w_E·E[cost] + w_C·CVaR_α, optionally with CVaR_α ≤ cvarLimit. */
export interface MasterObjective {
  expected: number;
  cvar: number;
  cvarLimit: number | null;
}

/** What does not change between rounds: the delivery range, the spread functions and the expected linear part. */
export interface Decomposition {
  problem: PortfolioProblem;
  range: { least: Float64Array; most: Float64Array };
  spread: ExpectedSpread | null;
  /** c₀ and e_c: expected cost with every spot position at p − h */
  constant: number;
  perContract: Float64Array;
}

export function decompose(problem: PortfolioProblem): Decomposition {
  const { scenarios: set, contracts, halfSpread: h } = problem;
  const { S, T, dtHours: dt } = set;
  let constant = 0;
  const perContract = Float64Array.from(contracts, (c) => c.pricePerKwh * c.delivery.reduce((sum, d) => sum + d, 0) * dt);
  const meanSale = new Float64Array(T);
  for (let s = 0; s < S; s++)
    for (let t = 0; t < T; t++) {
      const i = s * T + t;
      const q = set.pricePerKwh[i]! - h;
      constant += (q * set.demandKw[i]! * dt) / S;
      meanSale[t]! += q / S;
    }
  contracts.forEach((c, k) => {
    for (let t = 0; t < T; t++) perContract[k]! -= meanSale[t]! * c.delivery[t]! * dt;
  });
  return { problem, range: deliveryRange(problem), spread: h > 0 ? new ExpectedSpread(problem) : null, constant, perContract };
}

/** The rows chosen so far: pieces of each g_t (by count), and the tail scenarios with their SpotMode per period. */
export interface MasterRows {
  pieces: Map<number, SpreadPiece>[];
  tails: Map<number, Uint8Array>;
}

export interface MasterLp {
  model: LpModel;
  volumes: LpVar[];
  delivered: LpVar[];
  /** θ_t, when the objective holds the expected spread cost */
  theta: LpVar[] | null;
  eta: LpVar | null;
  tails: { scenario: number; z: LpVar }[];
  limitRow: LpRow | null;
  spotVariables: number;
}

export function buildMaster(d: Decomposition, objective: MasterObjective, rows: MasterRows): MasterLp {
  const { problem, range, spread } = d;
  const { S, T, dtHours: dt, demandKw } = problem.scenarios;
  const C = problem.contracts.length;
  const model = new LpModel('portfolio-master');
  const volumes = problem.contracts.map((c, k) => model.addVar(`x_${c.id}`, { lb: c.minKw, ub: c.maxKw, cost: objective.expected * d.perContract[k]!, origin: { kind: 'contract', id: c.id } }));
  const delivered = deliveryColumns(model, problem, volumes, range);
  model.setObjective('min', objective.expected * d.constant);

  let theta: LpVar[] | null = null;
  if (spread && objective.expected > 0) {
    theta = delivered.map((_, t) => model.addVar(`theta_${t}`, { cost: objective.expected })); // g_t ≥ 0
    rows.pieces.forEach((pieces, t) => {
      for (const p of pieces.values()) model.addRow(`piece_${t}_${p.count}`, [[theta![t]!, 1], [delivered[t]!, spread.scale * p.count]], { lb: spread.scale * p.sumAbove });
    });
  }

  const withTails = objective.cvar > 0 || objective.cvarLimit !== null;
  const eta = withTails ? model.addVar('eta', { lb: -Infinity, cost: objective.cvar }) : null;
  const tailWeight = 1 / ((1 - problem.alpha) * S);
  const tails: MasterLp['tails'] = [];
  let spotVariables = 0;
  if (eta !== null) {
    const g = new Float64Array(C);
    const exact: number[] = [];
    const buyCost = 2 * problem.halfSpread * dt;
    for (const [s, mode] of [...rows.tails].sort((a, b) => a[0] - b[0])) {
      const k_s = scenarioTerms(problem, range, s, g, exact, mode);
      const spot = exact.map((t) => {
        const b = model.addVar(`b_${s}_${t}`);
        model.addRow(`short_${s}_${t}`, [[b, 1], [delivered[t]!, 1]], { lb: demandKw[s * T + t]! }); // b ≥ D − Y
        return b;
      });
      spotVariables += spot.length;
      tails.push({ scenario: s, z: addTailRow(model, `${s}`, objective.cvar * tailWeight, eta, volumes, g, spot, buyCost, k_s) });
    }
  }
  const limitRow = objective.cvarLimit !== null && eta !== null ? addLimitRow(model, eta, tails.map((r) => r.z), tailWeight, objective.cvarLimit) : null;
  return { model, volumes, delivered, theta, eta, tails, limitRow, spotVariables };
}
