/**
 * What the mg-bargaining views draw, as pure functions of the result (tested
 * in test/renderer/mgViews.test.ts): the P2P flows of one hour for the flow
 * diagram, and the network-safety picture of one hour (violations before the
 * adjustment, the ADN–MG exchange changes, voltages before and after).
 */
import type { MgBargainingData } from '../../../solver/jobs/kinds/mgBargaining.ts';
import type { SafetyViolation } from '../../../solver/microgrid/resultTypes.ts';

/** A directed P2P flow in one period: `from` sends `kw` > 0 to `to`. */
export interface TradeFlow {
  from: string;
  to: string;
  kw: number;
}

/** Below this a trade is numerical noise, not a flow worth drawing (kW). */
export const FLOW_EPS_KW = 1e-6;

/** Each pair's P1 trade in period t as a directed flow (pair.tradeKw > 0: a receives from b). */
export function tradeFlowsAt(d: MgBargainingData, t: number): TradeFlow[] {
  const out: TradeFlow[] = [];
  for (const p of d.pairs) {
    const kw = p.tradeKw[t] ?? 0;
    if (kw > FLOW_EPS_KW) out.push({ from: p.b, to: p.a, kw });
    else if (kw < -FLOW_EPS_KW) out.push({ from: p.a, to: p.b, kw: -kw });
  }
  return out;
}

/**
 * The flows as a two-column sankey: senders on the left, receivers on the
 * right (a microgrid may appear on both sides over a day, never in one period
 * for the same partner; the two columns keep cycles a→b→c→a drawable).
 * Node order is the microgrids' order, so colours stay put as the hour moves.
 */
export function sankeyOf(ids: readonly string[], flows: readonly TradeFlow[]) {
  const n = ids.length;
  const at = new Map(ids.map((id, i) => [id, i]));
  return {
    labels: [...ids.map((id) => `${id} sends`), ...ids.map((id) => `${id} receives`)],
    source: flows.map((f) => at.get(f.from)!),
    target: flows.map((f) => n + at.get(f.to)!),
    value: flows.map((f) => f.kw),
  };
}

export interface HourSafety {
  /** violations the AC flow found in period t in the first round (before any adjustment) */
  violations: SafetyViolation[];
  /** violations still there after the last round */
  remaining: SafetyViolation[];
  /** Σ Δ kW per microgrid over every round in period t (> 0: injects more) */
  adjustments: { microgrid: string; deltaKw: number }[];
  voltagesBefore: number[];
  voltagesAfter: number[];
}

export function safetyAt(d: MgBargainingData, t: number): HourSafety | null {
  const s = d.safety;
  if (!s) return null;
  const last = s.rounds.at(-1);
  const sum = new Map<string, number>();
  for (const r of s.rounds) for (const a of r.adjustments) if (a.t === t) sum.set(a.microgrid, (sum.get(a.microgrid) ?? 0) + a.deltaKw);
  return {
    violations: (s.rounds[0]?.violations ?? []).filter((v) => v.t === t),
    remaining: !s.safe && last ? last.violations.filter((v) => v.t === t) : [],
    adjustments: [...sum].filter(([, dk]) => Math.abs(dk) > FLOW_EPS_KW).map(([microgrid, deltaKw]) => ({ microgrid, deltaKw })),
    voltagesBefore: s.voltagesBefore[t] ?? [],
    voltagesAfter: s.voltagesAfter[t] ?? [],
  };
}

/** The periods with a violation before the adjustment: where the hour slider is worth stopping. */
export function violatedPeriods(d: MgBargainingData): number[] {
  return [...new Set((d.safety?.rounds[0]?.violations ?? []).map((v) => v.t))].sort((a, b) => a - b);
}
