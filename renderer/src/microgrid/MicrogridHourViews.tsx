/**
 * The hour-by-hour views of an mg-bargaining result, all on one hour (the
 * session's period, shared with the other result views): the P2P trades as a
 * flow diagram (plotly's sankey: senders left, receivers right), the feeder
 * before and after the ADN's exchange adjustment (AC voltages, violated
 * buses and lines marked, the adjustments written at the microgrids' buses
 * and listed), and P1's DLMPs as a bus × hour heat map and on the map.
 */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { MgBargainingData } from '../../../solver/jobs/kinds/mgBargaining.ts';
import { Plot } from '../components/Plot.tsx';
import { useSession } from '../state/session.ts';
import { useDocument } from '../state/document.ts';
import { voltageColour, voltageGradient, VOLTAGE_TOP } from '../results/colourScales.ts';
import { colourAt, cssGradient, dlmpStops, range } from '../opf/opfScales.ts';
import { hourLabel } from '../opf/opfView.ts';
import { DlmpGrid } from '../opf/DlmpHeatMap.tsx';
import { FeederMiniMap } from './FeederMiniMap.tsx';
import { safetyAt, sankeyOf, tradeFlowsAt, violatedPeriods } from './mgViews.ts';

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const NO_DATA = '#d5d9de';

function HourSlider({ T, dtHours, marks }: { T: number; dtHours: number; marks: number[] }) {
  const t = Math.min(useSession((s) => s.period), T - 1);
  return (
    <div className="mg-hour" data-testid="mg-hour">
      <span>Hour</span>
      <input type="range" min={0} max={T - 1} value={t} aria-label="hour" data-testid="mg-hour-slider" onChange={(e) => useSession.getState().set({ period: Number(e.target.value) })} />
      <span className="num" data-testid="mg-hour-label">{hourLabel(t, dtHours)}</span>
      {marks.length > 0 && <span className="muted">violations at {marks.map((k) => hourLabel(k, dtHours)).join(', ')}</span>}
    </div>
  );
}

function TradeFlows({ d, t }: { d: MgBargainingData; t: number }) {
  const ids = d.microgrids.map((m) => m.id);
  const flows = tradeFlowsAt(d, t);
  const data = useMemo<Data[]>(() => {
    const s = sankeyOf(ids, flows);
    const colours = [...ids, ...ids].map((_, k) => PALETTE[k % ids.length % PALETTE.length]!);
    return [
      {
        type: 'sankey',
        arrangement: 'fixed',
        node: { label: s.labels, color: colours, pad: 14, thickness: 14, line: { width: 0 } },
        link: { source: s.source, target: s.target, value: s.value, color: s.source.map((k) => `${PALETTE[k % PALETTE.length]}66`), hovertemplate: '%{source.label} → %{target.label}: %{value:.1f} kW<extra></extra>' },
      } as Data,
    ];
  }, [ids.join(','), flows.map((f) => `${f.from}>${f.to}:${f.kw}`).join(',')]);
  const layout: Partial<Layout> = { margin: { l: 8, r: 8, t: 8, b: 8 }, font: { size: 11 } };
  return flows.length === 0 ? (
    <p className="muted" data-testid="microgrid-flows-empty">No P2P trade at {hourLabel(t, d.dtHours)}: every microgrid deals with the ADN alone in this hour.</p>
  ) : (
    <Plot data={data} layout={layout} height={Math.max(130, 36 * ids.length)} exportName={`microgrid-flows-${t}`} testId="microgrid-flows" />
  );
}

