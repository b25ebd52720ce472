/**
 * The forecast job's result: every model against the baselines (error
 * table, skill over the seasonal naive, interval coverage), actual vs
 * forecast with the prediction interval over the test period, the error by
 * hour of day, the feature selection (convergence, Pareto front of
 * validation error vs feature count, the features chosen), and a button that
 * adds the best model's forecast after the data to the scenario as a load
 * profile (optionally driving a bus).
 */
import { useState } from 'react';
import type { Data } from 'plotly.js';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { ForecastCertificate, ForecastData } from '../../../solver/jobs/kinds/forecast.ts';
import { profileTargets, withForecastProfile } from '../../../solver/forecast/scenarioOf.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { acceptScenarioText, openBuiltScenario } from '../actions/documentActions.ts';
import { host } from '../host/hostRef.ts';
import { SAMPLES } from '../samples.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { useDocument } from '../state/document.ts';
import { Card } from '../components/Card.tsx';
import { Plot } from '../components/Plot.tsx';

const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits));
const timeOf = (d: ForecastData, t: number) => new Date(Date.parse(d.startIso) + t * d.stepMinutes * 60_000).toISOString();

export function forecastTraces(d: ForecastData, model: string): Data[] {
  const x = d.predictions.t.map((t) => timeOf(d, t));
  const s = d.predictions.models[model]!;
  return [
    { type: 'scatter', mode: 'lines', name: `${Math.round(d.intervalLevel * 100)} % interval`, x, y: s.hi, line: { width: 0 }, showlegend: false, hoverinfo: 'skip' },
    { type: 'scatter', mode: 'lines', name: `${Math.round(d.intervalLevel * 100)} % interval`, x, y: s.lo, fill: 'tonexty', fillcolor: 'rgba(31,119,180,0.18)', line: { width: 0 } },
    { type: 'scatter', mode: 'lines', name: 'actual', x, y: d.predictions.actual, line: { color: '#222', width: 1.5 } },
    { type: 'scatter', mode: 'lines', name: `forecast (${model})`, x, y: s.forecast, line: { color: '#1f77b4', width: 1.5 } },
  ];
}

