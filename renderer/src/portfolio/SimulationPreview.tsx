/**
 * The scenarios the job will see: fan charts of price and demand across
 * scenarios, and for simulated ones the statistics of the simulation next to
 * the values its parameters imply (mean, std and lag-1 autocorrelation of the
 * OU part, jumps per day, the demand factor's mean, std and correlation with
 * price), so a planner can see the simulator does what it says.
 */
import { FanChart, DEMAND_COLOUR, PRICE_COLOUR } from './FanChart.tsx';
import { useScenarioPreview } from './useScenarioPreview.ts';

const fmt = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toPrecision(4));

export function SimulationPreview() {
  const { preview: p, pending } = useScenarioPreview();
  if (!p) return <div className="muted preview-note">Simulating…</div>;
  if (!p.ok) return <div className="banner stale" data-testid="preview-unavailable">No preview: {p.message}</div>;
  const v = p.preview;
  return (
    <div className={`scenario-preview${pending ? ' pending' : ''}`} data-testid="scenario-preview" data-pending={pending}>
      <div className="section-head">
        <span>Preview</span>
        <span className="muted" data-testid="preview-note">
          {v.source === 'simulated'
            ? `${v.shown === v.total ? `all ${v.total}` : `the first ${v.shown} of ${v.total}`} scenarios × ${v.T} periods, seed ${v.seed}; ${p.ms.toFixed(0)} ms`
            : `${v.total} imported scenarios × ${v.T} periods`}
        </span>
      </div>
      <div className="fan-pair">
        <figure>
          <figcaption>Spot price: median, 25–75 %, 5–95 %</figcaption>
          <FanChart bands={v.quantiles.pricePerKwh} unit="/kWh" colour={PRICE_COLOUR} digits={4} exportName="portfolio-price-fan" testId="preview-price-fan" />
        </figure>
        <figure>
          <figcaption>Demand: median, 25–75 %, 5–95 %</figcaption>
          <FanChart bands={v.quantiles.demandKw} unit="kW" colour={DEMAND_COLOUR} digits={0} exportName="portfolio-demand-fan" testId="preview-demand-fan" />
        </figure>
      </div>
      {v.statistics.length > 0 ? (
        <table className="grid readonly stats-table" data-testid="simulation-statistics">
          <thead>
            <tr>
              <th>Statistic (pooled over scenarios and periods)</th>
              <th>Model</th>
              <th>Simulated</th>
              <th>Difference</th>
            </tr>
          </thead>
          <tbody>
            {v.statistics.map((s) => (
              <tr key={s.name}>
                <td>
                  {s.name}
                  {s.unit && <span className="unit"> {s.unit}</span>}
                </td>
                <td className="num">{fmt(s.model)}</td>
                <td className="num">{fmt(s.sample)}</td>
                <td className="num">{fmt(s.sample - s.model)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">Imported scenarios have no model to compare with; the fan charts show them as they are.</p>
      )}
      {v.clipped > 0 && (
        <p className="muted" data-testid="preview-clipped">
          The floor or cap clipped {v.clipped} of {v.shown * v.T} prices ({((100 * v.clipped) / (v.shown * v.T)).toFixed(2)} %).
        </p>
      )}
    </div>
  );
}
