/**
 * Carbon emission flow by proportional sharing (Kang et al., "Carbon emission
 * flow in networks", Scientific Reports 2, 479, 2012; the proportional-sharing
 * principle of Bialek 1996): power leaving a node carries the weighted
 * average carbon intensity of all the power that entered it,
 *
 *   w_n = (Σ_sources P_s·c_s + Σ_{edges m→n} P_mn·w_m) / (Σ_sources P_s + Σ_{edges m→n} P_mn)
 *
 * evaluated in topological order of the directed flow graph (acyclic for a
 * radial feeder). Sinks (loads, losses, storage, export) and outgoing edges are
 * charged w_n per kWh, so carbon is conserved wherever power is.
 * Units: kW and kgCO2/kWh; carbon rates in kg/h.
 */

export interface FlowSource {
  node: number;
  /** ≥ 0 */
  kw: number;
  kgPerKwh: number;
}

export interface FlowSink {
  node: number;
  /** ≥ 0 */
  kw: number;
}

export interface FlowEdge {
  from: number;
  to: number;
  /** ≥ 0, in the from → to direction */
  kw: number;
}

export interface EmissionFlow {
  /** kgCO2/kWh of the power passing through each node (0 where none passes) */
  intensity: Float64Array;
  /** kg/h carried into each sink, in the order given */
  sinkKgPerH: Float64Array;
  /** kg/h emitted by all sources */
  emittedKgPerH: number;
}

export function emissionFlow(nodeCount: number, sources: FlowSource[], edges: FlowEdge[], sinks: FlowSink[]): EmissionFlow {
  const inKw = new Float64Array(nodeCount);
  const inKg = new Float64Array(nodeCount);
  let emittedKgPerH = 0;
  for (const s of sources) {
    inKw[s.node]! += s.kw;
    inKg[s.node]! += s.kw * s.kgPerKwh;
    emittedKgPerH += s.kw * s.kgPerKwh;
  }
  const outgoing: number[][] = Array.from({ length: nodeCount }, () => []);
  const pending = new Int32Array(nodeCount);
  edges.forEach((e, k) => {
    if (e.kw <= 0) return;
    outgoing[e.from]!.push(k);
    pending[e.to]!++;
  });
  const intensity = new Float64Array(nodeCount);
  const ready: number[] = [];
  for (let v = 0; v < nodeCount; v++) if (pending[v] === 0) ready.push(v);
  let done = 0;
  while (ready.length > 0) {
    const v = ready.pop()!;
    done++;
    intensity[v] = inKw[v]! > 0 ? inKg[v]! / inKw[v]! : 0;
    for (const k of outgoing[v]!) {
      const e = edges[k]!;
      inKw[e.to]! += e.kw;
      inKg[e.to]! += e.kw * intensity[v]!;
      if (--pending[e.to]! === 0) ready.push(e.to);
    }
  }
  if (done < nodeCount) throw new Error('carbon emission flow: the power flow has a directed cycle (only radial feeders are supported)');
  const sinkKgPerH = Float64Array.from(sinks, (s) => s.kw * intensity[s.node]!);
  return { intensity, sinkKgPerH, emittedKgPerH };
}