export function ForecastResultView({ classroom }: { classroom: boolean }) {
  const shown = useShownResult();
  const d = shown?.result.data as ForecastData | undefined;
  const [model, setModel] = useState<string | null>(null);
  if (!shown || shown.result.job !== 'forecast' || !hasAnswer(shown.result.status) || !d) return null;
  const c = shown.result.certificate as ForecastCertificate | undefined;
  const shownModel = model && d.predictions.models[model] ? model : d.best;
  const best = d.models.find((m) => m.id === d.best)!;
  const naive = d.models.find((m) => m.id === 'naive');
  const ids = Object.keys(d.predictions.models);
  return (
    <>
      <div className="cards" data-testid="forecast-summary">
        <Card label="Best model" value={best.id} sub={`${best.label}${best.baseline ? ' — a baseline' : ''}`} warn={best.baseline} />
        <Card label="Test MAE" value={`${fmt(best.mae)} kWh`} sub={naive ? `seasonal naive ${fmt(naive.mae)} kWh` : ''} />
        <Card label="Skill vs naive" value={best.skillVsNaive === null ? '—' : `${(100 * best.skillVsNaive).toFixed(1)} %`} sub="1 − MAE / MAE of same-time-last-week" />
        <Card label="Interval coverage" value={`${(100 * best.coverage).toFixed(1)} %`} sub={`aimed at ${Math.round(100 * d.intervalLevel)} % (validation residual quantiles)`} warn={Math.abs(best.coverage - d.intervalLevel) > 0.1} />
      </div>
      {classroom && (
        <p className="explain">
          Every model is scored on the last days of the data, which no model or tuning step saw. The seasonal naive repeats last week; ridge is a linear model on the same lags and calendar. A learned model is only worth its complexity if it beats both. “Accuracy” is 100 − MAPE, the measure the seed papers report; MAPE counts only hours whose actual load is at least {d.mapeFloor} kWh.
        </p>
      )}
      <div className="section-head">
        <span>Errors on the test period</span>
        <span className="muted">
          {d.predictions.actual.length} forecasts from {d.testStartIso.slice(0, 10)}, {d.folds.length} rolling-origin folds, {d.horizon} × {d.stepMinutes} min ahead
        </span>
      </div>
      <div className="table-scroll" style={{ maxHeight: 'none' }}>
        <table className="grid readonly" data-testid="forecast-table">
          <thead>
            <tr>
              <th>Model</th>
              <th>MAE</th>
              <th>RMSE</th>
              <th>MAPE %</th>
              <th title="100 − MAPE, the seed papers' measure">Accuracy (100−MAPE)</th>
              <th>Skill vs naive</th>
              <th>Coverage</th>
            </tr>
          </thead>
          <tbody>
            {d.models.map((m) => (
              <tr key={m.id} data-model={m.id} onClick={() => setModel(m.id)} style={{ cursor: 'pointer', fontWeight: m.id === shownModel ? 600 : undefined }}>
                <td title={m.label}>
                  {m.id}
                  {m.baseline ? <span className="muted"> baseline</span> : null}
                </td>
                <td className="num">{fmt(m.mae)}</td>
                <td className="num">{fmt(m.rmse)}</td>
                <td className="num">{fmt(m.mape, 1)}</td>
                <td className="num">{fmt(m.accuracy, 1)}</td>
                <td className="num" style={(m.skillVsNaive ?? 0) < 0 ? { color: '#b00020' } : undefined}>
                  {m.skillVsNaive === null ? '—' : `${(100 * m.skillVsNaive).toFixed(1)} %`}
                </td>
                <td className="num">{(100 * m.coverage).toFixed(1)} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="section-head">
        <span>Actual vs forecast · {shownModel}</span>
        <label className="muted">
          model{' '}
          <select aria-label="forecast model" value={shownModel} onChange={(e) => setModel(e.target.value)}>
            {ids.map((id) => (
              <option key={id}>{id}</option>
            ))}
          </select>
        </label>
      </div>
      <Plot testId="forecast-vs-actual" exportName="forecast-vs-actual" height={300} data={forecastTraces(d, shownModel)} layout={{ yaxis: { title: { text: `${d.target}, kWh per interval` } }, margin: { l: 55, r: 10, t: 10, b: 40 }, legend: { orientation: 'h', y: 1.12 } }} />
      <div className="section-head">
        <span>Error by hour of day (local time)</span>
      </div>
      <Plot
        testId="forecast-by-hour"
        exportName="forecast-error-by-hour"
        height={220}
        data={ids.map((id): Data => ({ type: 'scatter', mode: 'lines+markers', name: id, x: Array.from({ length: 24 }, (_, h) => h), y: d.byHour[id] ?? [], line: { dash: id === 'naive' || id === 'ridge' ? 'dot' : 'solid' } }))}
        layout={{ xaxis: { title: { text: 'hour' }, dtick: 3 }, yaxis: { title: { text: 'MAE, kWh' }, rangemode: 'tozero' }, margin: { l: 55, r: 10, t: 10, b: 40 }, showlegend: true, legend: { orientation: 'h', y: 1.15 } }}
      />
      <div className="section-head">
        <span>Feature selection ({d.selection.method}) and ELM tuning ({d.tuning.method})</span>
        <span className="muted">redone in each fold on its own training window's validation split; shown: the last fold (from {d.folds[d.folds.length - 1]!.startIso.slice(0, 10)}), ELM {d.tuning.hidden} hidden units, λ = {d.tuning.lambda.toPrecision(3)}</span>
      </div>
      <div className="table-scroll">
      <table className="grid readonly" data-testid="forecast-folds">
        <thead>
          <tr><th>fold from</th><th>selected features</th><th>ELM hidden</th><th>λ</th></tr>
        </thead>
        <tbody>
          {d.folds.map((f) => (
            <tr key={f.start}><td>{f.startIso.slice(0, 10)}</td><td>{f.selected.join(', ')}</td><td>{f.hidden}</td><td>{f.lambda.toPrecision(3)}</td></tr>
          ))}
        </tbody>
      </table>
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
        <Plot
          testId="forecast-pareto"
          exportName="forecast-pareto-front"
          height={240}
          data={[{ type: 'scatter', mode: 'lines+markers', name: 'Pareto front', x: d.selection.front.map((p) => p.features), y: d.selection.front.map((p) => p.error), line: { shape: 'hv' } }, { type: 'scatter', mode: 'markers', name: 'chosen', x: [d.features.filter((f) => f.selected).length], y: [d.selection.error], marker: { size: 12, symbol: 'star', color: '#d62728' } }]}
          layout={{ xaxis: { title: { text: 'features used' }, dtick: 1 }, yaxis: { title: { text: 'validation MAE, kWh' } }, margin: { l: 55, r: 10, t: 10, b: 40 }, showlegend: false }}
        />
        <Plot
          testId="forecast-convergence"
          exportName="forecast-selection-convergence"
          height={240}
          data={[
            { type: 'scatter', mode: 'lines', name: `selection (${d.selection.method})`, y: d.selection.history },
            { type: 'scatter', mode: 'lines', name: `tuning (${d.tuning.method})`, y: d.tuning.history },
          ]}
          layout={{ xaxis: { title: { text: 'iteration' } }, yaxis: { title: { text: 'best validation MAE' } }, margin: { l: 55, r: 10, t: 10, b: 40 }, legend: { orientation: 'h', y: 1.15 } }}
        />
      </div>
      <p className="muted" data-testid="forecast-features">
        Selected: {d.features.filter((f) => f.selected).map((f) => f.label).join('; ')}. Not selected: {d.features.filter((f) => !f.selected).map((f) => f.name).join(', ') || 'none'}. (Ridge and the naive use all features / last week.)
      </p>
      <div className="section-head">
        <span>Forecast after the data{d.next ? ` (${d.next.model}, from ${d.next.startIso})` : ''}</span>
      </div>
      {d.next ? <ForecastToScenario d={d} /> : <p className="muted">{d.notes.find((n) => n.startsWith('no forecast')) ?? 'no forecast after the data'}</p>}
      {c && (
        <p className="muted" data-testid="forecast-certificate">
          Certificate: metrics recomputed from the stored forecasts to {c.metricsMaxDeviation.toExponential(1)}; {c.leakageViolations} leakage violations; {c.lookAheadDiffering} of {c.lookAheadRows} test feature rows change when the future is blanked. Scope — {c.scope}.
        </p>
      )}
      {d.source && (
        <p className="muted">
          Data: {d.source.name}
          {d.source.licence ? ` (${d.source.licence})` : ''}
          {d.source.citation ? ` — ${d.source.citation}` : ''}
        </p>
      )}
    </>
  );
}

/**
 * The forecast after the data as a scenario's load: into this document
 * (one undo step), or into another scenario — a sample or a file — opened as
 * a new, unsaved document with a VPP's other load, a microgrid's demand or a
 * bus's load (a community member) driven by it, scaled to a number of
 * similar households.
 */
function ForecastToScenario({ d }: { d: ForecastData }) {
  const current = useDocument((s) => s.scenario);
  const [base, setBase] = useState<{ key: string; name: string; scenario: ScenarioInput } | null>(null);
  const [targetKey, setTargetKey] = useState('');
  const [scale, setScale] = useState(1);
  const [added, setAdded] = useState<string | null>(null);
  const scenario = base?.scenario ?? current;
  const targets = profileTargets(scenario);
  const target = targets.find((t) => t.key === targetKey)?.target ?? {};
  const chooseBase = async (key: string) => {
    setTargetKey('');
    setAdded(null);
    if (key === '') return setBase(null);
    try {
      if (key === 'file') {
        const opened = await host().open();
        if (!opened) return;
        const s = await acceptScenarioText(opened.text, opened.name);
        if (s) setBase({ key, name: opened.name, scenario: s });
        return;
      }
      const sample = SAMPLES.find((x) => x.id === key)!;
      const s = await acceptScenarioText(await sample.load(), sample.fileName);
      if (s) setBase({ key, name: sample.fileName, scenario: s });
    } catch (e) {
      setAdded((e as Error).message);
    }
  };
  const apply = async () => {
    try {
      const next = withForecastProfile(scenario, { ...d.next!, stepMinutes: d.stepMinutes }, { id: 'forecast-load', ...target, scale });
      const what = `profile forecast-load added${targetKey ? `, driving ${targetKey.replace(':', ' ')}` : ''}${scale !== 1 ? ` (× ${scale})` : ''}`;
      if (!base) {
        useDocument.getState().edit((draft) => {
          draft.profiles = next.profiles;
          draft.network = next.network;
          if (next.vpps) draft.vpps = next.vpps;
          if (next.microgrids) draft.microgrids = next.microgrids;
        });
        setAdded(what);
      } else if (await openBuiltScenario(next, base.name.replace(/\.ggs\.json$/, '') + '-forecast.ggs.json')) setAdded(`${what}; opened ${base.name.replace(/\.ggs\.json$/, '')}-forecast.ggs.json`);
    } catch (e) {
      setAdded((e as Error).message);
    }
  };
  return (
    <div className="row" style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
      <label className="muted">
        into{' '}
        <select aria-label="scenario for the forecast profile" data-testid="forecast-base" value={base?.key ?? ''} onChange={(e) => void chooseBase(e.target.value)}>
          <option value="">this document</option>
          {SAMPLES.filter((x) => x.id !== 'household-forecast').map((x) => (
            <option key={x.id} value={x.id}>sample {x.fileName}</option>
          ))}
          <option value="file">a scenario file…</option>
        </select>
      </label>
      <label className="muted">
        driving{' '}
        <select aria-label="target of the forecast profile" data-testid="forecast-target" value={targetKey} onChange={(e) => setTargetKey(e.target.value)}>
          <option value="">(profile only)</option>
          {targets.map((t) => (
            <option key={t.key} value={t.key}>{t.label}</option>
          ))}
        </select>
      </label>
      <label className="muted">
        × households{' '}
        <input type="number" min={1} step={1} style={{ width: 60 }} aria-label="households the forecast stands for" data-testid="forecast-scale" value={scale} onChange={(e) => setScale(Math.max(1, Number(e.target.value) || 1))} />
      </label>
      <button className="small-button" data-testid="forecast-to-profile" onClick={() => void apply()}>
        {base ? 'Open the scenario with this load' : 'Use as load profile'}
      </button>
      {added && <span className="muted" data-testid="forecast-profile-added">{added}</span>}
    </div>
  );
}
