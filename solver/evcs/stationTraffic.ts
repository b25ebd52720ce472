/**
 * EV drivers choosing a charging station inside the traffic assignment
 * (docs/models/evcs.md). The road network is extended by one sink node and
 * one **station link** per station, from the station's road node to the sink;
 * every origin of EVs is an OD pair to the sink. A path to the sink is then a
 * route *and* a station, and the user equilibrium is Wardrop over both: no
 * driver can lower travel time + charging time + waiting + price by changing
 * route or station. The station link is a BPR link:
 *
 *   cost_s(x) = charge_s·(1 + waitAlpha·(x / capacity_s)^waitBeta) + price_s·E / VOT
 *
 * (charge_s = E / chargerKw minutes, capacity_s = chargers·chargerKw / E EVs per
 * hour; price_s·E/VOT the price of one charge in minutes). Prices are fixed in one
 * assignment; the coupling loop (coupling.ts) updates them from the market.
 * The assignment itself is the transport model's gradient projection, unchanged.
 */
import type { Evcs, Transport } from '../scenario/schema.ts';
import { roadGraph, type RoadGraph } from '../transport/roadGraph.ts';
import { costs, linkTime } from '../transport/bpr.ts';
import { gradientProjection, type OdPaths, type PathResult } from '../transport/gradientProjection.ts';
import { wardropOfPaths, type WardropCheck } from '../transport/wardrop.ts';
import type { AssignmentProgress } from '../transport/frankWolfe.ts';

/** The id of the sink node every EV trip ends at (not a node of the scenario). */
export const EV_SINK = '__evcs_sink__';

export interface StationNetwork {
  g: RoadGraph;
  /** links 0 … roadLinks − 1 are the scenario's roads; roadLinks + s is station s's link */
  roadLinks: number;
  /** minutes per currency unit of a whole charge's price: E / (VOT / 60) */
  minutesPerPricePerKwh: number;
  /** per station: charging time, minutes, and capacity, EVs per hour */
  chargeMin: Float64Array;
  capacityVehPerH: Float64Array;
}

export function stationNetwork(transport: Transport, evcs: Evcs): StationNetwork {
  const E = evcs.energyPerEvKwh;
  const chargeMin = Float64Array.from(evcs.stations, (s) => (60 * E) / s.chargerKw);
  const capacityVehPerH = Float64Array.from(evcs.stations, (s) => (s.chargers * s.chargerKw) / E);
  const extended: Transport = {
    ...transport,
    // the sink is a centroid: reached, never passed through
    nodes: [...transport.nodes, { id: EV_SINK, name: 'charged', x: 0, y: 0, through: false }],
    links: [
      ...transport.links,
      ...evcs.stations.map((s, k) => ({ id: `station:${s.id}`, from: s.node, to: EV_SINK, freeFlowMin: chargeMin[k]!, capacityVehPerH: capacityVehPerH[k]!, bprAlpha: s.waitAlpha, bprBeta: s.waitBeta })),
    ],
    demand: [...transport.demand, ...evcs.demand.map((d) => ({ from: d.from, to: EV_SINK, vehPerH: d.vehPerH }))],
  };
  const g = roadGraph(extended);
  // the station links' fixed cost is the price, set per assignment; tolls and lengths do not apply to them
  for (let s = 0; s < evcs.stations.length; s++) g.fixed[transport.links.length + s] = 0;
  return { g, roadLinks: transport.links.length, minutesPerPricePerKwh: E / (evcs.valueOfTimePerHour / 60), chargeMin, capacityVehPerH };
}

export interface StationAssignment {
  x: Float64Array;
  ods: OdPaths[];
  cost: Float64Array;
  gaps: number[];
  iterations: number;
  converged: boolean;
  wardrop: WardropCheck;
  /** per station: EVs per hour, minutes waiting (queue beyond the charge) */
  stationVehPerH: Float64Array;
  waitMin: Float64Array;
}

export interface StationAssignmentOptions {
  relativeGap: number;
  maxIterations: number;
  usedShare: number;
  /**
   * when given: an assignment that meets the gap but leaves a used path more than this much dearer than
   * its OD's cheapest is solved again at a tenth of the gap (up to three times). An EV origin's few
   * vehicles per hour weigh little in the gap, so a queue that builds fast (few chargers, β = 4) can
   * meet 1e-4 with a path still 10 % dear (observed: 6 → 4 chargers at a Riverside station).
   */
  wardropTolerance?: number;
}

/** One user equilibrium of roads and stations at the given charging prices (currency/kWh). */
export function* assignWithStations(net: StationNetwork, pricePerKwh: ArrayLike<number>, opts: StationAssignmentOptions): Generator<AssignmentProgress, StationAssignment, void> {
  const { g, roadLinks } = net;
  const S = net.chargeMin.length;
  for (let s = 0; s < S; s++) g.fixed[roadLinks + s] = pricePerKwh[s]! * net.minutesPerPricePerKwh;
  let gap = opts.relativeGap, iterations = 0;
  let r: PathResult, cost: Float64Array, wardrop: WardropCheck;
  for (let tries = 0; ; tries++) {
    r = yield* gradientProjection(g, { relativeGap: gap, maxIterations: opts.maxIterations });
    iterations += r.iterations;
    cost = costs(g, r.x, new Float64Array(r.x.length));
    wardrop = wardropOfPaths(g, r.ods, cost, opts.usedShare);
    if (opts.wardropTolerance === undefined || wardrop.maxRelativeExcess <= opts.wardropTolerance || !r.converged || tries === 3) break;
    gap /= 10;
  }
  const stationVehPerH = Float64Array.from({ length: S }, (_, s) => r.x[roadLinks + s]!);
  const waitMin = Float64Array.from({ length: S }, (_, s) => linkTime(g, roadLinks + s, r.x[roadLinks + s]!) - net.chargeMin[s]!);
  return { x: r.x, ods: r.ods, cost, gaps: r.gaps, iterations, converged: r.converged, wardrop, stationVehPerH, waitMin };
}
