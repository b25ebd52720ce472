/**
 * The evcs-market result on screen (docs/models/evcs.md): summary cards, the
 * two maps side by side telling one story — the roads coloured by congestion
 * with each station sized by its EVs and labelled with its price, and the
 * feeder coloured by voltage with each station's bus marked by its load —,
 * the station table, the coupling's convergence (price residual per round
 * against the tolerance, each station's quoted price per round) and the
 * certificate (Wardrop gap, power-flow mismatch, market balance).
 */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { EvcsMarketCertificate, EvcsMarketData } from '../../../solver/jobs/kinds/evcsMarket.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { Card } from '../components/Card.tsx';
import { Plot } from '../components/Plot.tsx';
import { voltageColour, voltageGradient } from '../results/colourScales.ts';
import { vcColour } from '../transport/TrafficResultView.tsx';

const STATION_COLOURS = ['#2c6fbb', '#c0392b', '#27ae60', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#b7950b'];
const VMIN = 0.95;

export function EvcsResultView({ classroom }: { classroom: boolean }) {
  const shown = useShownResult();
  if (!shown || shown.result.job !== 'evcs-market' || !hasAnswer(shown.result.status) || !shown.result.data) return null;
  const d = shown.result.data as EvcsMarketData;
  const c = shown.result.certificate as EvcsMarketCertificate | undefined;
  const t = d.totals;
  return (
    <div data-testid="evcs-result">
      <div className="cards" data-testid="summary">
        <Card label="Coupling" value={`${d.coupling.iterations} rounds`} sub={d.coupling.converged ? `settled (${d.coupling.averaging} averaging)` : 'NOT settled: last round shown'} warn={!d.coupling.converged} />
        <Card label="EVs charging" value={`${t.evPerH.toFixed(1)} /h`} sub={`${t.stationLoadKw.toFixed(0)} kW at ${d.stations.length} stations`} />
        <Card label="Mean charging price" value={`${t.meanPricePerKwh.toFixed(3)} /kWh`} sub={`DSO tariff ${d.dso.buyPricePerKwh}`} />
        <Card label="Lowest voltage" value={`${t.minVoltagePu.toFixed(4)} p.u.`} sub={`bus ${t.minVoltageBus}`} warn={t.minVoltagePu < VMIN} />
        <Card label="Market (ADMM)" value={`${d.admm.iterations} iterations`} sub={`${d.trades.length} P2P trades`} warn={!d.admm.converged} />
      </div>
      {classroom && (
        <p className="explain">
          Drivers pick the station that is cheapest overall: driving time, charging and queueing time, and the price turned into minutes. The stations buy their energy from the DSO or from neighbours with solar panels and small plants; their price follows what the energy cost them, which moves drivers
          again — until nothing changes any more.
        </p>
      )}
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 16 }}>
        <div>
          <div className="section-head">
            <span>Roads · v/c, stations (EVs/h · price)</span>
          </div>
          <EvcsRoadMap data={d} />
        </div>
        <div>
          <div className="section-head">
            <span>Feeder · voltage, station loads</span>
            <span className="muted" style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
              {VMIN}
              <span style={{ display: 'inline-block', width: 100, height: 8, background: voltageGradient(VMIN) }} />
              1.05 p.u.
            </span>
          </div>
          <FeederMap data={d} />
        </div>
      </div>
      <StationTable data={d} />
      <div className="section-head">
        <span>Coupling · price residual and quoted prices per round</span>
        {c && <span className="muted">tolerance {c.coupling.tolerancePerKwh}/kWh</span>}
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 16 }}>
        <ResidualPlot data={d} tolerance={c?.coupling.tolerancePerKwh} />
        <PricePlot data={d} />
      </div>
      {c && <EvcsCertificateView certificate={c} />}
    </div>
  );
}

