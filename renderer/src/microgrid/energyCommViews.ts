/**
 * Pure parts of the mg-energy-comm view: where the communication network's
 * nodes sit (microgrids on a circle, routers inside it), each link's load,
 * utilisation and bandwidth price in one period, and each pair's routes in
 * words.
 */
import type { MgEnergyCommData } from '../../../solver/jobs/kinds/mgEnergyComm.ts';

export interface NodeSpot {
  id: string;
  x: number;
  y: number;
  microgrid: boolean;
}

/** Microgrids evenly on a circle of radius r around (cx, cy); routers on an inner circle (one router: the centre). */
export function commLayout(d: Pick<MgEnergyCommData, 'nodes' | 'microgrids'>, cx: number, cy: number, r: number): NodeSpot[] {
  const mgs = new Set(d.microgrids.map((m) => m.id));
  const outer = d.nodes.filter((n) => mgs.has(n)), inner = d.nodes.filter((n) => !mgs.has(n));
  const ring = (ids: string[], radius: number, microgrid: boolean) =>
    ids.map((id, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / ids.length;
      return { id, x: cx + radius * Math.cos(a), y: cy + radius * Math.sin(a), microgrid };
    });
  return [...ring(outer, r, true), ...(inner.length === 1 ? [{ id: inner[0]!, x: cx, y: cy, microgrid: false }] : ring(inner, r / 3, false))];
}

export interface LinkState {
  id: string;
  from: string;
  to: string;
  loadKbps: number;
  bandwidthKbps: number;
  /** load ÷ bandwidth */
  utilisation: number;
  /** the bandwidth limit binds (load within 1e-6 of it) */
  binding: boolean;
  pricePerKbpsH: number;
}

export function linkStatesAt(d: MgEnergyCommData, t: number): LinkState[] {
  return d.links.map((l) => {
    const load = l.loadKbps[t] ?? 0;
    return { id: l.id, from: l.from, to: l.to, loadKbps: load, bandwidthKbps: l.bandwidthKbps, utilisation: load / l.bandwidthKbps, binding: load >= l.bandwidthKbps * (1 - 1e-6), pricePerKbpsH: l.pricePerKbpsH[t] ?? 0 };
  });
}

export interface PairRow {
  pair: string;
  /** kW received by the pair's first microgrid (> 0) or sent (< 0), and the same with free communication */
  tradeKw: number;
  freeTradeKw: number;
  /** the trade is smaller than with free communication */
  shrunk: boolean;
  routes: string;
}

export function pairRowsAt(d: MgEnergyCommData, t: number): PairRow[] {
  return d.pairs.map((p) => {
    const kw = p.tradeKw[t] ?? 0, free = p.freeTradeKw[t] ?? 0;
    const routes = (p.routes[t] ?? []).map((r) => `${r.path.join(' → ')} (${r.kbps.toFixed(1)} kbit/s)`).join('; ');
    return { pair: `${p.a}–${p.b}`, tradeKw: kw, freeTradeKw: free, shrunk: Math.abs(kw) < Math.abs(free) - 1e-6, routes: routes || '—' };
  });
}
