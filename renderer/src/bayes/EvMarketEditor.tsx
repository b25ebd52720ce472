/**
 * The microgrid that hosts the EV fleets (`evMarket`): PV size and profile,
 * grid buy/sell prices, grid carbon intensity, carbon price, the V2V
 * exchange cost and the V2V switch, each with its unit; and the resolved
 * day — PV output, prices (with the carbon cost on imports) and carbon
 * intensity per period — so a user sees what the fields mean together.
 */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { EvMarket } from '../../../solver/scenario/schema.ts';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import { seriesValues } from '../../../solver/scenario/series.ts';
import { FormField } from '../components/FormField.tsx';
import { ProfileIdList } from '../components/IdLists.tsx';
import { Plot } from '../components/Plot.tsx';
import { useDocument } from '../state/document.ts';
import { useIssues } from '../state/useIssues.ts';

/** A microgrid to start from: flat prices, no PV, the schema's defaults elsewhere. */
export const NEW_EV_MARKET = { pvKw: 0, gridBuyPricePerKwh: 0.2, gridSellPricePerKwh: 0.05, gridCarbonKgPerKwh: 0.5, carbonPricePerKg: 0 };

export function EvMarketEditor() {
  const issues = useIssues();
  const scenario = useDocument((s) => s.scenario);
  const market = scenario.evMarket;
  const day = useMemo(() => resolvedDay(scenario), [scenario]);
  if (!market)
    return (
      <div className="form" data-testid="ev-market-editor">
        <p className="muted">This scenario has no EV microgrid{issues.has('evMarket') ? `: ${issues.get('evMarket')}` : ''}.</p>
        <button className="add-row" data-testid="ev-market-add" onClick={() => useDocument.getState().setField('evMarket', { ...NEW_EV_MARKET })}>
          + Add EV microgrid
        </button>
      </div>
    );
  const v2v = market.v2vEnabled !== false;
  return (
    <div className="form ev-market" data-testid="ev-market-editor">
      <ProfileIdList id="ev-profile-ids" />
      <p className="form-hint">A price, intensity or PV profile field takes a number (the same in every period) or a profile id.</p>
      <h3>PV</h3>
      <FormField path="evMarket.pvKw" label="PV peak" unit="kW" kind="optionalNumber" placeholder="0" issues={issues} />
      <FormField path="evMarket.pvProfile" label="PV profile" unit="p.u. of peak" kind="series" list="ev-profile-ids" placeholder="1 (full output)" issues={issues} />
      <h3>Grid</h3>
      <FormField path="evMarket.gridBuyPricePerKwh" label="Grid buy price λb" unit="money/kWh" kind="series" list="ev-profile-ids" issues={issues} hint="the microgrid pays it for imports and charges it for non-V2V charging" />
      <FormField path="evMarket.gridSellPricePerKwh" label="Grid sell price λs" unit="money/kWh" kind="series" list="ev-profile-ids" issues={issues} hint="paid for exports; the V2V price lies in [λs, λb]" />
      <FormField path="evMarket.gridCarbonKgPerKwh" label="Carbon intensity" unit="kg CO₂/kWh" kind="series" list="ev-profile-ids" placeholder="0.5" issues={issues} />
      <FormField path="evMarket.carbonPricePerKg" label="Carbon price" unit="money/kg CO₂" kind="optionalNumber" placeholder="0" issues={issues} hint="paid by the microgrid on grid imports" />
      <h3>V2V market</h3>
      <FormField path="evMarket.exchangeCostPerKwh" label="Exchange cost" unit="money/kWh" kind="optionalNumber" placeholder="0.005" issues={issues} hint="fees and losses per kWh traded, paid by each side" />
      <label className="form-field">
        <span className="form-label">V2V trading</span>
        <span>
          <input type="checkbox" data-testid="field-evMarket.v2vEnabled" checked={v2v} onChange={(e) => useDocument.getState().setField('evMarket.v2vEnabled', e.target.checked)} /> {v2v ? 'enabled' : 'disabled: the no-V2V baseline alone'}
        </span>
      </label>
      <h3>The day these settings give</h3>
      {day ? <Plot testId="ev-market-day" exportName="ev-microgrid-day" height={330} data={day.data} layout={day.layout} /> : <p className="muted">Fix the issues above to see the day.</p>}
    </div>
  );
}

function resolvedDay(scenario: unknown): { data: Data[]; layout: Partial<Layout> } | null {
  const v = validateScenario(scenario);
  if (!v.ok || !v.value.evMarket) return null;
  const s = v.value;
  const m: EvMarket = s.evMarket!;
  const hours = Array.from({ length: s.time.T }, (_, t) => t * s.time.dtHours);
  const series = (x: EvMarket['gridBuyPricePerKwh']) => Array.from(seriesValues(s, x));
  const pv = m.pvProfile === undefined ? hours.map(() => m.pvKw) : series(m.pvProfile).map((p) => p * m.pvKw);
  const buy = series(m.gridBuyPricePerKwh);
  const carbon = series(m.gridCarbonKgPerKwh);
  // top: what the microgrid has (PV) and how dirty the grid is; bottom: what grid energy costs
  const data: Data[] = [
    { type: 'bar', name: 'PV output (kW)', x: hours, y: pv, marker: { color: '#f2c230' }, opacity: 0.7, yaxis: 'y' },
    { type: 'scatter', mode: 'lines', name: 'carbon intensity (kg/kWh)', x: hours, y: carbon, yaxis: 'y2', line: { color: '#555', dash: 'dash', shape: 'hv' } },
    { type: 'scatter', mode: 'lines', name: 'buy λb', x: hours, y: buy, yaxis: 'y3', line: { color: '#1f77b4', shape: 'hv' } },
    { type: 'scatter', mode: 'lines', name: 'sell λs', x: hours, y: series(m.gridSellPricePerKwh), yaxis: 'y3', line: { color: '#d62728', shape: 'hv' } },
    ...(m.carbonPricePerKg > 0
      ? [{ type: 'scatter' as const, mode: 'lines' as const, name: 'buy + carbon cost', x: hours, y: buy.map((b, t) => b + m.carbonPricePerKg * carbon[t]!), yaxis: 'y3', line: { color: '#1f77b4', dash: 'dot' as const, shape: 'hv' as const } }]
      : []),
  ];
  return {
    data,
    layout: {
      xaxis: { title: { text: 'hour' }, anchor: 'y3' },
      yaxis: { title: { text: 'PV kW' }, rangemode: 'tozero', domain: [0.56, 1], anchor: 'x' },
      yaxis2: { title: { text: 'kg CO₂/kWh' }, overlaying: 'y', side: 'right', rangemode: 'tozero', showgrid: false },
      yaxis3: { title: { text: 'money/kWh' }, rangemode: 'tozero', domain: [0, 0.44], anchor: 'x' },
      showlegend: true,
      legend: { orientation: 'h', y: 1.16 },
      margin: { l: 54, r: 54, t: 30, b: 40 },
    },
  };
}