/** Fits points to a W × H box, y up. */
function fit<T extends { x: number; y: number }>(points: T[], W: number, H: number, pad: number) {
  const xs = points.map((n) => n.x), ys = points.map((n) => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((W - 2 * pad) / (x1 - x0 || 1), (H - 2 * pad) / (y1 - y0 || 1));
  const ox = (W - scale * (x1 - x0)) / 2, oy = (H - scale * (y1 - y0)) / 2;
  return (p: { x: number; y: number }) => ({ x: ox + (p.x - x0) * scale, y: H - (oy + (p.y - y0) * scale) });
}

function EvcsRoadMap({ data }: { data: EvcsMarketData }) {
  const W = 460, H = 520;
  const drawing = useMemo(() => {
    const place = fit(data.nodes, W, H, 36);
    const at = new Map(data.nodes.map((n) => [n.id, place(n)]));
    const maxFlow = Math.max(1e-9, ...data.links.map((l) => l.flowVehPerH));
    const links = data.links.flatMap((l) => {
      const a = at.get(l.from), b = at.get(l.to);
      if (!a || !b) return [];
      const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
      const width = 1 + 6 * (l.flowVehPerH / maxFlow);
      const off = 2 + width / 2;
      const nx = (-(b.y - a.y) / len) * off, ny = ((b.x - a.x) / len) * off;
      return [{ ...l, x1: a.x - nx, y1: a.y - ny, x2: b.x - nx, y2: b.y - ny, width }];
    });
    const maxEv = Math.max(1e-9, ...data.stations.map((s) => s.evPerH));
    const stations = data.stations.map((s, k) => ({ ...s, p: at.get(s.node)!, r: 7 + 13 * Math.sqrt(s.evPerH / maxEv), colour: STATION_COLOURS[k % STATION_COLOURS.length]! }));
    return { at, links, stations };
  }, [data]);
  return (
    <svg data-testid="evcs-road-map" viewBox={`0 0 ${W} ${H}`} style={{ width: '100%', background: '#fafbfc', border: '1px solid #e3e6ea' }}>
      {drawing.links.map((l) => (
        <line key={l.id} data-link={l.id} x1={l.x1} y1={l.y1} x2={l.x2} y2={l.y2} stroke={vcColour(l.vc)} strokeWidth={l.width} strokeLinecap="round">
          <title>{`${l.id}: ${l.flowVehPerH.toFixed(0)} veh/h, v/c ${l.vc.toFixed(2)}, ${l.timeMin.toFixed(2)} min`}</title>
        </line>
      ))}
      {[...drawing.at].map(([id, p]) => (
        <circle key={id} cx={p.x} cy={p.y} r={3.5} fill="#fff" stroke="#3b4a5e" strokeWidth={1} />
      ))}
      {drawing.stations.map((s) => (
        <g key={s.id} data-station={s.id}>
          <circle cx={s.p.x} cy={s.p.y} r={s.r} fill={s.colour} fillOpacity={0.75} stroke="#1d2733" strokeWidth={1.2}>
            <title>{`${s.id}: ${s.evPerH.toFixed(1)} EV/h (${(100 * s.utilisation).toFixed(0)} %), wait ${s.waitMin.toFixed(1)} min, price ${s.pricePerKwh.toFixed(3)}/kWh`}</title>
          </circle>
          <text x={s.p.x + s.r + 3} y={s.p.y - 3} fontSize={11} fontWeight={600} fill="#1d2733" stroke="#fff" strokeWidth={3} paintOrder="stroke">
            {s.id}
          </text>
          <text x={s.p.x + s.r + 3} y={s.p.y + 10} fontSize={10} fill="#3b4a5e" stroke="#fff" strokeWidth={3} paintOrder="stroke">
            {`${s.evPerH.toFixed(1)} EV/h · ${s.pricePerKwh.toFixed(3)}`}
          </text>
        </g>
      ))}
    </svg>
  );
}

function FeederMap({ data }: { data: EvcsMarketData }) {
  const W = 560, H = 520;
  const drawing = useMemo(() => {
    const placed = data.buses.filter((b): b is typeof b & { x: number; y: number } => b.x !== undefined && b.y !== undefined);
    if (placed.length < data.buses.length / 2) return null;
    const place = fit(placed, W, H, 24);
    const at = new Map(placed.map((b) => [b.id, place(b)]));
    const v = new Map(data.buses.map((b) => [b.id, b.vmPu]));
    const lines = data.lines.flatMap((l) => {
      const a = at.get(l.from), b = at.get(l.to);
      return a && b ? [{ ...l, a, b, colour: voltageColour(v.get(l.to)!, VMIN) }] : [];
    });
    const maxKw = Math.max(1e-9, ...data.stations.map((s) => s.loadKw));
    const stations = data.stations.flatMap((s, k) => {
      const p = at.get(s.busId);
      return p ? [{ ...s, p, size: 8 + 14 * Math.sqrt(s.loadKw / maxKw), colour: STATION_COLOURS[k % STATION_COLOURS.length]! }] : [];
    });
    const prosumers = data.participants.filter((p) => p.kind === 'prosumer').flatMap((p) => (at.has(p.busId) ? [{ ...p, p: at.get(p.busId)! }] : []));
    return { at, v, lines, stations, prosumers };
  }, [data]);
  if (!drawing) return <div className="empty-results">The feeder's buses have no coordinates to draw.</div>;
  return (
    <svg data-testid="evcs-feeder-map" viewBox={`0 0 ${W} ${H}`} style={{ width: '100%', background: '#fafbfc', border: '1px solid #e3e6ea' }}>
      {drawing.lines.map((l) => (
        <line key={l.id} x1={l.a.x} y1={l.a.y} x2={l.b.x} y2={l.b.y} stroke={l.colour} strokeWidth={2.5}>
          <title>{`${l.id}: ${l.pKw.toFixed(0)} kW`}</title>
        </line>
      ))}
      {[...drawing.at].map(([id, p]) => (
        <circle key={id} data-bus={id} cx={p.x} cy={p.y} r={2.5} fill={voltageColour(drawing.v.get(id)!, VMIN)}>
          <title>{`bus ${id}: ${drawing.v.get(id)!.toFixed(4)} p.u.`}</title>
        </circle>
      ))}
      {drawing.prosumers.map((p) => (
        <g key={p.id}>
          <polygon points={`${p.p.x},${p.p.y - 8} ${p.p.x + 7},${p.p.y + 5} ${p.p.x - 7},${p.p.y + 5}`} fill="#f1c40f" stroke="#7d6608">
            <title>{`${p.id}: injects ${p.injectionKw.toFixed(0)} kW`}</title>
          </polygon>
          <text x={p.p.x + 9} y={p.p.y + 4} fontSize={10} fill="#7d6608">
            {p.id}
          </text>
        </g>
      ))}
      {drawing.stations.map((s) => (
        <g key={s.id} data-station-bus={s.busId}>
          <rect x={s.p.x - s.size / 2} y={s.p.y - s.size / 2} width={s.size} height={s.size} fill={s.colour} fillOpacity={0.75} stroke="#1d2733">
            <title>{`${s.id} at bus ${s.busId}: ${s.loadKw.toFixed(0)} kW, ${s.voltagePu.toFixed(4)} p.u.`}</title>
          </rect>
          {/* labels near the right edge go to the left of the marker */}
          <text x={s.p.x > W - 160 ? s.p.x - s.size / 2 - 3 : s.p.x + s.size / 2 + 3} y={s.p.y + 4} textAnchor={s.p.x > W - 160 ? 'end' : 'start'} fontSize={10} fill="#1d2733" stroke="#fff" strokeWidth={3} paintOrder="stroke">
            {`${s.id} ${s.loadKw.toFixed(0)} kW · ${s.voltagePu.toFixed(3)}`}
          </text>
        </g>
      ))}
    </svg>
  );
}

function StationTable({ data }: { data: EvcsMarketData }) {
  return (
    <table className="table" data-testid="evcs-stations">
      <thead>
        <tr>
          <th>station</th>
          <th>node / bus</th>
          <th>EVs/h</th>
          <th>utilisation</th>
          <th>load kW</th>
          <th>wait min</th>
          <th>energy cost /kWh</th>
          <th>price /kWh</th>
          <th>voltage p.u.</th>
        </tr>
      </thead>
      <tbody>
        {data.stations.map((s, k) => (
          <tr key={s.id}>
            <td>
              <span style={{ color: STATION_COLOURS[k % STATION_COLOURS.length] }}>■</span> {s.id}
            </td>
            <td>
              {s.node} / {s.busId}
            </td>
            <td className="num">{s.evPerH.toFixed(2)}</td>
            <td className="num">{(100 * s.utilisation).toFixed(0)} %</td>
            <td className="num">{s.loadKw.toFixed(1)}</td>
            <td className="num">{s.waitMin.toFixed(2)}</td>
            <td className="num">{s.energyPricePerKwh.toFixed(4)}</td>
            <td className="num">{s.pricePerKwh.toFixed(4)}</td>
            <td className="num">{s.voltagePu.toFixed(4)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ResidualPlot({ data, tolerance }: { data: EvcsMarketData; tolerance: number | undefined }) {
  const traces = useMemo<Data[]>(() => {
    const k = data.coupling.rounds.map((r) => r.k);
    return [
      { x: k, y: data.coupling.rounds.map((r) => Math.max(r.priceResidual, 1e-16)), type: 'scatter', mode: 'lines+markers', name: 'price residual', line: { color: '#2c6fbb' }, hovertemplate: 'round %{x}<br>residual %{y:.2e}/kWh<extra></extra>' },
      ...(tolerance === undefined ? [] : [{ x: [1, Math.max(2, k.length)], y: [tolerance, tolerance], type: 'scatter', mode: 'lines', name: 'tolerance', line: { color: '#888', dash: 'dash', width: 1 }, hoverinfo: 'skip' } as Data]),
    ];
  }, [data, tolerance]);
  const layout = useMemo<Partial<Layout>>(
    () => ({ xaxis: { title: { text: 'round' }, dtick: 1 }, yaxis: { title: { text: 'max |answer − quote|, /kWh' }, type: 'log', exponentformat: 'power' }, showlegend: true, legend: { orientation: 'h', x: 1, xanchor: 'right', y: 1 }, margin: { l: 60, r: 10, t: 24, b: 36 } }),
    [],
  );
  return <Plot exportName="evcs-coupling-residual" testId="evcs-residual-plot" height={240} data={traces} layout={layout} />;
}

function PricePlot({ data }: { data: EvcsMarketData }) {
  const traces = useMemo<Data[]>(
    () =>
      data.stations.map<Data>((s, i) => ({
        x: data.coupling.rounds.map((r) => r.k),
        y: data.coupling.rounds.map((r) => r.pricePerKwh[i]!),
        type: 'scatter',
        mode: 'lines+markers',
        name: s.id,
        line: { color: STATION_COLOURS[i % STATION_COLOURS.length] },
        hovertemplate: `${s.id}<br>round %{x}<br>price %{y:.4f}/kWh<extra></extra>`,
      })),
    [data],
  );
  const layout = useMemo<Partial<Layout>>(() => ({ xaxis: { title: { text: 'round' }, dtick: 1 }, yaxis: { title: { text: 'quoted price, /kWh' } }, showlegend: true, legend: { orientation: 'h', x: 1, xanchor: 'right', y: 1 }, margin: { l: 60, r: 10, t: 24, b: 36 } }), []);
  return <Plot exportName="evcs-coupling-prices" testId="evcs-price-plot" height={240} data={traces} layout={layout} />;
}

function EvcsCertificateView({ certificate: c }: { certificate: EvcsMarketCertificate }) {
  const rows: [string, string, string][] = [
    ['coupling: price residual', `${c.coupling.priceResidualPerKwh.toExponential(2)} /kWh after ${c.coupling.iterations} rounds`, `≤ ${c.coupling.tolerancePerKwh}`],
    ['traffic: relative gap', c.traffic.relativeGap.toExponential(2), `≤ ${c.traffic.tolerance.relativeGap}`],
    ['traffic: Wardrop (route and station)', `${(c.traffic.maxWardropExcess * 100).toFixed(2)} % dearer than the cheapest${c.traffic.wardrop.worst ? ` (from ${c.traffic.wardrop.worst.from})` : ''}`, `≤ ${(c.traffic.tolerance.wardrop * 100).toFixed(1)} %`],
    ['power flow: mismatch', `${c.powerflow.maxMismatchKva.toExponential(2)} kVA (last change ${c.powerflow.lastVoltageChangePu.toExponential(2)} p.u.)`, `≤ ${c.powerflow.tolerancePu} p.u.`],
    ['market balance', `${Math.max(c.market.maxBalanceKw, c.market.maxTradeMismatchKw).toExponential(2)} kW, Σ payments ${c.market.paymentSum.toExponential(1)}${c.market.admmConverged ? '' : ', ADMM not converged'}`, `≤ ${c.market.toleranceKw} kW`],
  ];
  return (
    <div className="certificate" data-testid="evcs-certificate">
      <div className="section-head">
        <span>Certificate</span>
      </div>
      <table className="table">
        <tbody>
          {rows.map(([what, value, limit]) => (
            <tr key={what}>
              <td>{what}</td>
              <td>{value}</td>
              <td className="muted">{limit}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
