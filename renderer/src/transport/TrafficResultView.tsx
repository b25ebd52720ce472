/**
 * The traffic equilibrium on screen: summary cards, the road map with each
 * link drawn by its flow (width) and volume/capacity (colour; a two-way
 * street's directions side by side, driving on the right), the relative gap
 * per iteration of each method on a log axis with the target, and the
 * certificate (gap, Wardrop check per method, agreement of the two methods).
 */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { TrafficCertificate, TrafficData } from '../../../solver/contract.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { useDocument } from '../state/document.ts';
import { Card } from '../components/Card.tsx';
import { Plot } from '../components/Plot.tsx';
import { interpolate, rgb, type Stop } from '../results/colourScales.ts';

/** v/c 0 grey-green, 0.8 amber, 1 red, beyond 1.5 dark red: the usual level-of-service reading */
const VC_STOPS: Stop[] = [
  [0, [120, 170, 120]],
  [0.6, [170, 190, 80]],
  [0.85, [230, 159, 0]],
  [1, [214, 69, 43]],
  [1.5, [120, 20, 20]],
];
export const vcColour = (vc: number) => interpolate(VC_STOPS, vc);

const METHOD_LABEL = { 'gradient-projection': 'gradient projection', 'frank-wolfe': 'Frank–Wolfe' } as const;
const METHOD_COLOUR = { 'gradient-projection': '#2c6fbb', 'frank-wolfe': '#c0392b' } as const;

export function TrafficResultView({ classroom }: { classroom: boolean }) {
  const shown = useShownResult();
  if (!shown || shown.result.job !== 'traffic' || !hasAnswer(shown.result.status) || !shown.result.data) return null;
  const d = shown.result.data as TrafficData;
  const c = shown.result.certificate as TrafficCertificate | undefined;
  return (
    <div data-testid="traffic-result">
      <div className="cards" data-testid="summary">
        <Card label="Average trip" value={`${d.averageTripMin.toFixed(2)} min`} sub={`${Math.round(d.totalDemandVehPerH)} veh/h over ${d.ods.length} OD pairs`} />
        <Card label="Total travel time" value={`${(d.totalTravelTimeVehMin / 60).toFixed(0)} veh·h/h`} sub={`${d.links.length} links`} />
        <Card label="Max volume/capacity" value={d.maxVc.vc.toFixed(2)} sub={`link ${d.maxVc.link}`} warn={d.maxVc.vc > 1} />
        {d.convergence.map((m) => (
          <Card key={m.method} label={METHOD_LABEL[m.method]} value={`${m.iterations} iterations`} sub={`gap ${m.gaps[m.gaps.length - 1]!.toExponential(2)}${m.converged ? '' : ' (cap reached)'}`} warn={!m.converged} />
        ))}
      </div>
      <div className="section-head">
        <span>Road map · link flow (width) and volume/capacity (colour), {METHOD_LABEL[d.method]}</span>
        <VcLegend />
      </div>
      {classroom && (
        <p className="explain">
          Every driver takes the route that is quickest for them given everyone else’s choices. Roads slow down as they fill (BPR curve), so traffic spreads until all used routes between two places take the same time.
        </p>
      )}
      <RoadMap data={d} />
      <div className="section-head">
        <span>Convergence · relative gap per iteration</span>
        {c && <span className="muted">target {c.tolerance.relativeGap}</span>}
      </div>
      <GapPlot data={d} target={c?.tolerance.relativeGap} />
      {c && <TrafficCertificateView certificate={c} data={d} />}
    </div>
  );
}

function VcLegend() {
  const stops = VC_STOPS.map(([v, col]) => `${rgb(col)} ${((v / 1.5) * 100).toFixed(0)}%`).join(', ');
  return (
    <span className="muted" style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      v/c 0
      <span style={{ display: 'inline-block', width: 120, height: 8, background: `linear-gradient(to right, ${stops})` }} />
      1.5+
    </span>
  );
}

