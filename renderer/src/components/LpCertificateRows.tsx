/** The rows every LP-backed certificate shows: status, objective, backend, duality gap, primal violation. */
import type { LpCertificate } from '../../../solver/lp/certificate.ts';

export const sci = (v: number | null) => (v === null || !Number.isFinite(v) ? '—' : v.toExponential(2));

export function LpCertificateRows({ lp, objectiveTestId }: { lp: LpCertificate; objectiveTestId?: string }) {
  return (
    <>
      <dt>LP status</dt>
      <dd data-testid="lp-status">{lp.status}</dd>
      <dt>Objective</dt>
      <dd data-testid={objectiveTestId}>{lp.objective.toFixed(4)}</dd>
      <dt>Backend</dt>
      <dd data-testid="lp-backend-used">{lp.backend === 'glpk' ? 'GLPK (glpk.js)' : 'HiGHS'}</dd>
      <dt>Duality gap</dt>
      <dd>{sci(lp.dualityGap)}</dd>
      <dt>Max primal violation</dt>
      <dd>{sci(lp.maxPrimalViolation)}</dd>
    </>
  );
}
