/** The evidence behind a portfolio: LP status, objective, duality gap, and the CVaR the LP reports against the one recomputed from the scenario costs. */
import type { PortfolioCertificate } from '../../../solver/contract.ts';
import { LpCertificateRows, sci } from '../components/LpCertificateRows.tsx';
import { CertificateCard } from '../components/CertificateCard.tsx';

export function PortfolioCertificatePanel({ certificate: c }: { certificate: PortfolioCertificate }) {
  return (
    <CertificateCard testId="portfolio-certificate">
      <LpCertificateRows lp={c.lp} objectiveTestId="portfolio-objective" />
      <dt>Optimality bounds</dt>
      <dd data-testid="portfolio-gap">
        {c.method === 'cutting-plane' ? 'cutting planes' : 'full LP'}: {c.lowerBound.toFixed(4)} ≤ optimum ≤ {c.upperBound.toFixed(4)} (relative gap {sci(c.relativeGap)}; {c.tailScenarios} tail scenarios)
      </dd>
      <dt>CVaR in the LP</dt>
      <dd>{c.lpCvar === null ? '— (λ = 0: no CVaR in the LP)' : c.lpCvar.toFixed(4)}</dd>
      <dt>Ex-post VaR / CVaR</dt>
      <dd data-testid="expost-cvar">
        {c.expostVar.toFixed(4)} / {c.expostCvar.toFixed(4)}
      </dd>
      <dt>CVaR relative error</dt>
      <dd>{sci(c.cvarRelativeError)}</dd>
      {c.cvarLimitSlack !== null && (
        <>
          <dt>CVaR limit slack</dt>
          <dd>{c.cvarLimitSlack.toFixed(4)}</dd>
        </>
      )}
      <dt>LP size</dt>
      <dd>
        {c.rows} rows × {c.columns} columns, {c.nonzeros} nonzeros; {c.spotVariables} spot purchase variables, {c.rounds} solve{c.rounds === 1 ? '' : 's'}
      </dd>
    </CertificateCard>
  );
}
