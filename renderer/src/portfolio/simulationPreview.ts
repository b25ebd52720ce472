/**
 * What the scenario section shows of the document's price/demand scenarios:
 * per-period quantile bands of price and demand (a fan chart) and, for
 * simulated ones, the simulator's statistics beside the model's parameters
 * (solver/portfolio/simulationStatistics.ts). Pure, and cheap enough for the
 * UI thread: at most PREVIEW_CELLS scenario-periods are simulated. Scenarios
 * are drawn one after another from one seeded stream, so the first n of the
 * preview are exactly the first n the job sees.
 */
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import { preparePortfolio } from '../../../solver/portfolio/problem.ts';
import { scenarioQuantiles, simulationStatistics, type SimulationStatistic } from '../../../solver/portfolio/simulationStatistics.ts';

/** scenario × period cells simulated for the preview: all 200 × 48 of the sample; a larger set shows its first scenarios */
export const PREVIEW_CELLS = 12_000;
export const FAN_PROBABILITIES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

export interface ScenarioPreview {
  source: 'simulated' | 'imported';
  /** scenarios in the preview, and in the document */
  shown: number;
  total: number;
  T: number;
  /** the seed the job uses for simulated scenarios (the document's, else the job's default 1) */
  seed: number | null;
  quantiles: ReturnType<typeof scenarioQuantiles>;
  /** model vs sample; empty for imported scenarios (there is no model to compare with) */
  statistics: SimulationStatistic[];
  /** prices the floor or cap clipped, of shown × T */
  clipped: number;
}

/** The preview, or the reason there is none (an invalid document: its issues are shown at their fields). */
export function scenarioPreview(scenario: ScenarioInput, jobSeed = 1): { ok: true; preview: ScenarioPreview } | { ok: false; message: string } {
  const v = validateScenario(scenario);
  if (!v.ok) return { ok: false, message: `the scenario has ${v.issues.length} validation issue${v.issues.length > 1 ? 's' : ''} (first: ${v.issues[0]!.path}: ${v.issues[0]!.message})` };
  const pf = v.value.portfolio;
  if (!pf) return { ok: false, message: 'the scenario has no contract portfolio' };
  const T = v.value.time.T;
  const total = pf.scenarios.kind === 'simulated' ? pf.scenarios.count : pf.scenarios.pricePerKwh.length;
  // statistics pool over periods too, so a long horizon needs few scenarios; three keep the quantile bands apart
  const shown = pf.scenarios.kind === 'simulated' ? Math.min(total, Math.max(3, Math.floor(PREVIEW_CELLS / T))) : total;
  const capped = pf.scenarios.kind === 'simulated' ? { ...v.value, portfolio: { ...pf, scenarios: { ...pf.scenarios, count: shown } } } : v.value;
  const prepared = preparePortfolio(capped, jobSeed);
  const sim = prepared.simulation;
  return {
    ok: true,
    preview: {
      source: pf.scenarios.kind,
      shown,
      total,
      T,
      seed: prepared.seed,
      quantiles: scenarioQuantiles(prepared.problem.scenarios, FAN_PROBABILITIES),
      statistics: sim ? simulationStatistics(sim, pf.spotPrice, pf.demand) : [],
      clipped: sim?.clippedCount ?? 0,
    },
  };
}
