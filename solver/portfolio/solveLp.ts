/**
 * `solveLp` stage of the portfolio job: solve with the run's backend; an
 * infeasible model (a CVaR limit below what any allowed portfolio reaches)
 * is explained in scenario words with the path of the field to change.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { LpBackend, LpSolution } from '../lp/backend.ts';
import type { LpSuspect } from '../lp/diagnosis.ts';
import { solveOptimal, describeSuspect } from '../lp/solveOptimal.ts';
import { SolverError } from '../jobs/errors.ts';
import type { PortfolioLp } from './toLp.ts';

const round = (v: number) => Number(v.toPrecision(6));

function describePortfolioSuspect(scenario: Scenario, s: LpSuspect): { phrase: string; path?: string } {
  const o = s.origin;
  if (o?.kind === 'cvar-limit')
    return { phrase: `the CVaR limit of ${round(s.bound)} cannot be met (the allowed contracts reach at best about ${round(s.bound + s.shortfall)})`, path: 'portfolio.risk.cvarLimit' };
  if (o?.kind === 'contract') {
    const i = scenario.portfolio!.contracts.findIndex((c) => c.id === o.id);
    return s.side === 'lower'
      ? { phrase: `contract ${o.id} would need less than its minimum of ${s.bound} kW`, path: `portfolio.contracts[${i}].minKw` }
      : { phrase: `contract ${o.id} would need more than its maximum of ${s.bound} kW`, path: `portfolio.contracts[${i}].maxKw` };
  }
  return { phrase: describeSuspect(s) };
}

export function solveLp(scenario: Scenario, lp: PortfolioLp, backend: LpBackend): LpSolution {
  let firstPath: string | undefined;
  const describe = (s: LpSuspect) => {
    const d = describePortfolioSuspect(scenario, s);
    firstPath ??= d.path;
    return d.phrase;
  };
  try {
    return solveOptimal(lp.model, backend, { describe });
  } catch (e) {
    if (e instanceof SolverError && firstPath !== undefined) throw new SolverError({ ...e.error, path: firstPath, hint: 'raise the CVaR limit or widen the contracts’ volume bounds' });
    throw e;
  }
}
