/**
 * The `opf` job: multi-period LinDistFlow optimal power flow with DERs,
 * DLMPs and carbon emission flow, in the three named stages
 * `toLp` (toLp.ts) → `solveLp` (solveLp.ts) → `fromLp` (fromLp.ts), plus the
 * AC power flow of the optimal injections for comparison. Model and
 * references: docs/models/opf.md.
 */
import type { CarbonBalance, OpfCertificate, OpfData, OpfPeriod } from '../contract.ts';
import type { JobDefinition } from '../jobs/types.ts';
import { SolverError } from '../jobs/errors.ts';
import { lpCertificate } from '../lp/certificate.ts';
import { lpVerdict } from '../jobs/certification.ts';
import { toLp } from './toLp.ts';
import { solveLp } from './solveLp.ts';
import { fromLp, type OpfBindingLimit } from './fromLp.ts';
import { derInjections } from './dispatch.ts';
import { acPeriod } from './acComparison.ts';

export const opfJob: JobDefinition<'opf'> = {
  kind: 'opf',
  usesLp: true,
  buildLp: (scenario, options) => toLp(scenario, { polygonSides: options.polygonSides }).model,
  *run(scenario, options, ctx) {
    if (!ctx.lp) throw new SolverError({ code: 'internal', message: 'the opf job needs an LP backend and none was loaded' });
    const { T, dtHours } = scenario.time;
    yield { fraction: 0, stage: 'toLp: building the LinDistFlow LP' };
    const lp = toLp(scenario, { polygonSides: options.polygonSides });
    yield { fraction: 0.1, stage: `solveLp: ${lp.model.rowCount} rows × ${lp.model.varCount} columns with ${ctx.lp.name}`, metrics: { rows: lp.model.rowCount, columns: lp.model.varCount } };
    const solution = solveLp(scenario, lp, ctx.lp);
    const lpCert = lpCertificate(lp.model, solution);

    const periods: OpfPeriod[] = [];
    const binding: OpfBindingLimit[] = [];
    let dlmpResidual = 0, carbonImbalanceKg = 0, acMismatch = 0, maxVoltageErrorPu = 0;
    for (let t = 0; t < T; t++) {
      const injections = derInjections(scenario, lp, solution.x, t);
      const ac = options.acComparison ? acPeriod(scenario, lp, injections, t, { tolerancePu: options.acTolerancePu, maxIterations: options.acMaxIterations }) : null;
      const reading = fromLp(scenario, lp, solution, t, injections, ac);
      periods.push(reading.period);
      binding.push(...reading.binding);
      dlmpResidual = Math.max(dlmpResidual, reading.dlmpResidual);
      carbonImbalanceKg = Math.max(carbonImbalanceKg, reading.carbonImbalanceKg);
      if (ac) {
        acMismatch = Math.max(acMismatch, ac.maxMismatchKva);
        for (const b of reading.period.buses) maxVoltageErrorPu = Math.max(maxVoltageErrorPu, Math.abs(b.vLinPu - b.vAcPu!));
      }
      yield { fraction: 0.2 + (0.8 * (t + 1)) / T, stage: `fromLp: period ${t + 1}/${T}` };
    }

    const sum = (f: (p: OpfPeriod) => number) => periods.reduce((s, p) => s + f(p), 0);
    const carbon: CarbonBalance = {
      emittedKg: sum((p) => p.carbon.emittedKg),
      loadsKg: sum((p) => p.carbon.loadsKg),
      lossesKg: sum((p) => p.carbon.lossesKg),
      storageKg: sum((p) => p.carbon.storageKg),
      exportKg: sum((p) => p.carbon.exportKg),
    };
    const data: OpfData = {
      T,
      dtHours,
      periods,
      summary: {
        cost: solution.objective,
        importCost: sum((p) => p.importKw * p.importPricePerKwh * dtHours),
        exportRevenue: sum((p) => p.exportKw * p.exportPricePerKwh * dtHours),
        generatorCost: sum((p) => p.generators.reduce((c, g, k) => c + g.pKw * scenario.network.der.generators[k]!.costPerKwh * dtHours, 0)),
        pvCurtailedKwh: sum((p) => p.pv.reduce((c, v) => c + v.curtailedKw * dtHours, 0)),
        carbon,
        carbonBasis: options.acComparison ? 'ac' : 'lindistflow',
        maxVoltageErrorPu: options.acComparison ? maxVoltageErrorPu : null,
        binding,
      },
    };
    const certificate: OpfCertificate = {
      lp: lpCert,
      rows: lp.model.rowCount,
      columns: lp.model.varCount,
      nonzeros: lp.model.nonzeroCount,
      polygonSides: options.polygonSides,
      dlmpDecompositionResidual: dlmpResidual,
      carbonImbalanceKg,
      acMaxMismatchKva: options.acComparison ? acMismatch : null,
    };
    return { data, certificate, warnings: certificateWarnings(certificate, options.certificateTolerance) };
  },
  verdict: (c, options) => lpVerdict(c.lp, options.certificateTolerance, certificateWarnings(c, options.certificateTolerance)),
};

/** The LP certificate judged against the objective's scale: a solution the backend called optimal but that does not look it. */
function certificateWarnings(c: OpfCertificate, tolerance: number): string[] {
  const scale = Math.max(1, Math.abs(c.lp.objective));
  const out: string[] = [];
  if (c.lp.maxPrimalViolation > tolerance * scale) out.push(`the LP solution violates a constraint by ${c.lp.maxPrimalViolation.toExponential(2)}`);
  if (c.lp.dualityGap > tolerance * scale) out.push(`the LP duality gap is ${c.lp.dualityGap.toExponential(2)} (objective ${c.lp.objective})`);
  return out;
}
