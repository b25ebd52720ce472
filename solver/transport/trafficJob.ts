/**
 * The `traffic` job: static user equilibrium of the scenario's road network
 * (docs/models/transport.md). Gradient projection, Frank–Wolfe, or both — then
 * the flows reported are gradient projection's, and the two sets of link flows
 * are compared (the equilibrium link flows are unique when every cost
 * strictly increases with flow, so they must agree up to the gap).
 * Certificate: each method's final relative gap and its Wardrop check.
 */
import type { TrafficCertificate, TrafficConvergence, TrafficData, TrafficLinkResult, TrafficMethodName, TrafficOdResult, TrafficOptions } from '../jobs/kinds/traffic.ts';
import type { JobDefinition } from '../jobs/types.ts';
import type { JobProgress } from '../contract.ts';
import { SolverError } from '../jobs/errors.ts';
import { formatTolerance } from '../jobs/certification.ts';
import type { Transport } from '../scenario/schema.ts';
import { roadGraph, type RoadGraph } from './roadGraph.ts';
import { beckmann, costs, linkTime } from './bpr.ts';
import { Dijkstra } from './shortestPaths.ts';
import { frankWolfe, type AssignmentProgress } from './frankWolfe.ts';
import { gradientProjection, type OdPaths } from './gradientProjection.ts';
import { wardropOfOriginFlows, wardropOfPaths, type WardropCheck } from './wardrop.ts';

interface MethodRun {
  method: TrafficMethodName;
  x: Float64Array;
  gaps: number[];
  iterations: number;
  converged: boolean;
  wardrop: WardropCheck;
  ods?: OdPaths[];
}

/** Drains an assignment generator, passing its progress on as the job's (the share of the stage done by log-gap). */
function* drive<R>(gen: Generator<AssignmentProgress, R, void>, stage: string, target: number, part: [number, number]): Generator<JobProgress, R, void> {
  for (;;) {
    const step = gen.next();
    if (step.done) return step.value;
    const { iteration, gap } = step.value;
    const done = gap > 0 ? Math.min(1, Math.max(0, Math.log10(gap) / Math.log10(target))) : 1;
    yield { fraction: part[0] + (part[1] - part[0]) * done, stage: `${stage}: iteration ${iteration}`, metrics: { iteration, gap } };
  }
}

export function* solveTraffic(transport: Transport, options: TrafficOptions): Generator<JobProgress, { data: TrafficData; certificate: TrafficCertificate; warnings: string[] }, void> {
  const g = roadGraph(transport);
  const m = g.linkIds.length;
  const cost = new Float64Array(m);
  const runs: MethodRun[] = [];
  const both = options.method === 'both';
  if (options.method !== 'frank-wolfe') {
    const r = yield* drive(gradientProjection(g, { relativeGap: options.relativeGap, maxIterations: options.maxPathIterations }), 'gradient projection', options.relativeGap, both ? [0, 0.3] : [0, 1]);
    runs.push({ method: 'gradient-projection', ...r, wardrop: wardropOfPaths(g, r.ods, costs(g, r.x, cost), options.usedShare) });
  }
  if (options.method !== 'gradient-projection') {
    const r = yield* drive(frankWolfe(g, { relativeGap: options.relativeGap, maxIterations: options.maxFrankWolfeIterations }), 'Frank–Wolfe', options.relativeGap, both ? [0.3, 1] : [0, 1]);
    runs.push({ method: 'frank-wolfe', ...r, wardrop: wardropOfOriginFlows(g, r.originFlows, costs(g, r.x, cost), options.usedShare) });
  }
  const failed = runs.filter((r) => !r.converged);
  if (failed.length === runs.length)
    throw new SolverError({
      code: 'not-converged',
      message: `no method reached the relative gap ${formatTolerance(options.relativeGap)}: ${failed.map((r) => `${r.method} stopped at ${r.gaps[r.gaps.length - 1]!.toExponential(2)} after ${r.iterations} iterations`).join('; ')}`,
    });
  const warnings = failed.map((r) => `${r.method} stopped at the relative gap ${r.gaps[r.gaps.length - 1]!.toExponential(2)} after ${r.iterations} iterations (cap reached)`);

  const main = runs[0]!;
  costs(g, main.x, cost);
  const links: TrafficLinkResult[] = transport.links.map((l, a) => ({
    id: l.id,
    from: l.from,
    to: l.to,
    flowVehPerH: main.x[a]!,
    vc: main.x[a]! / l.capacityVehPerH,
    freeFlowMin: l.freeFlowMin,
    timeMin: linkTime(g, a, main.x[a]!),
    costMin: cost[a]!,
  }));
  const ods = odResults(g, cost, main.ods);
  let tstt = 0;
  links.forEach((l) => (tstt += l.flowVehPerH * l.timeMin));
  const worstVc = links.reduce((best, l) => (l.vc > best.vc ? l : best), links[0]!);
  const convergence: TrafficConvergence[] = runs.map((r) => ({ method: r.method, iterations: r.iterations, converged: r.converged, gaps: r.gaps, objective: beckmann(g, r.x) }));
  let agreement: TrafficData['agreement'] = null;
  if (runs.length === 2) {
    let diff = 0, largest = 0;
    for (let a = 0; a < m; a++) (diff = Math.max(diff, Math.abs(runs[0]!.x[a]! - runs[1]!.x[a]!))), (largest = Math.max(largest, runs[0]!.x[a]!));
    agreement = { maxLinkFlowDiffVehPerH: diff, relative: largest > 0 ? diff / largest : 0 };
  }
  const data: TrafficData = {
    method: main.method,
    links,
    ods,
    totalDemandVehPerH: g.totalDemand,
    totalTravelTimeVehMin: tstt,
    averageTripMin: g.totalDemand > 0 ? tstt / g.totalDemand : 0,
    maxVc: { link: worstVc.id, vc: worstVc.vc },
    convergence,
    agreement,
  };

  let maxDemandResidual = 0;
  for (const od of main.ods ?? []) maxDemandResidual = Math.max(maxDemandResidual, Math.abs(od.demand - od.flows.reduce((s, f) => s + f, 0)));
  const certificate: TrafficCertificate = {
    methods: runs.map((r) => ({ method: r.method, relativeGap: r.gaps[r.gaps.length - 1]!, iterations: r.iterations, wardrop: r.wardrop })),
    relativeGap: Math.max(...runs.map((r) => r.gaps[r.gaps.length - 1]!)),
    maxWardropExcess: main.wardrop.maxRelativeExcess,
    maxDemandResidual,
    tolerance: { relativeGap: options.relativeGap, wardrop: options.wardropTolerance },
  };
  return { data, certificate, warnings };
}

