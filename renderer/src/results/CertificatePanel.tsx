/** The evidence that the power flow converged: mismatch, sweeps, residual history. */
import type { PowerflowCertificate } from '../../../solver/contract.ts';
import { ResidualHistoryPlot } from './ResidualHistoryPlot.tsx';
import { CertificateCard } from '../components/CertificateCard.tsx';

export function CertificatePanel({ certificate }: { certificate: PowerflowCertificate }) {
  return (
    <CertificateCard testId="certificate" footer={<ResidualHistoryPlot values={certificate.residualHistory} quantity="ΔV" unit="p.u." />}>
      <dt>Max power mismatch</dt>
      <dd>{certificate.maxMismatchKva.toExponential(2)} kVA</dd>
      <dt>Last voltage change</dt>
      <dd>{certificate.lastVoltageChangePu.toExponential(2)} p.u. (tol {certificate.tolerancePu.toExponential(0)})</dd>
      <dt>Sweeps (max over periods)</dt>
      <dd>{certificate.iterations}</dd>
    </CertificateCard>
  );
}
