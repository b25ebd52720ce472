/**
 * The Bayesian equilibrium of the V2V game as a class would draw it: a
 * strategy is a function of the private type, so the x axis is the
 * responsiveness level (least to most responsive) and each EV is one thin
 * line through its type-contingent quantity (or interim expected utility);
 * the bold lines are the sellers' and buyers' means. Pure, for tests.
 */
import type { Data, Layout } from 'plotly.js';
import type { EvBayesianData } from '../../../solver/contract.ts';

export const SELLER_COLOUR = '#2ca02c';
export const BUYER_COLOUR = '#9467bd';

/** Every level of every fleet, least responsive (largest dissatisfaction weight) first. */
export function levelsByResponsiveness(d: EvBayesianData): { id: string; name: string; alpha: number }[] {
  const seen = new Map<string, { id: string; name: string; alpha: number }>();
  for (const f of d.fleets) for (const l of f.levels) if (!seen.has(l.id)) seen.set(l.id, { id: l.id, name: l.name || l.id, alpha: l.dissatisfactionPerKwh2 });
  return [...seen.values()].sort((a, b) => b.alpha - a.alpha);
}

export type TypeQuantity = 'v2vKwh' | 'expectedUtility';

export function evTypeFigure(d: EvBayesianData, quantity: TypeQuantity): { data: Data[]; layout: Partial<Layout> } {
  const levels = levelsByResponsiveness(d);
  const x = levels.map((l) => `${l.name}<br>α ${l.alpha}`);
  const data: Data[] = [];
  for (const role of ['seller', 'buyer'] as const) {
    const evs = d.evs.filter((e) => e.role === role);
    const colour = role === 'seller' ? SELLER_COLOUR : BUYER_COLOUR;
    const ys = evs.map((e) => levels.map((l) => e.byType.find((b) => b.level === l.id)?.[quantity] ?? null));
    ys.forEach((y, k) =>
      data.push({
        type: 'scatter',
        mode: 'lines',
        x,
        y,
        name: `each ${role}`,
        legendgroup: role,
        showlegend: k === 0,
        line: { color: colour, width: 1 },
        opacity: 0.3,
        hovertemplate: `${evs[k]!.id}: %{y:.2f}<extra></extra>`,
      }),
    );
    if (evs.length)
      data.push({
        type: 'scatter',
        mode: 'lines+markers',
        x,
        y: levels.map((_, j) => ys.reduce((s, y) => s + (y[j] ?? 0), 0) / evs.length),
        name: `mean ${role} (${evs.length})`,
        line: { color: colour, width: 4 },
        marker: { size: 9 },
        hovertemplate: `mean ${role}: %{y:.3f}<extra></extra>`,
      });
  }
  return {
    data,
    layout: {
      // the padding keeps the end levels' two-line labels inside the plot
      xaxis: { title: { text: 'private type (α: dissatisfaction, money/kWh²) → more responsive', standoff: 6 }, range: [-0.35, levels.length - 0.65] },
      yaxis: { title: { text: quantity === 'v2vKwh' ? 'V2V kWh over the stay' : 'expected utility, money' }, rangemode: 'tozero' },
      showlegend: true,
      legend: { orientation: 'h', y: -0.38, yanchor: 'top' },
      margin: { l: 56, r: 10, t: 8, b: 110 },
    },
  };
}
