/**
 * The simulated spot prices as a fan chart: per-period 5–95 % and 25–75 %
 * bands and the median across scenarios (scenarioQuantiles), simulated here
 * from the document with the same seeded generator the job uses.
 */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import { preparePortfolio } from '../../../solver/portfolio/problem.ts';
import { scenarioQuantiles } from '../../../solver/portfolio/simulationStatistics.ts';
import { useDocument } from '../state/document.ts';
import { Plot } from '../components/Plot.tsx';

const PROBABILITIES = [0.05, 0.25, 0.5, 0.75, 0.95];

export function PriceFanChart({ seed = 1 }: { seed?: number }) {
  const scenario = useDocument((s) => s.scenario);
  const q = useMemo(() => {
    const v = validateScenario(scenario);
    if (!v.ok || !v.value.portfolio) return null;
    return scenarioQuantiles(preparePortfolio(v.value, seed).problem.scenarios, PROBABILITIES);
  }, [scenario, seed]);
  const traces = useMemo<Data[]>(() => {
    if (!q) return [];
    const x = q.pricePerKwh[0]!.map((_, t) => t + 1);
    const band = (lo: number[], hi: number[], fill: string, name: string): Data[] => [
      { x, y: lo, type: 'scatter', mode: 'lines', line: { width: 0 }, hoverinfo: 'skip', name: `${name} low` },
      { x, y: hi, type: 'scatter', mode: 'lines', line: { width: 0 }, fill: 'tonexty', fillcolor: fill, name, hovertemplate: `period %{x}: ${name} up to %{y:.4f}/kWh<extra></extra>` },
    ];
    return [
      ...band(q.pricePerKwh[0]!, q.pricePerKwh[4]!, 'rgba(47,111,179,0.15)', '5–95 %'),
      ...band(q.pricePerKwh[1]!, q.pricePerKwh[3]!, 'rgba(47,111,179,0.35)', '25–75 %'),
      { x, y: q.pricePerKwh[2]!, type: 'scatter', mode: 'lines', line: { color: '#2f6fb3', width: 2 }, name: 'median', hovertemplate: 'period %{x}: median %{y:.4f}/kWh<extra></extra>' },
    ];
  }, [q]);
  const layout = useMemo<Partial<Layout>>(() => ({ xaxis: { title: { text: 'period' }, gridcolor: '#eef0f3' }, yaxis: { title: { text: 'spot price /kWh' }, gridcolor: '#eef0f3' }, margin: { l: 56, r: 8, t: 8, b: 40 } }), []);
  if (!q) return null;
  return <Plot exportName="portfolio-price-fan" height={220} data={traces} layout={layout} testId="price-fan" />;
}
