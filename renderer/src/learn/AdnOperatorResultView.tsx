/**
 * The adn-operator result: SAC's learned tariff against the grid-search
 * oracle — summary cards, the learning curve (welfare per episode), the
 * policy's adder over the episodes, welfare over the oracle's grid with the
 * learned point (one block), and the net import per period before and after.
 */
import { useMemo } from 'react';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { AdnOperatorCertificate, AdnOperatorData } from '../../../solver/jobs/kinds/adnOperator.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { Card } from '../components/Card.tsx';
import { Plot } from '../components/Plot.tsx';
import { adderCurveTraces, gridTraces, importTraces, operatorLayouts, welfareCurveTraces } from './adnOperatorViews.ts';

const money = (x: number) => x.toFixed(2);
const adders = (a: number[]) => a.map((x) => x.toFixed(4)).join(' / ');

export function AdnOperatorResultView({ classroom }: { classroom: boolean }) {
  const shown = useShownResult();
  const ok = !!shown && shown.result.job === 'adn-operator' && hasAnswer(shown.result.status) && !!shown.result.data;
  const d = ok ? (shown.result.data as AdnOperatorData) : null;
  const c = ok ? (shown.result.certificate as AdnOperatorCertificate | null) : null;
  const welfare = useMemo(() => (d ? welfareCurveTraces(d) : []), [d]);
  const adderCurve = useMemo(() => (d ? adderCurveTraces(d) : []), [d]);
  const grid = useMemo(() => (d ? gridTraces(d) : []), [d]);
  const imports = useMemo(() => (d ? importTraces(d) : []), [d]);
  if (!d) return null;
  return (
    <div data-testid="adn-operator-result">
      <div className="cards" data-testid="summary">
        <Card label="Learned tariff adder" value={adders(d.learned.adders)} sub={`per kWh, ${d.blocks} block(s); oracle ${d.oracle ? adders(d.oracle.adders) : '—'}`} />
        <Card label="Social welfare" value={money(d.learned.welfare)} sub={`oracle ${d.oracle ? money(d.oracle.welfare) : '—'}, zero adders ${money(d.baseline.welfare)}`} />
        <Card label="Oracle's gain reached" value={c?.gainGap === null || c?.gainGap === undefined ? '—' : `${(100 * (1 - c.gainGap)).toFixed(1)} %`} sub={`tolerance: ${c ? (100 * (1 - c.oracleGapTolerance)).toFixed(0) : '—'} %`} warn={!!c && c.gainGap !== null && c.gainGap > c.oracleGapTolerance} />
        <Card label="Market at the learned tariff" value={c?.marketCertified ? 'certified' : 'NOT certified'} sub={c ? `gap ${c.marketGap.toExponential(2)} to the pool optimum` : ''} warn={!!c && !c.marketCertified} />
        <Card label="Training" value={`${d.episodes} episodes`} sub={`${d.clearings} dual-ascent clearings in all`} />
      </div>
      <div className="section-head"><span>Learning curve: welfare of each episode's tariff</span></div>
      {classroom && <p className="explain">Each episode the operator tries a tariff adder, the microgrids clear their pool by dual ascent, and the operator is scored by social welfare. Early tries are random; the soft actor-critic narrows them toward the best tariff while its entropy bonus keeps some exploration.</p>}
      <Plot data={welfare} layout={operatorLayouts.welfare} height={290} exportName="adn-operator-welfare" testId="op-welfare" />
      <div className="section-head"><span>The policy's tariff adder over the episodes</span></div>
      <Plot data={adderCurve} layout={operatorLayouts.adder} height={220} exportName="adn-operator-adder" testId="op-adder" />
      {grid.length > 0 && (
        <>
          <div className="section-head"><span>Welfare over the oracle's grid of adders</span></div>
          {classroom && <p className="explain">Too low a tariff and the microgrids import more than the feeder's losses justify; too high and they pay for expensive local generation. The oracle tries every grid point; SAC found its tariff by trial.</p>}
          <Plot data={grid} layout={operatorLayouts.grid} height={240} exportName="adn-operator-grid" testId="op-grid" />
        </>
      )}
      <div className="section-head"><span>Net import from the ADN per period</span></div>
      <Plot data={imports} layout={operatorLayouts.imports} height={220} exportName="adn-operator-imports" testId="op-imports" />
      <table className="data-table" data-testid="op-outcomes">
        <thead>
          <tr><th>tariff</th><th>adders</th><th>welfare</th><th>microgrids' cost</th><th>ADN revenue</th><th>ADN cost</th></tr>
        </thead>
        <tbody>
          {([['zero adders', d.baseline], ['learned', d.learned], ...(d.oracle ? [['oracle', d.oracle] as const] : [])] as const).map(([name, o]) => (
            <tr key={name}>
              <td>{name}</td><td className="num">{adders(o.adders)}</td><td className="num">{money(o.welfare)}</td><td className="num">{money(o.microgridCost)}</td><td className="num">{money(o.adnRevenue)}</td><td className="num">{money(o.adnCost)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
