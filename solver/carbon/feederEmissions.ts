/**
 * Carbon emission flow of one period of a feeder. Each line is a node of its
 * own between its two buses, so a line fed from both ends (possible with
 * losses) and its loss are handled like any other node: the loss is the
 * line-node's sink. Buses are nodes 0..n-1, line k is node n + k.
 */
import type { CarbonBalance } from '../contract.ts';
import { emissionFlow, type FlowEdge, type FlowSink, type FlowSource } from './emissionFlow.ts';

export interface FeederFlows {
  busCount: number;
  /** per line: bus indices, active power entering at the `from` end, active loss (0 for LinDistFlow) */
  lines: { from: number; to: number; pFromKw: number; lossKw: number }[];
  /** emitting or carbon-free injections: grid import, generators, PV, battery discharge */
  sources: FlowSource[];
  /** consumptions, tagged by what they are */
  sinks: (FlowSink & { kind: 'load' | 'storage' | 'export' })[];
}

export interface FeederEmissions {
  /** kgCO2/kWh per bus */
  busIntensity: Float64Array;
  /** kg/h per sink, in the order given */
  sinkKgPerH: Float64Array;
  /** kg/h */
  balance: CarbonBalance;
}

export function feederEmissions(flows: FeederFlows): FeederEmissions {
  const n = flows.busCount;
  const edges: FlowEdge[] = [];
  const lossSinks: FlowSink[] = [];
  flows.lines.forEach((l, k) => {
    const node = n + k;
    const intoFromEnd = l.pFromKw;
    // power entering the line at its `to` end: the loss minus what the `from` end put in
    const intoToEnd = l.lossKw - l.pFromKw;
    for (const [bus, into] of [[l.from, intoFromEnd], [l.to, intoToEnd]] as const) {
      if (into > 0) edges.push({ from: bus, to: node, kw: into });
      else if (into < 0) edges.push({ from: node, to: bus, kw: -into });
    }
    lossSinks.push({ node, kw: Math.max(l.lossKw, 0) });
  });
  const sinks: FlowSink[] = [...flows.sinks, ...lossSinks];
  const flow = emissionFlow(n + flows.lines.length, flows.sources, edges, sinks);
  const balance: CarbonBalance = { emittedKg: flow.emittedKgPerH, loadsKg: 0, lossesKg: 0, storageKg: 0, exportKg: 0 };
  flows.sinks.forEach((s, k) => {
    const kg = flow.sinkKgPerH[k]!;
    if (s.kind === 'load') balance.loadsKg += kg;
    else if (s.kind === 'storage') balance.storageKg += kg;
    else balance.exportKg += kg;
  });
  for (let k = flows.sinks.length; k < sinks.length; k++) balance.lossesKg += flow.sinkKgPerH[k]!;
  return { busIntensity: flow.intensity.slice(0, n), sinkKgPerH: flow.sinkKgPerH.slice(0, flows.sinks.length), balance };
}