/** Each OD pair's equilibrium cost (its shortest path under the final costs) and, from gradient projection, its used paths. */
function odResults(g: RoadGraph, cost: Float64Array, ods: OdPaths[] | undefined): TrafficOdResult[] {
  const sp = new Dijkstra(g);
  const paths = new Map(ods?.map((od) => [`${od.origin}>${od.dest}`, od]));
  return g.origins.flatMap((o) => {
    const { dist } = sp.run(o.node, cost);
    return Array.from(o.dests, (d, k) => {
      const od = paths.get(`${o.node}>${d}`);
      const result: TrafficOdResult = { from: g.nodeIds[o.node]!, to: g.nodeIds[d]!, vehPerH: o.demand[k]!, costMin: dist[d]! };
      if (od)
        result.paths = od.paths.flatMap((p, i) =>
          od.flows[i]! > 0 ? [{ nodes: [g.nodeIds[o.node]!, ...Array.from(p, (a) => g.nodeIds[g.to[a]!]!)], vehPerH: od.flows[i]!, costMin: p.reduce((s, a) => s + cost[a]!, 0) }] : [],
        );
      return result;
    });
  });
}

export const trafficJob: JobDefinition<'traffic'> = {
  kind: 'traffic',
  *run(scenario, options) {
    if (!scenario.transport)
      throw new SolverError({ code: 'invalid-scenario', message: 'the scenario has no road network: add a "transport" section (nodes, links, demand) or import one with ggs import tntp', path: 'transport' });
    return yield* solveTraffic(scenario.transport, options);
  },
  verdict(c) {
    const gapOk = c.relativeGap <= c.tolerance.relativeGap;
    const wardropOk = c.maxWardropExcess <= c.tolerance.wardrop;
    if (!gapOk) {
      const worst = c.methods.find((m) => m.relativeGap === c.relativeGap)!;
      return { certified: false, measure: 'relative gap', value: c.relativeGap, tolerance: c.tolerance.relativeGap, reason: `${worst.method} stopped at the relative gap ${c.relativeGap.toExponential(2)} > ${formatTolerance(c.tolerance.relativeGap)}` };
    }
    if (!wardropOk) {
      const worst = c.methods[0]!;
      const w = worst.wardrop.worst;
      return {
        certified: false,
        measure: 'Wardrop excess of a used path',
        value: c.maxWardropExcess,
        tolerance: c.tolerance.wardrop,
        reason: `${worst.method}: a used path ${w ? `${w.from} → ${w.to} costs ${w.excessMin.toExponential(2)} min more than the shortest (${w.shortestMin.toFixed(3)} min)` : ''}, relative ${c.maxWardropExcess.toExponential(2)} > ${formatTolerance(c.tolerance.wardrop)}`,
      };
    }
    return { certified: true, measure: 'relative gap', value: c.relativeGap, tolerance: c.tolerance.relativeGap, reason: null };
  },
};
