/**
 * A read-only map of the feeder for result views: the network studio's
 * automatic one-line layout (network/feederLayout.ts, with the positions the
 * user dragged) drawn as SVG, buses filled by a quantity, some buses and
 * lines marked, short notes beside buses. The studio's OneLineDiagram edits
 * the document (drag, select); a result shows two or three maps side by side
 * and must not.
 */
import { useMemo } from 'react';
import { useDocument } from '../state/document.ts';
import { feederLayout } from '../network/feederLayout.ts';

export interface MiniMapProps {
  title: string;
  /** fill colour and hover text per bus id */
  bus: (id: string) => { colour: string; tip: string };
  /** buses ringed in red (a violated limit) */
  markedBuses?: ReadonlySet<string>;
  /** lines drawn thick red (a violated rating) */
  markedLines?: ReadonlySet<string>;
  /** a short note beside a bus (e.g. a microgrid's exchange change) */
  notes?: ReadonlyMap<string, { text: string; colour: string }>;
  legend?: { gradient: string; ticks: string[] };
  testId: string;
}

export function FeederMiniMap({ title, bus, markedBuses, markedLines, notes, legend, testId }: MiniMapProps) {
  const network = useDocument((s) => s.scenario.network);
  const layout = useMemo(() => feederLayout(network.buses, network.lines ?? [], network.substation.busId), [network.buses, network.lines, network.substation.busId]);
  const pts = [...layout.values()];
  // the map is drawn ~450 px wide whatever the feeder's size: marks and text grow with the layout so they stay legible
  const k = Math.max(0.6, (Math.max(...pts.map((p) => p.x)) - Math.min(...pts.map((p) => p.x))) / 450);
  const R = 6 * k, font = 9 * k;
  const x0 = Math.min(...pts.map((p) => p.x)) - 3 * R, x1 = Math.max(...pts.map((p) => p.x)) + 18 * R;
  const y0 = Math.min(...pts.map((p) => p.y)) - 3 * R, y1 = Math.max(...pts.map((p) => p.y)) + 3.5 * R;
  return (
    <figure className="mini-map" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`${x0} ${y0} ${x1 - x0} ${y1 - y0}`} preserveAspectRatio="xMidYMid meet" role="img" aria-label={title}>
        {(network.lines ?? []).map((l) => {
          const a = layout.get(l.from), b = layout.get(l.to);
          if (!a || !b) return null;
          const marked = markedLines?.has(l.id);
          return (
            <polyline key={l.id} points={`${a.x},${a.y} ${a.x},${b.y} ${b.x},${b.y}`} fill="none" stroke={marked ? '#c62828' : '#8a929c'} strokeWidth={(marked ? 4 : 1.5) * k} strokeDasharray={l.inService === false ? `${4 * k} ${3 * k}` : undefined} data-marked={marked ? 'true' : undefined}>
              <title>{`line ${l.id}: ${l.from} → ${l.to}${marked ? ' (rating violated)' : ''}`}</title>
            </polyline>
          );
        })}
        {network.buses.map((b) => {
          const p = layout.get(b.id);
          if (!p) return null;
          const { colour, tip } = bus(b.id);
          const marked = markedBuses?.has(b.id);
          const note = notes?.get(b.id);
          return (
            <g key={b.id}>
              <circle cx={p.x} cy={p.y} r={marked ? R * 1.4 : R} fill={colour} stroke={marked ? '#c62828' : '#39404a'} strokeWidth={(marked ? 3 : 0.8) * k} data-marked={marked ? 'true' : undefined}>
                <title>{tip}</title>
              </circle>
              <text x={p.x} y={p.y - R - 2 * k} textAnchor="middle" fontSize={font} fill="#39404a">
                {b.id}
              </text>
              {note && (
                <text x={p.x + R + 2 * k} y={p.y + R + font} fontSize={font * 1.15} fontWeight={600} fill={note.colour}>
                  {note.text}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {legend && (
        <div className="legend">
          <div className="legend-bar" style={{ background: legend.gradient }} />
          <div className="legend-ticks">
            {legend.ticks.map((t, i) => (
              <span key={i}>{t}</span>
            ))}
          </div>
        </div>
      )}
    </figure>
  );
}