/** The map in SVG: scenario coordinates fitted to the box, y up. */
function RoadMap({ data }: { data: TrafficData }) {
  const nodes = useDocument((s) => s.scenario.transport?.nodes);
  const drawing = useMemo(() => {
    if (!nodes || nodes.length === 0) return null;
    const W = 720, H = 420, pad = 28;
    const xs = nodes.map((n) => n.x), ys = nodes.map((n) => n.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const scale = Math.min((W - 2 * pad) / (x1 - x0 || 1), (H - 2 * pad) / (y1 - y0 || 1));
    const ox = (W - scale * (x1 - x0)) / 2, oy = (H - scale * (y1 - y0)) / 2;
    const at = new Map(nodes.map((n) => [n.id, { x: ox + (n.x - x0) * scale, y: H - (oy + (n.y - y0) * scale) }]));
    const maxFlow = Math.max(1e-9, ...data.links.map((l) => l.flowVehPerH));
    const links = data.links.flatMap((l) => {
      const a = at.get(l.from), b = at.get(l.to);
      if (!a || !b) return [];
      const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
      const width = 1 + 7 * (l.flowVehPerH / maxFlow);
      // offset to the right of the direction of travel, so both directions of a street show
      const off = 2 + width / 2;
      const nx = (-(b.y - a.y) / len) * off, ny = ((b.x - a.x) / len) * off;
      return [{ ...l, x1: a.x - nx, y1: a.y - ny, x2: b.x - nx, y2: b.y - ny, width }];
    });
    return { W, H, at, links };
  }, [nodes, data]);
  if (!drawing) return <div className="empty-results">The scenario has no road network to draw.</div>;
  return (
    <svg className="road-map" data-testid="road-map" viewBox={`0 0 ${drawing.W} ${drawing.H}`} style={{ width: '100%', maxWidth: drawing.W, background: '#fafbfc', border: '1px solid #e3e6ea' }}>
      {drawing.links.map((l) => (
        <line key={l.id} data-link={l.id} x1={l.x1} y1={l.y1} x2={l.x2} y2={l.y2} stroke={vcColour(l.vc)} strokeWidth={l.width} strokeLinecap="round">
          <title>{`${l.id}: ${l.flowVehPerH.toFixed(0)} veh/h, v/c ${l.vc.toFixed(2)}, ${l.timeMin.toFixed(2)} min (free ${l.freeFlowMin.toFixed(2)})`}</title>
        </line>
      ))}
      {[...drawing.at].map(([id, p]) => (
        <g key={id}>
          <circle cx={p.x} cy={p.y} r={5} fill="#fff" stroke="#3b4a5e" strokeWidth={1.2} />
          {drawing.at.size <= 60 && (
            <text x={p.x + 7} y={p.y - 6} fontSize={10} fill="#3b4a5e">
              {id}
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}

function GapPlot({ data, target }: { data: TrafficData; target: number | undefined }) {
  const traces = useMemo<Data[]>(
    () => [
      ...data.convergence.map<Data>((m) => ({
        x: m.gaps.map((_, i) => i + 1),
        y: m.gaps.map((g) => Math.max(g, 1e-16)),
        type: 'scatter',
        mode: m.gaps.length > 60 ? 'lines' : 'lines+markers',
        name: METHOD_LABEL[m.method],
        line: { color: METHOD_COLOUR[m.method], width: 1.5 },
        marker: { size: 4 },
        hovertemplate: `${METHOD_LABEL[m.method]}<br>iteration %{x}<br>gap %{y:.2e}<extra></extra>`,
      })),
      ...(target === undefined ? [] : [{ x: [1, Math.max(2, ...data.convergence.map((m) => m.gaps.length))], y: [target, target], type: 'scatter', mode: 'lines', name: 'target', line: { color: '#888', dash: 'dash', width: 1 }, hoverinfo: 'skip' } as Data]),
    ],
    [data, target],
  );
  const layout = useMemo<Partial<Layout>>(
    () => ({
      xaxis: { title: { text: 'iteration' }, type: 'log' },
      yaxis: { title: { text: 'relative gap' }, type: 'log', exponentformat: 'power', gridcolor: '#eef0f3' },
      showlegend: true,
      legend: { orientation: 'h', x: 0.5, xanchor: 'right', y: 1, yanchor: 'top' },
      margin: { l: 56, r: 10, t: 24, b: 36 },
    }),
    [],
  );
  return <Plot exportName="traffic-convergence" testId="traffic-gap-plot" height={240} data={traces} layout={layout} />;
}

function TrafficCertificateView({ certificate: c, data }: { certificate: TrafficCertificate; data: TrafficData }) {
  return (
    <div className="certificate" data-testid="traffic-certificate">
      <div className="section-head">
        <span>Certificate</span>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>method</th>
            <th>iterations</th>
            <th>relative gap</th>
            <th>Wardrop: worst used path</th>
            <th>paths checked</th>
          </tr>
        </thead>
        <tbody>
          {c.methods.map((m) => (
            <tr key={m.method}>
              <td>
                {METHOD_LABEL[m.method]}
                {m.method === data.method ? ' (shown)' : ''}
              </td>
              <td className="num">{m.iterations}</td>
              <td className="num">{m.relativeGap.toExponential(2)}</td>
              <td>
                {(m.wardrop.maxRelativeExcess * 100).toFixed(2)} % dearer than the shortest
                {m.wardrop.worst ? ` (${m.wardrop.worst.from} → ${m.wardrop.worst.to})` : ''}
              </td>
              <td className="num">{m.wardrop.examined}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Gap target {c.tolerance.relativeGap}; a used path (≥ {(c.methods[0]!.wardrop.usedShare * 100).toFixed(1)} % of its OD’s trips) may cost at most {(c.tolerance.wardrop * 100).toFixed(1)} % more than the shortest.
        {data.agreement ? ` The two methods’ link flows differ by ${data.agreement.maxLinkFlowDiffVehPerH.toFixed(2)} veh/h at most (${(data.agreement.relative * 100).toFixed(2)} % of the largest flow).` : ''}
      </p>
    </div>
  );
}
