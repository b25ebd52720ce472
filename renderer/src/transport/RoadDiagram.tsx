/**
 * The road network being edited, drawn from its coordinates (y up): links
 * as lines (both directions of a street side by side), nodes as dots (zone
 * centroids hollow squares), the charging stations as green discs. The
 * selected node, link or station is highlighted; clicking one selects it in
 * the tables. What the user typed wrong (a link to a node that does not
 * exist, a coordinate that is not a number) is simply not drawn: the table
 * flags it.
 */
import { useMemo } from 'react';
import { useDocument } from '../state/document.ts';
import { selectRoad, useRoadSelection } from './roadSelection.ts';

const W = 720, H = 360, PAD = 24;
const NONE: never[] = [];

export function RoadDiagram() {
  const transport = useDocument((s) => s.scenario.transport);
  const stations = useDocument((s) => s.scenario.evcs?.stations ?? NONE);
  const sel = useRoadSelection();
  const drawing = useMemo(() => {
    const nodes = (transport?.nodes ?? []).filter((n) => Number.isFinite(n.x) && Number.isFinite(n.y) && typeof n.x === 'number' && typeof n.y === 'number');
    if (nodes.length === 0) return null;
    const xs = nodes.map((n) => n.x), ys = nodes.map((n) => n.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const scale = Math.min((W - 2 * PAD) / (x1 - x0 || 1), (H - 2 * PAD) / (y1 - y0 || 1));
    const ox = (W - scale * (x1 - x0)) / 2, oy = (H - scale * (y1 - y0)) / 2;
    const at = new Map(nodes.map((n) => [n.id, { x: ox + (n.x - x0) * scale, y: H - (oy + (n.y - y0) * scale), through: n.through !== false }]));
    const links = (transport?.links ?? []).flatMap((l) => {
      const a = at.get(l.from), b = at.get(l.to);
      if (!a || !b || l.from === l.to) return [];
      const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
      const nx = (-(b.y - a.y) / len) * 2.5, ny = ((b.x - a.x) / len) * 2.5;
      return [{ id: l.id, x1: a.x - nx, y1: a.y - ny, x2: b.x - nx, y2: b.y - ny, title: `${l.id}: ${l.from} → ${l.to}, ${l.freeFlowMin} min, ${l.capacityVehPerH} veh/h` }];
    });
    return { at, links };
  }, [transport]);
  if (!drawing) return <div className="empty-results">No road nodes with coordinates to draw.</div>;
  const hi = '#d35400';
  return (
    <svg className="road-diagram" data-testid="road-diagram" viewBox={`0 0 ${W} ${H}`} style={{ width: '100%', maxWidth: W, background: '#fafbfc', border: '1px solid #e3e6ea' }}>
      {drawing.links.map((l) => (
        <line key={l.id} data-link={l.id} x1={l.x1} y1={l.y1} x2={l.x2} y2={l.y2} stroke={sel.link === l.id ? hi : '#8a97a8'} strokeWidth={sel.link === l.id ? 4 : 2} strokeLinecap="round" style={{ cursor: 'pointer' }} onClick={() => selectRoad({ link: l.id })}>
          <title>{l.title}</title>
        </line>
      ))}
      {[...drawing.at].map(([id, p]) => {
        const on = sel.node === id;
        return (
          <g key={id} data-node={id} style={{ cursor: 'pointer' }} onClick={() => selectRoad({ node: id })}>
            {p.through ? (
              <circle cx={p.x} cy={p.y} r={on ? 6 : 4.5} fill={on ? hi : '#fff'} stroke="#3b4a5e" strokeWidth={1.2} />
            ) : (
              <rect x={p.x - 4.5} y={p.y - 4.5} width={9} height={9} fill={on ? hi : '#fff'} stroke="#3b4a5e" strokeWidth={1.2} />
            )}
            {drawing.at.size <= 80 && (
              <text x={p.x + 7} y={p.y - 6} fontSize={10} fill="#3b4a5e">
                {id}
              </text>
            )}
          </g>
        );
      })}
      {stations.map((s) => {
        const p = drawing.at.get(s.node);
        if (!p) return null;
        const on = sel.station === s.id;
        return (
          <g key={s.id} data-station={s.id} style={{ cursor: 'pointer' }} onClick={() => selectRoad({ station: s.id })}>
            <circle cx={p.x} cy={p.y} r={on ? 11 : 9} fill="#2e9e5b" fillOpacity={0.35} stroke={on ? hi : '#2e9e5b'} strokeWidth={on ? 3 : 1.5} />
            <text x={p.x + 10} y={p.y + 14} fontSize={10} fontWeight={600} fill="#1f6e3f">
              {s.name || s.id} · bus {s.busId}
            </text>
            <title>{`${s.id}: node ${s.node}, bus ${s.busId}, ${s.chargers} × ${s.chargerKw} kW`}</title>
          </g>
        );
      })}
    </svg>
  );
}
