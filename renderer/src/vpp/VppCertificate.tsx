/** The evidence that the quantities are an equilibrium: deviation gains, sweeps and residuals, the potential oracle. */
import type { VppGameCertificate, VppGameData } from '../../../solver/contract.ts';
import { ResidualHistoryPlot } from '../results/ResidualHistoryPlot.tsx';
import { CertificateCard } from '../components/CertificateCard.tsx';

const sci = (v: number) => (v === 0 ? '0' : v.toExponential(2));

export function VppCertificate({ certificate: c, potential }: { certificate: VppGameCertificate; potential: VppGameData['potentialCheck'] }) {
  const equilibrium = c.maxRelativeDeviationGain <= 1e-6;
  return (
    <CertificateCard testId="vpp-certificate" verdict={<span className={equilibrium ? 'status-ok' : 'status-error'}>{equilibrium ? 'no VPP gains by deviating' : 'a VPP gains by deviating'}</span>} footer={<ResidualHistoryPlot values={c.residualHistory} quantity="max |Δq|" unit="kW" />}>
      <dt>Max deviation gain</dt>
      <dd data-testid="max-deviation-gain">
        {sci(c.maxDeviationGain)} ({sci(c.maxRelativeDeviationGain)} of its payoff; must be ≤ 1e-6)
      </dd>
      <dt>Iterations</dt>
      <dd>
        {c.sweeps} Gauss–Seidel sweeps, {c.bestResponses} best responses (HiGHS QP, {(c.bestResponseMs / Math.max(c.bestResponses, 1)).toFixed(0)} ms each)
      </dd>
      <dt>Last residual</dt>
      <dd>
        {sci(c.residualHistory[c.residualHistory.length - 1] ?? NaN)} kW (tol {sci(c.toleranceKw)})
      </dd>
      <dt>Potential check</dt>
      <dd>
        {potential
          ? `max |q − q_Φ| = ${sci(potential.maxQuantityDiffKw)} kW; Φ ${potential.potentialAtEquilibrium.toFixed(4)} vs max ${potential.potentialMaximum.toFixed(4)}`
          : 'not run (Run options)'}
      </dd>
    </CertificateCard>
  );
}
