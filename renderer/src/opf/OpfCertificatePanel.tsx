/** The evidence that the OPF is optimal: the LP's status, objective, backend, duality gap and primal violation, and the model's size. */
import type { OpfCertificate } from '../../../solver/contract.ts';
import { LpCertificateRows, sci } from '../components/LpCertificateRows.tsx';
import { CertificateCard } from '../components/CertificateCard.tsx';

export function OpfCertificatePanel({ certificate: c }: { certificate: OpfCertificate }) {
  return (
    <CertificateCard testId="opf-certificate">
      <LpCertificateRows lp={c.lp} />
      <dt>Max dual violation</dt>
      <dd>{sci(c.lp.maxDualViolation)}</dd>
      <dt>DLMP decomposition residual</dt>
      <dd>{sci(c.dlmpDecompositionResidual)} /kWh</dd>
      <dt>Carbon imbalance</dt>
      <dd>{sci(c.carbonImbalanceKg)} kg</dd>
      <dt>LP size</dt>
      <dd>
        {c.rows} rows × {c.columns} columns, {c.nonzeros} nonzeros ({c.polygonSides}-sided polygons)
      </dd>
    </CertificateCard>
  );
}
