/**
 * The `portfolio` job: contract volumes minimising E[cost] + λ·CVaR_α, or
 * E[cost] subject to CVaR_α ≤ limit (Rockafellar & Uryasev, Journal of Risk
 * 2(3), 2000), in the stages toLp → solveLp → fromLp. The certificate holds
 * the LP's optimality evidence and the CVaR recomputed ex post by sorting
 * the chosen portfolio's scenario costs (docs/models/portfolio.md).
 */
import type { PortfolioCertificate, PortfolioData } from '../contract.ts';
import type { JobDefinition } from '../jobs/types.ts';
import { SolverError } from '../jobs/errors.ts';
import { lpCertificate } from '../lp/certificate.ts';
import { lpVerdict } from '../jobs/certification.ts';
import { preparePortfolio } from './problem.ts';
import { solveLp } from './solveLp.ts';
import { toLp } from './toLp.ts';
import { fromLp } from './fromLp.ts';

export const portfolioJob: JobDefinition<'portfolio'> = {
  kind: 'portfolio',
  usesLp: true,
  // `ggs export-lp`: the full model (every ambiguous scenario-period a purchase variable), whose optimum
  // the cutting-plane solve reaches; scenarios from the document's seed, or the default job seed 1
  buildLp: (scenario) => {
    const { problem, risk } = preparePortfolio(scenario, 1);
    return toLp(problem, risk).model;
  },
  *run(scenario, options, ctx) {
    if (!ctx.lp) throw new SolverError({ code: 'internal', message: 'the portfolio job needs an LP backend and none was loaded' });
    yield { fraction: 0, stage: 'preparing the spot-price and demand scenarios' };
    const prepared = preparePortfolio(scenario, ctx.seed);
    yield { fraction: 0.2, stage: `toLp + solveLp: the CVaR portfolio LP over ${prepared.problem.scenarios.S} scenarios with ${ctx.lp.name}` };
    const solved = yield* solveLp(scenario, prepared.problem, prepared.risk, ctx.lp, [0.2, 0.9]);
    yield { fraction: 0.9, stage: 'fromLp: scenario costs and risk of the chosen volumes', metrics: { rows: solved.model.rowCount, columns: solved.model.varCount, rounds: solved.rounds, relativeGap: solved.relativeGap } };
    const { data, certificate } = fromLp(prepared, solved, lpCertificate(solved.model, solved.solution));
    return { data, certificate, warnings: certificateWarnings(data, certificate, options.certificateTolerance) };
  },
  verdict: (c, options, data) => {
    const failures = certificateWarnings(data, c, options.certificateTolerance);
    const lp = lpVerdict(c.lp, options.certificateTolerance, failures);
    // the volumes' optimality gap is the headline number; any other failed check also fails the verdict
    return { ...lp, measure: 'relative optimality gap', value: Math.max(c.relativeGap, lp.value) };
  },
};

/** The certificate judged against the cost scale: a solution the backend called optimal but that does not look it. */
function certificateWarnings(data: PortfolioData, c: PortfolioCertificate, tolerance: number): string[] {
  const scale = Math.max(1, Math.abs(c.lp.objective));
  const out: string[] = [];
  if (c.lp.maxPrimalViolation > tolerance * scale) out.push(`the LP solution violates a constraint by ${c.lp.maxPrimalViolation.toExponential(2)}`);
  if (c.lp.dualityGap > tolerance * scale) out.push(`the LP duality gap is ${c.lp.dualityGap.toExponential(2)} (objective ${c.lp.objective})`);
  if (c.relativeGap > tolerance) out.push(`the volumes are optimal only to ${c.relativeGap.toExponential(2)} (relative gap between the LP bound and the exact objective)`);
  if (c.cvarRelativeError !== null && c.cvarRelativeError > tolerance) out.push(`the LP's CVaR differs from the ex-post CVaR by ${c.cvarRelativeError.toExponential(2)} (relative)`);
  if (c.cvarLimitSlack !== null && c.cvarLimitSlack < -tolerance * Math.max(1, Math.abs(data.cvar))) out.push(`the chosen portfolio's CVaR exceeds the limit by ${(-c.cvarLimitSlack).toExponential(2)}`);
  return out;
}
