/**
 * The `portfolio-evaluate` job: expected cost, standard deviation, VaR_α and
 * CVaR_α (historical estimators) of a user-given portfolio on the same
 * scenarios the optimiser sees. No LP.
 */
import type { JobDefinition } from '../jobs/types.ts';
import { SolverError } from '../jobs/errors.ts';
import { atMost } from '../jobs/certification.ts';
import { preparePortfolio, requirePortfolio } from './problem.ts';
import { portfolioMetrics } from './metrics.ts';

export const portfolioEvaluateJob: JobDefinition<'portfolio-evaluate'> = {
  kind: 'portfolio-evaluate',
  *run(scenario, options, ctx) {
    const pf = requirePortfolio(scenario);
    const known = new Set(pf.contracts.map((c) => c.id));
    const unknown = Object.keys(options.volumesKw).filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw new SolverError({ code: 'invalid-options', message: `options.volumesKw names contracts that do not exist: ${unknown.join(', ')}`, path: `options.volumesKw.${unknown[0]}` });
    yield { fraction: 0, stage: 'preparing the spot-price and demand scenarios' };
    const prepared = preparePortfolio(scenario, ctx.seed);
    const volumes = pf.contracts.map((c) => options.volumesKw[c.id] ?? c.heldKw ?? c.minKw);
    yield { fraction: 0.6, stage: 'scenario costs and risk' };
    const data = portfolioMetrics(prepared, volumes);
    const tailMass = (1 - data.alpha) * data.costs.length;
    const ruCvar = data.var + data.costs.reduce((sum, c) => sum + Math.max(c - data.var, 0), 0) / tailMass;
    const outsideBounds = pf.contracts.filter((c, k) => volumes[k]! < c.minKw || volumes[k]! > c.maxKw).map((c) => c.id);
    return {
      data,
      certificate: { ruCvar, cvarFormulaGap: Math.abs(ruCvar - data.cvar), outsideBounds },
      warnings: outsideBounds.map((id) => `contract ${id}: the evaluated volume lies outside its minKw..maxKw`),
    };
  },
  // two estimators of one CVaR must agree to rounding; a volume outside its bounds is evaluated anyway (a warning, not a failed certificate)
  verdict: (c, _options, data) =>
    atMost('relative CVaR formula gap', c.cvarFormulaGap / Math.max(1, Math.abs(data.cvar)), CVAR_FORMULA_TOLERANCE, () => `the two CVaR estimators differ by ${c.cvarFormulaGap.toExponential(2)}`),
};

/** Relative agreement of the sorted and the Rockafellar–Uryasev CVaR: both sum the same costs, so only rounding separates them. */
const CVAR_FORMULA_TOLERANCE = 1e-9;
