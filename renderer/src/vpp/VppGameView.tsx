/**
 * The vpp-game result: headline cards, the best-response picture (step through
 * / play), equilibrium sales and price by hour, revenue and market share,
 * building comfort, the constant-vs-flexible comparison, the certificate.
 * Every plot colours a VPP the same (vppColours).
 */
import { useMemo } from 'react';
import type { JobResult } from '../../../solver/contract.ts';
import { Card } from '../components/Card.tsx';
import { BestResponseView } from './BestResponseView.tsx';
import { EquilibriumByHour } from './EquilibriumByHour.tsx';
import { RevenueShare } from './RevenueShare.tsx';
import { BuildingComfort } from './BuildingComfort.tsx';
import { ControlComparison } from './ControlComparison.tsx';
import { VppCertificate } from './VppCertificate.tsx';
import { vppColours } from './vppColours.ts';
import { fmtMoney } from './format.ts';

export function VppGameView({ result, resultKey, classroom }: { result: JobResult<'vpp-game'>; resultKey: string; classroom: boolean }) {
  const data = result.data;
  const colours = useMemo(() => vppColours(data?.equilibrium.map((v) => v.id) ?? []), [data]);
  if (!data) return null;
  const volumeKwh = data.volumeKw.reduce((s, q) => s + q * data.dtHours, 0);
  const sold = data.price.map((p, t) => [p, data.volumeKw[t]!] as const).filter(([, q]) => q > 1e-6);
  const avgPrice = sold.length ? sold.reduce((s, [p, q]) => s + p * q, 0) / sold.reduce((s, [, q]) => s + q, 0) : null;
  const curves = data.bestResponseCurves;
  return (
    <div className="vpp-results" data-testid="vpp-results">
      <div className="cards" data-testid="summary">
        <Card label="P2P volume" value={`${volumeKwh.toFixed(0)} kWh`} sub={`${sold.length} of ${data.T} periods`} />
        <Card label="Avg P2P price" value={avgPrice === null ? '—' : avgPrice.toFixed(3)} sub={`fee ${data.feePerKwh.toFixed(3)} /kWh`} />
        <Card label="Total revenue" value={fmtMoney(data.totalRevenue)} sub={`${data.equilibrium.length} VPPs · ${data.control} control`} />
        <Card label="Sweeps" value={String(result.certificate?.sweeps ?? data.iterations.length)} sub="to equilibrium" />
      </div>
      {curves ? (
        <BestResponseView data={data} curves={curves} colours={colours} resultKey={resultKey} classroom={classroom} />
      ) : (
        <p className="muted">No best-response curves (fewer than two VPPs, or curve points 0).</p>
      )}
      <div className="section-head">
        <span>Equilibrium sales and P2P price by hour</span>
      </div>
      {classroom && <p className="explain">Bars: what each VPP sells P2P at the equilibrium. Line: the price buyers pay, lower when more is sold. The shaded hour is the one in the best-response picture.</p>}
      <EquilibriumByHour data={data} colours={colours} markPeriod={curves?.period ?? null} />
      <div className="section-head">
        <span>Revenue and market share</span>
      </div>
      <RevenueShare vpps={data.equilibrium} colours={colours} />
      <BuildingComfort vpps={data.equilibrium} colours={colours} dtHours={data.dtHours} />
      <ControlComparison data={data} colours={colours} />
      {!data.comparison && <p className="muted">Tick “Compare constant vs flexible” in the run options to see how AC flexibility changes revenue and market power.</p>}
      {result.certificate && <VppCertificate certificate={result.certificate} potential={data.potentialCheck} />}
    </div>
  );
}
