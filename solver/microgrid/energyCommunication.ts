/**
 * The energy–communication multi-commodity variant (MODELS.md §7; the seed:
 * "a multi-commodity formulation that allows the dual-optimization of energy
 * and communication resources in P2P-ETS … minimizes the cost of energy
 * generation and communication delay"). A P2P trade needs data — metering,
 * control, settlement — routed over a communication network of limited
 * bandwidth; the trades' messages are a second commodity next to the energy.
 *
 * P1 of the bargaining (buildP1: every microgrid's model, the trade pairing,
 * with `network` the ADN's LinDistFlow rows) and, for every trading pair
 * k = (a, b) and period t, with κ = kbpsPerKw:
 *
 *   m_k,t ≥ p_ab,t,  m_k,t ≥ −p_ab,t                         (m = |trade|, kW)
 *   Σ_out f_k,·,t − Σ_in f_k,·,t = κ·m_k,t·([n = a] − [n = b])  at every node n
 *   Σ_k (f_k,e→,t + f_k,e←,t) ≤ B_e                             every link e, period t
 *   f ≥ 0 on both directions of every link
 *
 * min Σ_i C_i + Σ_{e,t} Δt·(c_e + δ·latency_e)·Σ_k (f_k,e→,t + f_k,e←,t)
 *
 * with c_e the link's price per kbit/s and hour and δ the cost of a
 * millisecond of delay per kbit/s and hour. The LP (QP with quadratic
 * generator costs, solved by the same cutting planes as P1) is the oracle.
 * The bandwidth rows' duals are the prices of bandwidth: at the optimum every
 * route a trade uses is a cheapest route under cost + price (checked, and
 * the check is part of the certificate). A slack m > |p| costs nothing only
 * where every route is free and uncongested; the reported flows are then cut
 * in proportion to κ·|p|, which keeps every constraint and the cost.
 */
import type { LpBackend, LpSolution } from '../lp/backend.ts';
import type { LpRow, LpVar } from '../lp/model.ts';
import type { CommunicationNetwork, Scenario } from '../scenario/schema.ts';
import type { MicrogridInputs } from './inputs.ts';
import { buildP1, solveBuiltP1, type P1Model } from './centralised.ts';
import type { MicrogridDispatch } from './resultTypes.ts';

export interface CommRoute {
  /** node ids from the first microgrid of the pair to the second */
  path: string[];
  kbps: number;
  /** Σ (cost + bandwidth price) along the path per kbit/s·h, and the cheapest such route's */
  pricePerKbpsH: number;
  cheapestPerKbpsH: number;
}

export interface CommPairResult {
  a: string;
  b: string;
  /** [t] kW, > 0 when a receives from b */
  tradeKw: number[];
  /** [t] the data rate the trade needs, kbit/s */
  rateKbps: number[];
  /** [t] the routes its data takes */
  routes: CommRoute[][];
  /** what carrying its data costs over the horizon (link prices and delay, not the bandwidth prices), currency */
  communicationCost: number;
}

export interface CommLinkResult {
  id: string;
  from: string;
  to: string;
  bandwidthKbps: number;
  /** [t] kbit/s carried, both directions */
  loadKbps: number[];
  /** [t] the bandwidth's price: what one more kbit/s for an hour would save, currency (0 when not binding) */
  pricePerKbpsH: number[];
}

export interface EnergyCommSolution {
  dispatch: MicrogridDispatch[];
  /** Σ C_i */
  energyCost: number;
  communicationCost: number;
  pairs: CommPairResult[];
  links: CommLinkResult[];
  cutRounds: number;
  /** largest |Σ_out − Σ_in − demand| over nodes, pairs and periods, kbit/s */
  conservationResidual: number;
  /** largest load − bandwidth over links and periods, kbit/s (≤ 0 when within limits) */
  capacityExcess: number;
  /** largest (route price − cheapest route price) over the routes used, per kbit/s·h */
  routeGap: number;
}

interface Arc {
  link: number;
  from: number;
  to: number;
}

interface CommModel {
  nodes: string[];
  arcs: Arc[];
  /** per pair, per period: m and the flow on every arc */
  magnitude: LpVar[][];
  flow: LpVar[][][];
  capacity: LpRow[][];
  costPerKbpsH: number[];
}

