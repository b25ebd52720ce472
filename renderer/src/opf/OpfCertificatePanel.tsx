/** The evidence that the OPF is optimal: the LP's status, objective, backend, duality gap and primal violation, and the model's size. */
import type { OpfCertificate } from '../../../solver/contract.ts';

const sci = (v: number) => (Number.isFinite(v) ? v.toExponential(2) : '—');

export function OpfCertificatePanel({ certificate: c }: { certificate: OpfCertificate }) {
  return (
    <div className="certificate" data-testid="opf-certificate">
      <div className="section-head">
        <span>Certificate</span>
      </div>
      <dl className="kv">
        <dt>LP status</dt>
        <dd data-testid="lp-status">{c.lp.status}</dd>
        <dt>Objective</dt>
        <dd>{c.lp.objective.toFixed(4)}</dd>
        <dt>Backend</dt>
        <dd data-testid="lp-backend-used">{c.lp.backend === 'glpk' ? 'GLPK (glpk.js)' : 'HiGHS'}</dd>
        <dt>Duality gap</dt>
        <dd>{sci(c.lp.dualityGap)}</dd>
        <dt>Max primal violation</dt>
        <dd>{sci(c.lp.maxPrimalViolation)}</dd>
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
      </dl>
    </div>
  );
}