export function MicrogridHourViews({ d, classroom }: { d: MgBargainingData; classroom: boolean }) {
  const t = Math.min(useSession((s) => s.period), d.T - 1);
  const buses = useDocument((s) => s.scenario.network.buses);
  const vmin = useMemo(() => Math.min(...buses.map((b) => b.vminPu ?? 0.95)), [buses]);
  const marks = useMemo(() => violatedPeriods(d), [d]);
  const hour = safetyAt(d, t);
  const index = useMemo(() => new Map(d.busIds.map((id, i) => [id, i])), [d.busIds]);
  const mgAt = useMemo(() => new Map(d.microgrids.map((m) => [m.busId, m.id])), [d.microgrids]);
  const dlmpScale = useMemo(() => {
    if (!d.dlmp) return null;
    const [lo, hi] = range(d.dlmp.total.flat());
    return { lo, hi, stops: dlmpStops(lo, hi) };
  }, [d.dlmp]);
  const label = hourLabel(t, d.dtHours);
  const voltageBus = (v: number[]) => (id: string) => {
    const x = v[index.get(id)!];
    return x === undefined ? { colour: NO_DATA, tip: `bus ${id}` } : { colour: voltageColour(x, vmin), tip: `bus ${id}${mgAt.has(id) ? ` (${mgAt.get(id)})` : ''}: ${x.toFixed(4)} p.u.` };
  };
  const vLegend = { gradient: voltageGradient(vmin), ticks: [vmin.toFixed(2), '1.00', VOLTAGE_TOP.toFixed(2)] };
  const violatedBuses = new Set(hour?.violations.filter((v) => v.kind !== 'thermal').map((v) => v.id));
  const violatedLines = new Set(hour?.violations.filter((v) => v.kind === 'thermal').map((v) => v.id));
  const remainingBuses = new Set(hour?.remaining.filter((v) => v.kind !== 'thermal').map((v) => v.id));
  const remainingLines = new Set(hour?.remaining.filter((v) => v.kind === 'thermal').map((v) => v.id));
  const adjustmentNotes = new Map(
    (hour?.adjustments ?? []).map((a) => {
      const m = d.microgrids.find((x) => x.id === a.microgrid)!;
      return [m.busId, { text: `${a.microgrid} ${a.deltaKw > 0 ? '+' : '−'}${Math.abs(a.deltaKw).toFixed(0)} kW`, colour: a.deltaKw > 0 ? '#1b7a3a' : '#b3541e' }] as const;
    }),
  );
  const mgNotes = new Map(d.microgrids.map((m) => [m.busId, { text: m.id, colour: '#1f4e8c' }] as const));
  return (
    <div data-testid="microgrid-hour-views">
      <HourSlider T={d.T} dtHours={d.dtHours} marks={marks} />
      <div className="section-head"><span>P2P trades at {label}: who sends to whom, kW</span></div>
      {classroom && <p className="explain">Each band is one trade in this hour, from the microgrid that sends (left) to the one that receives (right); its width is the power. Move the hour to watch the trades follow the sun and the tariff.</p>}
      <TradeFlows d={d} t={t} />
      {hour && (
        <>
          <div className="section-head"><span>The feeder at {label}: AC voltages after trading and after the ADN's adjustment</span></div>
          {classroom && <p className="explain">LinDistFlow ignores losses, so the traded plan can break limits in the exact (AC) power flow. Red rings and lines mark what is violated; the ADN then moves the microgrids' exchanges by the least amount (numbers beside their buses) until the AC flow is within limits.</p>}
          <div className="mini-maps">
            <FeederMiniMap testId="mg-map-before" title={`after trading · ${hour.violations.length} violation${hour.violations.length === 1 ? '' : 's'}`} bus={voltageBus(hour.voltagesBefore)} markedBuses={violatedBuses} markedLines={violatedLines} notes={mgNotes} legend={vLegend} />
            <FeederMiniMap testId="mg-map-after" title={`after the adjustment · ${hour.remaining.length === 0 ? 'within limits' : `${hour.remaining.length} still violated`}`} bus={voltageBus(hour.voltagesAfter)} markedBuses={remainingBuses} markedLines={remainingLines} notes={new Map<string, { text: string; colour: string }>([...mgNotes, ...adjustmentNotes])} legend={vLegend} />
          </div>
          {hour.violations.length > 0 && (
            <table className="data-table" data-testid="mg-hour-safety">
              <thead><tr><th>at {label}</th><th>where</th><th>value</th><th>limit</th></tr></thead>
              <tbody>
                {hour.violations.map((v) => (
                  <tr key={`${v.kind}-${v.id}`}><td>{v.kind === 'thermal' ? 'line rating' : v.kind === 'voltage-low' ? 'voltage below limit' : 'voltage above limit'}</td><td>{v.kind === 'thermal' ? `line ${v.id}` : `bus ${v.id}`}</td><td className="num">{v.value.toFixed(v.kind === 'thermal' ? 1 : 4)}</td><td className="num">{v.limit.toFixed(v.kind === 'thermal' ? 1 : 4)}</td></tr>
                ))}
                {hour.adjustments.map((a) => (
                  <tr key={`adj-${a.microgrid}`}><td>exchange adjusted</td><td>{a.microgrid}</td><td className="num">{a.deltaKw > 0 ? '+' : ''}{a.deltaKw.toFixed(1)} kW</td><td>{a.deltaKw > 0 ? 'injects more / draws less' : 'draws more / injects less'}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {d.dlmp && dlmpScale && (
        <div data-testid="mg-dlmp">
          <div className="section-head">
            <span>DLMPs of the social optimum (P1), /kWh</span>
            <span className="muted">energy + voltage + congestion, decomposition residual {d.dlmp.decompositionResidual.toExponential(1)}</span>
          </div>
          {classroom && <p className="explain">A DLMP is what one more kWh of load at a bus would cost the microgrids together. The ADN's own energy is free in P1 (each microgrid pays its tariff on its exchange), so a DLMP above zero means a LinDistFlow limit binds and the microgrids must change their plan to serve that load.</p>}
          {dlmpScale.hi - dlmpScale.lo < 1e-9 ? (
            <p className="muted" data-testid="mg-dlmp-flat">Every DLMP is {dlmpScale.lo.toFixed(4)} /kWh: no voltage or line limit binds in P1, so the network adds nothing to the price of load anywhere.</p>
          ) : (
            <div className="mini-maps">
              <DlmpGrid busIds={d.busIds} dlmp={d.dlmp.total} dtHours={d.dtHours} t={t} testId="mg-dlmp-heatmap" exportName="microgrid-dlmp" />
              <FeederMiniMap
                testId="mg-dlmp-map"
                title={`DLMP at ${label}`}
                bus={(id) => {
                  const k = index.get(id)!, dl = d.dlmp!;
                  const v = dl.total[t]![k]!;
                  return { colour: colourAt(dlmpScale.stops, v), tip: `bus ${id}: DLMP ${v.toFixed(4)} = energy ${dl.energy[t]!.toFixed(4)} + voltage ${dl.voltage[t]![k]!.toFixed(4)} + congestion ${dl.congestion[t]![k]!.toFixed(4)} /kWh` };
                }}
                notes={mgNotes}
                legend={{ gradient: cssGradient(dlmpScale.stops), ticks: [dlmpScale.lo.toFixed(3), ((dlmpScale.lo + dlmpScale.hi) / 2).toFixed(3), dlmpScale.hi.toFixed(3)] }}
              />
            </div>
          )}
        </div>
      )}
    </div>
  );
}
