/**
 * The feeder with the P2P trades of one hour drawn on their trade paths
 * (issue 16, item 4): each trading pair's path from seller to buyer along
 * the feeder's lines, its width the kW traded, and a legend with the fee per
 * kWh the DSO charges on it that hour. A slider picks the hour (the busiest one
 * first). Layout: the one-line diagram's tidy tree (network/feederLayout.ts),
 * so buses sit where the editor draws them.
 */
import { useMemo, useState } from 'react';
import type { DsoOutcome, DsoPair } from '../../../solver/contract.ts';
import { useDocument } from '../state/document.ts';
import { feederLayout } from '../network/feederLayout.ts';

const PAIR_COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];
const PAD = 28;

/** Buses from a to b along the feeder's tree (up to their common ancestor, then down). */
function busPath(a: string, b: string, parent: Map<string, string>): string[] {
  const up = (x: string) => {
    const out = [x];
    for (let p = parent.get(x); p !== undefined; p = parent.get(p)) out.push(p);
    return out;
  };
  const ua = up(a), ub = up(b);
  const inB = new Set(ub);
  const meet = ua.findIndex((x) => inB.has(x));
  if (meet < 0) return [a, b];
  return [...ua.slice(0, meet + 1), ...ub.slice(0, ub.indexOf(ua[meet]!)).reverse()];
}

export function FeeMap({ pairs, outcome, T, microgrids }: { pairs: DsoPair[]; outcome: DsoOutcome; T: number; microgrids: { id: string; busId: string }[] }) {
  const network = useDocument((s) => s.scenario.network);
  const busiest = useMemo(() => outcome.p2pVolumeKw.reduce((best, v, t, all) => (v > all[best]! ? t : best), 0), [outcome]);
  const [hour, setHour] = useState<number | null>(null);
  const t = Math.min(hour ?? busiest, T - 1);

  const geometry = useMemo(() => {
    const lines = network.lines ?? [];
    const at = feederLayout(network.buses, lines, network.substation.busId);
    // the feeder's tree from the substation, for the trade paths
    const parent = new Map<string, string>();
    const seen = new Set([network.substation.busId]);
    const queue = [network.substation.busId];
    for (let q = 0; q < queue.length; q++) {
      for (const l of lines) {
        if (l.inService === false) continue;
        const next = l.from === queue[q] ? l.to : l.to === queue[q] ? l.from : null;
        if (next === null || seen.has(next)) continue;
        seen.add(next), parent.set(next, queue[q]!), queue.push(next);
      }
    }
    const xs = [...at.values()].map((p) => p.x), ys = [...at.values()].map((p) => p.y);
    const x0 = Math.min(...xs), y0 = Math.min(...ys);
    const pos = new Map([...at].map(([id, p]) => [id, { x: p.x - x0 + PAD, y: p.y - y0 + PAD }]));
    return { lines, pos, parent, width: Math.max(...xs) - x0 + 2 * PAD, height: Math.max(...ys) - y0 + 2 * PAD };
  }, [network]);

  const maxKw = Math.max(1e-9, ...pairs.map((_, k) => outcome.pairVolumeKw[k]![t]!));
  const trades = pairs.flatMap((p, k) => {
    const kw = outcome.pairVolumeKw[k]![t]!;
    return kw > 1e-6 ? [{ p, k, kw, fee: outcome.feePerKwh[k]![t]!, colour: PAIR_COLOURS[k % PAIR_COLOURS.length]! }] : [];
  });
  // labels in screen-sized type whatever the feeder's extent (the SVG scales to the pane's width)
  const fontSize = Math.max(11, geometry.width / 70);
  const { pos } = geometry;
  const pt = (id: string) => pos.get(id) ?? { x: 0, y: 0 };
  return (
    <div data-testid="dso-fee-map">
      <label className="period-slider">
        hour <input type="range" min={0} max={T - 1} value={t} onChange={(e) => setHour(Number(e.target.value))} aria-label="hour of the fee map" disabled={T === 1} />{' '}
        <b data-testid="dso-fee-map-hour">{t}</b> · P2P {outcome.p2pVolumeKw[t]!.toFixed(0)} kW
      </label>
      <svg viewBox={`0 0 ${geometry.width} ${geometry.height}`} width="100%" style={{ maxHeight: 420 }} role="img" aria-label={`trade paths and fees in hour ${t}`}>
        {geometry.lines.map((l) => {
          const a = pt(l.from), b = pt(l.to);
          return <line key={l.id} x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke="#c5cbd3" strokeWidth={2} />;
        })}
        {trades.map(({ p, k, kw, fee, colour }) => {
          const buses = busPath(p.busA, p.busB, geometry.parent);
          const off = (k - (pairs.length - 1) / 2) * 3;
          const d = buses.map((id, i) => `${i ? 'L' : 'M'}${pt(id).x + off} ${pt(id).y + off}`).join(' ');
          return (
            <path key={`${p.a}-${p.b}`} d={d} fill="none" stroke={colour} strokeOpacity={0.75} strokeWidth={1.5 + (6 * kw) / maxKw} strokeLinejoin="round">
              <title>{`${p.a}–${p.b}, hour ${t}: ${kw.toFixed(1)} kW at fee ${fee.toFixed(4)} per kWh (${p.distanceOhm.toFixed(2)} Ω, lines ${p.pathLines.join(', ')})`}</title>
            </path>
          );
        })}
        {network.buses.map((b) => {
          const q = pt(b.id);
          const mg = microgrids.find((m) => m.busId === b.id);
          return (
            <g key={b.id}>
              <circle cx={q.x} cy={q.y} r={mg ? fontSize * 0.6 : fontSize * 0.25} fill={b.id === network.substation.busId ? '#333' : mg ? '#fff' : '#8a929c'} stroke={mg ? '#333' : 'none'} strokeWidth={2} />
              {mg && <text x={q.x} y={q.y + 8 + fontSize} fontSize={fontSize} textAnchor="middle" fontWeight={600}>{mg.id}</text>}
            </g>
          );
        })}
      </svg>
      <ul className="fee-map-legend">
        {trades.map(({ p, k, kw, fee, colour }) => (
          <li key={k} data-testid="dso-fee-path" style={{ color: colour }}>{`${p.a}–${p.b}: ${fee.toFixed(3)}/kWh · ${kw.toFixed(0)} kW · ${p.distanceOhm.toFixed(1)} Ω`}</li>
        ))}
        {trades.length === 0 && <li>no P2P trade in hour {t}</li>}
      </ul>
    </div>
  );
}
