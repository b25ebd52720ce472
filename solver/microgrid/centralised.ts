/**
 * The centralised solves of the bargaining problem (MODELS.md §7):
 *
 * - each microgrid alone (no P2P, no network): its disagreement cost C_i⁰;
 * - P1, the social optimum: min Σ_i C_i over every microgrid's model, the
 *   trade pairing p_ij + p_ji = 0 and, with `network`, the ADN's
 *   LinDistFlow rows with the microgrids' injections. One QP (LP without
 *   quadratic generator costs) — the oracle the ADMM answer is judged by.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { LpBackend, LpSolution } from '../lp/backend.ts';
import { LpModel } from '../lp/model.ts';
import { solveOptimal } from '../lp/solveOptimal.ts';
import { SolverError } from '../jobs/errors.ts';
import type { MicrogridInputs } from './inputs.ts';
import { addMicrogrid, type MicrogridVars } from './model.ts';
import { addAdnNetwork, type AdnNetwork } from './adnNetwork.ts';
import { describeMicrogridSuspect, dispatchOf, type MicrogridDispatch } from './dispatch.ts';
import { solveByCuts, type OuterApproximation } from './outerApproximation.ts';
import { p1Dlmps } from './dlmp.ts';
import type { MgDlmps } from './resultTypes.ts';

/** A trading pair a < b (indices into the inputs), each listing the other. */
export interface TradePair {
  a: number;
  b: number;
}

export function tradePairs(inputs: readonly MicrogridInputs[]): TradePair[] {
  const index = new Map(inputs.map((mg, i) => [mg.id, i]));
  const pairs: TradePair[] = [];
  inputs.forEach((mg, a) => {
    for (const p of mg.partners) {
      const b = index.get(p.id);
      if (b !== undefined && b > a) pairs.push({ a, b });
    }
  });
  return pairs;
}

/** Each microgrid on its own: C_i⁰. An infeasible microgrid is an `infeasible` error naming it and what binds. */
export function solveAlone(lp: LpBackend, inputs: readonly MicrogridInputs[]): MicrogridDispatch[] {
  return inputs.map((mg) => {
    const model = new LpModel(`microgrid ${mg.id} alone`);
    const vars = addMicrogrid(model, mg, { trading: 'alone' });
    try {
      const sol = solveOptimal(model, lp, { describe: describeMicrogridSuspect });
      return dispatchOf(vars, sol.x);
    } catch (e) {
      if (e instanceof SolverError && e.error.code === 'infeasible')
        throw new SolverError({ ...e.error, message: `microgrid "${mg.id}" cannot meet its load on its own: ${e.error.message}`, path: `microgrids[${mg.index}]` });
      throw e;
    }
  });
}

export interface P1Model {
  model: LpModel;
  vars: MicrogridVars[];
  pairs: TradePair[];
  network: AdnNetwork | null;
}

export function buildP1(scenario: Scenario, inputs: readonly MicrogridInputs[], network: boolean, polygonSides: number): P1Model {
  const model = new LpModel(`microgrid social optimum ${scenario.metadata.name}`);
  const vars = inputs.map((mg) => addMicrogrid(model, mg));
  const pairs = tradePairs(inputs);
  for (const { a, b } of pairs) {
    const pa = vars[a]!.trades.get(inputs[b]!.id)!, pb = vars[b]!.trades.get(inputs[a]!.id)!;
    for (let t = 0; t < pa.length; t++) model.addRow(`pair_${inputs[a]!.id}_${inputs[b]!.id}_t${t}`, [[pa[t]!, 1], [pb[t]!, 1]], { eq: 0 });
  }
  const adn = network ? addAdnNetwork(model, scenario, vars.map((v) => ({ busId: v.inputs.busId, kw: v.injection })), polygonSides) : null;
  model.setObjective('min');
  return { model, vars, pairs, network: adn };
}

/** P1's cutting planes stop when the epigraphs are within this fraction of the objective of the generator cost curves. */
export const P1_RELATIVE_TOLERANCE = 1e-8;

export interface P1Solution {
  p1: P1Model;
  solution: LpSolution;
  dispatch: MicrogridDispatch[];
  socialCost: number;
  /** [t][bus] LinDistFlow voltage magnitude, p.u.; null without the network */
  voltagePu: number[][] | null;
  /** DLMPs [t][bus] from P1's duals (dlmp.ts); null without the network */
  dlmp: MgDlmps | null;
  /** LP rounds of the cutting-plane method (0: P1 was an LP) */
  cutRounds: number;
}


export function solveP1(lp: LpBackend, scenario: Scenario, inputs: readonly MicrogridInputs[], network: boolean, polygonSides: number): P1Solution {
  return solveBuiltP1(lp, scenario, buildP1(scenario, inputs, network, polygonSides), polygonSides);
}

/** Solves a P1 built by buildP1 (and perhaps altered since, e.g. a bus load perturbed to check a DLMP). */
export function solveBuiltP1(lp: LpBackend, scenario: Scenario, p1: P1Model, polygonSides: number): P1Solution {
  let solution: LpSolution;
  let cuts: OuterApproximation | null = null;
  try {
    // generator costs a·P² by cutting planes (LPs), to 1e-8 of the objective: HiGHS's QP solver can cycle
    if (p1.model.isQuadratic) {
      cuts = solveByCuts(p1.model, lp, P1_RELATIVE_TOLERANCE, { describe: describeMicrogridSuspect });
      if (!cuts.converged)
        throw new SolverError({ code: 'not-converged', message: `P1's cutting planes stopped after ${cuts.rounds} rounds ${cuts.gap.toExponential(2)} from the generator cost curves`, details: { rounds: cuts.rounds, gap: cuts.gap } });
      solution = cuts.solution;
    } else solution = solveOptimal(p1.model, lp, { describe: describeMicrogridSuspect });
  } catch (e) {
    if (e instanceof SolverError && e.error.code === 'infeasible')
      throw new SolverError({ ...e.error, message: `the microgrids cannot operate together within the network's limits: ${e.error.message}` });
    throw e;
  }
  const dispatch = p1.vars.map((v) => dispatchOf(v, solution.x));
  return { p1, solution, dispatch, socialCost: dispatch.reduce((s, d) => s + d.cost, 0), voltagePu: p1.network && linDistFlowVoltages(scenario, p1.network, solution.x),
    dlmp: p1.network && p1Dlmps(p1.network, solution, scenario.time.dtHours, polygonSides),
    cutRounds: cuts?.rounds ?? 0 };
}

/** √v per bus and period (the root at the substation's set-point). */
export function linDistFlowVoltages(scenario: Scenario, net: AdnNetwork, x: ArrayLike<number>): number[][] {
  const root = net.feeder.topology.root;
  const vm = scenario.network.substation.vmPu;
  return net.voltageSq.map((vs) => Array.from(vs, (v, j) => (j === root ? vm : Math.sqrt(Math.max(0, x[v]!)))));
}