/** Adds the communication commodity to a built P1 (the rows above). */
export function addCommunication(p1: P1Model, inputs: readonly MicrogridInputs[], net: CommunicationNetwork, T: number, dt: number): CommModel {
  const { model, vars, pairs } = p1;
  const nodes = [...new Set([...inputs.map((m) => m.id), ...net.links.flatMap((l) => [l.from, l.to])])];
  const nodeIndex = new Map(nodes.map((n, i) => [n, i]));
  const arcs: Arc[] = net.links.flatMap((l, e) => [
    { link: e, from: nodeIndex.get(l.from)!, to: nodeIndex.get(l.to)! },
    { link: e, from: nodeIndex.get(l.to)!, to: nodeIndex.get(l.from)! },
  ]);
  const costPerKbpsH = net.links.map((l) => l.costPerKbpsH + net.delayCostPerKbpsMsH * l.latencyMs);
  const magnitude: LpVar[][] = [], flow: LpVar[][][] = [];
  pairs.forEach(({ a, b }) => {
    const ida = inputs[a]!.id, idb = inputs[b]!.id;
    const trade = vars[a]!.trades.get(idb)!;
    const ms: LpVar[] = [], fs: LpVar[][] = [];
    for (let t = 0; t < T; t++) {
      const m = model.addVar(`comm_m_${ida}_${idb}_t${t}`);
      model.addRow(`comm_abs+_${ida}_${idb}_t${t}`, [[m, 1], [trade[t]!, -1]], { lb: 0 });
      model.addRow(`comm_abs-_${ida}_${idb}_t${t}`, [[m, 1], [trade[t]!, 1]], { lb: 0 });
      const f = arcs.map((arc) => model.addVar(`comm_f_${ida}_${idb}_${net.links[arc.link]!.id}_${nodes[arc.from]}_t${t}`, { cost: dt * costPerKbpsH[arc.link]! }));
      nodes.forEach((n, i) => {
        const terms: [LpVar, number][] = [];
        arcs.forEach((arc, x) => {
          if (arc.from === i) terms.push([f[x]!, 1]);
          if (arc.to === i) terms.push([f[x]!, -1]);
        });
        const supply = n === ida ? 1 : n === idb ? -1 : 0;
        if (supply !== 0) terms.push([m, -supply * net.kbpsPerKw]);
        // an end of the pair on no link keeps only its m term: m = 0, the pair cannot trade
        if (terms.length > 0) model.addRow(`comm_node_${ida}_${idb}_${n}_t${t}`, terms, { eq: 0 });
      });
      ms.push(m);
      fs.push(f);
    }
    magnitude.push(ms);
    flow.push(fs);
  });
  const capacity = net.links.map((l, e) =>
    Array.from({ length: T }, (_, t) =>
      model.addRow(`comm_cap_${l.id}_t${t}`, flow.flatMap((fs) => arcs.flatMap((arc, x) => (arc.link === e ? [[fs[t]![x]!, 1] as [LpVar, number]] : []))), { ub: l.bandwidthKbps }),
    ),
  );
  return { nodes, arcs, magnitude, flow, capacity, costPerKbpsH };
}

/** Cheapest route costs from `source` under per-arc weights ≥ 0 (Dijkstra; the graphs are small). */
function cheapest(nodeCount: number, arcs: readonly Arc[], weight: readonly number[], source: number): number[] {
  const dist = new Array<number>(nodeCount).fill(Infinity);
  const done = new Array<boolean>(nodeCount).fill(false);
  dist[source] = 0;
  for (;;) {
    let u = -1;
    for (let i = 0; i < nodeCount; i++) if (!done[i] && dist[i]! < Infinity && (u < 0 || dist[i]! < dist[u]!)) u = i;
    if (u < 0) return dist;
    done[u] = true;
    arcs.forEach((arc, x) => {
      if (arc.from === u && dist[u]! + weight[x]! < dist[arc.to]!) dist[arc.to] = dist[u]! + weight[x]!;
    });
  }
}

/** Splits one commodity's arc flows into source→sink paths (flow decomposition; what is left are circulations, dropped). */
function decompose(arcs: readonly Arc[], flowKbps: number[], source: number, sink: number, tol: number): { arcs: number[]; kbps: number }[] {
  const left = [...flowKbps];
  const paths: { arcs: number[]; kbps: number }[] = [];
  for (let guard = 0; guard < arcs.length + 1; guard++) {
    // depth-first search along arcs still carrying flow, never revisiting a node
    const seen = new Set<number>([source]);
    const walk = (u: number): number[] | null => {
      if (u === sink) return [];
      for (let x = 0; x < arcs.length; x++) {
        const arc = arcs[x]!;
        if (arc.from !== u || left[x]! <= tol || seen.has(arc.to)) continue;
        seen.add(arc.to);
        const rest = walk(arc.to);
        if (rest) return [x, ...rest];
      }
      return null;
    };
    const path = walk(source);
    if (!path || path.length === 0) break;
    const kbps = Math.min(...path.map((x) => left[x]!));
    for (const x of path) left[x]! -= kbps;
    paths.push({ arcs: path, kbps });
  }
  return paths;
}

