/**
 * The result of `portfolio` (or `portfolio-evaluate`): expected cost and risk
 * at a glance, the volume of each contract, the cost histogram over the
 * scenarios with VaR and CVaR marked, and the LP certificate.
 */
import type { PortfolioCertificate, PortfolioData, PortfolioMetrics } from '../../../solver/contract.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { Card } from '../components/Card.tsx';
import { CostHistogram } from './CostHistogram.tsx';
import { VolumesBar } from './VolumesBar.tsx';
import { PortfolioCertificatePanel } from './PortfolioCertificatePanel.tsx';
import { FanChart, PRICE_COLOUR } from './FanChart.tsx';
import { FrontierCurve } from './FrontierPlots.tsx';
import { useFrontierStale } from './FrontierPanel.tsx';
import { useStudies } from './portfolioStudies.ts';
import { useScenarioPreview } from './useScenarioPreview.ts';
import { useDocument } from '../state/document.ts';
import { useSession } from '../state/session.ts';

const money = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 0 });

export function PortfolioResultView({ classroom }: { classroom: boolean }) {
  const shown = useShownResult();
  if (!shown || (shown.result.job !== 'portfolio' && shown.result.job !== 'portfolio-evaluate')) return null;
  const data = shown.result.data as PortfolioMetrics & Partial<Pick<PortfolioData, 'lambda' | 'cvarLimit'>>;
  const pct = `${Math.round(data.alpha * 1000) / 10} %`;
  const target = data.lambda != null ? `λ = ${data.lambda}` : data.cvarLimit != null ? `CVaR ≤ ${money(data.cvarLimit)}` : 'given portfolio';
  return (
    <>
      <div className="cards" data-testid="portfolio-summary">
        <Card label="Expected cost" value={money(data.expectedCost)} sub={`contracts ${money(data.contractCost)} + spot ${money(data.expectedSpotCost)}`} />
        <Card label="Std of cost" value={money(data.stdCost)} sub={`${data.scenarios.count} ${data.scenarios.source} scenarios × ${data.scenarios.T} periods`} />
        <Card label={`VaR ${pct}`} value={money(data.var)} sub={`${money(data.var - data.expectedCost)} above E[cost]`} />
        <Card label={`CVaR ${pct}`} value={money(data.cvar)} sub={`mean of the worst ${Math.round((1 - data.alpha) * 1000) / 10} %; ${target}`} />
      </div>
      {classroom && (
        <p className="explain">
          Each bar of the histogram counts the scenarios whose total cost falls in it. VaR is the cost exceeded in only {Math.round((1 - data.alpha) * 1000) / 10} % of the scenarios; CVaR is the average cost of those worst scenarios. Raising λ buys more contracts to pull CVaR down, usually at a higher expected cost.
        </p>
      )}
      <div className="section-head">
        <span>Cost over the scenarios</span>
        <span className="muted" data-testid="histogram-markers">
          VaR {money(data.var)} · CVaR {money(data.cvar)}
        </span>
      </div>
      <CostHistogram data={data} />
      <div className="section-head">
        <span>Contract volumes</span>
        <span className="muted">{data.contracts.length} contracts</span>
      </div>
      <VolumesBar data={data} />
      <PriceFan />
      <FrontierSummary marked={{ label: target, cvar: data.cvar, expectedCost: data.expectedCost }} />
      {shown.result.job === 'portfolio' && shown.result.certificate && <PortfolioCertificatePanel certificate={shown.result.certificate as PortfolioCertificate} />}
    </>
  );
}

/** The spot prices of the document's scenarios (the job's, unless the result is stale). */
function PriceFan() {
  const { preview } = useScenarioPreview();
  if (!preview?.ok) return null;
  const v = preview.preview;
  return (
    <>
      <div className="section-head">
        <span>{v.source === 'simulated' ? 'Simulated' : 'Imported'} spot prices</span>
        <span className="muted">median, 25–75 % and 5–95 % across {v.shown === v.total ? '' : `the first ${v.shown} of `}scenarios</span>
      </div>
      <FanChart bands={v.quantiles.pricePerKwh} unit="/kWh" colour={PRICE_COLOUR} digits={4} exportName="portfolio-price-fan" testId="price-fan" height={220} />
    </>
  );
}

/** The last frontier (section "Frontier & compare") with this result marked on it. */
function FrontierSummary({ marked }: { marked: { label: string; cvar: number; expectedCost: number } }) {
  const points = useStudies((s) => s.points);
  const mode = useStudies((s) => s.pointsMode);
  const running = useStudies((s) => s.running);
  const stale = useFrontierStale();
  const names = useDocument((s) => s.scenario.portfolio?.contracts ?? []);
  return (
    <>
      <div className="section-head">
        <span>Efficient frontier{stale ? <span className="stale"> (before the last edit)</span> : null}</span>
        <button className="small-button" onClick={() => useSession.getState().set({ section: 'portfolioRisk' })} data-testid="open-frontier">
          {points.length ? (running ? 'solving…' : 'open') : 'solve…'}
        </button>
      </div>
      {points.length > 0 ? <FrontierCurve points={points} mode={mode} contracts={names} marked={marked} height={220} testId="result-frontier" /> : <p className="muted">Not solved yet: Frontier & compare solves it over λ or CVaR limits.</p>}
    </>
  );
}
