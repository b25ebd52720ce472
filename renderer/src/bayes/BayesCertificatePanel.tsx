/** The evidence for a Bayesian equilibrium: the largest gain any type of any player gets from deviating on a fine grid, against ε. */
import type { BayesCertificate } from '../../../solver/contract.ts';
import { CertificateCard } from '../components/CertificateCard.tsx';
import { sci } from '../components/LpCertificateRows.tsx';

export function BayesCertificatePanel({ certificate: c, gridSizes }: { certificate: BayesCertificate; gridSizes?: string }) {
  return (
    <CertificateCard testId="bayes-certificate" verdict={<span className={c.isEpsilonEquilibrium ? 'muted' : 'form-issue'}>{c.isEpsilonEquilibrium ? `ε-equilibrium (ε = ${sci(c.epsilon)})` : `not within ε = ${sci(c.epsilon)}`}</span>} footer={<p className="muted">{c.statement}</p>}>
      <dt>Max deviation gain</dt>
      <dd data-testid="max-deviation-gain">{sci(c.maxDeviationGain)}</dd>
      <dt>ε</dt>
      <dd>{sci(c.epsilon)}</dd>
      <dt>Method</dt>
      <dd data-testid="bayes-method">
        {c.method === 'exact' ? 'exact enumeration' : `common-random-number sample of ${c.sampleSize ?? '?'} profiles`} ({c.typeProfiles} opponent type profiles)
      </dd>
      {gridSizes && (
        <>
          <dt>Grids</dt>
          <dd>{gridSizes}</dd>
        </>
      )}
      <dt>Certificate grid</dt>
      <dd>
        {c.refinement}× finer: {c.byPlayer.length <= 4 ? c.byPlayer.map((p) => `${p.player} ${p.fineGridPoints} pts`).join(', ') : `${c.byPlayer.length} players`}
      </dd>
      <dt>Worst player</dt>
      <dd>{worst(c)}</dd>
      <dt>Iterations</dt>
      <dd>
        {c.iterations} sweeps, {c.converged ? 'converged' : 'not converged'}
      </dd>
    </CertificateCard>
  );
}

function worst(c: BayesCertificate): string {
  if (!c.byPlayer.length) return '—';
  const w = c.byPlayer.reduce((a, b) => (b.maxGain > a.maxGain ? b : a));
  return `${w.player}: gain ${sci(w.maxGain)} at type ${fmt(w.worstType)} by ${fmt(w.bestDeviation)}`;
}
const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(4));