/** P1 with the communication commodity, solved centrally; the routes, link loads and bandwidth prices read off. */
export function solveEnergyCommunication(lp: LpBackend, scenario: Scenario, inputs: readonly MicrogridInputs[], net: CommunicationNetwork, network: boolean, polygonSides: number): EnergyCommSolution {
  const { T, dtHours: dt } = scenario.time;
  const p1 = buildP1(scenario, inputs, network, polygonSides);
  const comm = addCommunication(p1, inputs, net, T, dt);
  const solved = solveBuiltP1(lp, scenario, p1, polygonSides);
  return readSolution(solved.solution, solved.dispatch, solved.cutRounds, p1, comm, inputs, net, T, dt);
}

function readSolution(sol: LpSolution, dispatch: MicrogridDispatch[], cutRounds: number, p1: P1Model, comm: CommModel, inputs: readonly MicrogridInputs[], net: CommunicationNetwork, T: number, dt: number): EnergyCommSolution {
  const x = sol.x;
  const { nodes, arcs } = comm;
  const nodeIndex = new Map(nodes.map((n, i) => [n, i]));
  // rowDual = ∂cost/∂B_e of the period's total cost; per kbit/s·h it is −dual/Δt ≥ 0
  const price = comm.capacity.map((rows) => rows.map((r) => Math.max(0, -sol.rowDuals[r]! / dt)));
  const scale = Math.max(1, net.kbpsPerKw * Math.max(0, ...p1.vars.flatMap((v) => [...v.trades.values()].flat().map((q) => Math.abs(x[q]!)))));
  const tol = 1e-7 * scale;
  let conservationResidual = 0, routeGap = 0;
  const load = net.links.map(() => new Array<number>(T).fill(0));
  const pairs: CommPairResult[] = p1.pairs.map(({ a, b }, k) => {
    const ida = inputs[a]!.id, idb = inputs[b]!.id;
    const tradeKw = p1.vars[a]!.trades.get(idb)!.map((q) => x[q]!);
    const rateKbps = tradeKw.map((p) => net.kbpsPerKw * Math.abs(p));
    let communicationCost = 0;
    const routes = Array.from({ length: T }, (_, t) => {
      let f = comm.flow[k]![t]!.map((v) => Math.max(0, x[v]!));
      const m = x[comm.magnitude[k]![t]!]!;
      // a reservation above the trade's need (free, uncongested routes only): cut in proportion
      if (m > Math.abs(tradeKw[t]!) + 1e-9 && m > 0) f = f.map((v) => (v * Math.abs(tradeKw[t]!)) / m);
      nodes.forEach((n, i) => {
        let out = 0;
        arcs.forEach((arc, j) => {
          if (arc.from === i) out += f[j]!;
          if (arc.to === i) out -= f[j]!;
        });
        const demand = n === ida ? rateKbps[t]! : n === idb ? -rateKbps[t]! : 0;
        // a node with no link cannot carry data: its pair's trade is then 0
        if (arcs.some((arc) => arc.from === i || arc.to === i) || demand !== 0) conservationResidual = Math.max(conservationResidual, Math.abs(out - demand));
      });
      arcs.forEach((arc, j) => {
        load[arc.link]![t]! += f[j]!;
        communicationCost += dt * comm.costPerKbpsH[arc.link]! * f[j]!;
      });
      const weight = arcs.map((arc) => comm.costPerKbpsH[arc.link]! + price[arc.link]![t]!);
      const source = nodeIndex.get(ida)!, sink = nodeIndex.get(idb)!;
      const best = cheapest(nodes.length, arcs, weight, source)[sink]!;
      return decompose(arcs, f, source, sink, tol).map((path): CommRoute => {
        const pricePerKbpsH = path.arcs.reduce((s, j) => s + weight[j]!, 0);
        routeGap = Math.max(routeGap, pricePerKbpsH - best);
        return { path: [ida, ...path.arcs.map((j) => nodes[arcs[j]!.to]!)], kbps: path.kbps, pricePerKbpsH, cheapestPerKbpsH: best };
      });
    });
    return { a: ida, b: idb, tradeKw, rateKbps, routes, communicationCost };
  });
  const communicationCost = pairs.reduce((s, p) => s + p.communicationCost, 0);
  const links: CommLinkResult[] = net.links.map((l, e) => ({ id: l.id, from: l.from, to: l.to, bandwidthKbps: l.bandwidthKbps, loadKbps: load[e]!, pricePerKbpsH: price[e]! }));
  const capacityExcess = Math.max(-Infinity, ...links.flatMap((l) => l.loadKbps.map((v) => v - l.bandwidthKbps)));
  return { dispatch, energyCost: dispatch.reduce((s, d) => s + d.cost, 0), communicationCost, pairs, links, cutRounds, conservationResidual, capacityExcess, routeGap };
}
