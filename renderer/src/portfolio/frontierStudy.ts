/**
 * The efficient frontier as a what-if study: the `portfolio` job swept over
 * a list of risk weights λ (`portfolio.risk.lambda`) or of CVaR caps
 * (`portfolio.risk.cvarLimit`), run by the engine's runStudy over the Host
 * (several points at once where the host has a worker pool). Pure: the form
 * in, a Study (or every reason it cannot run) out; a StudyResult in, the
 * frontier's points out.
 */
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import type { Study } from '../../../solver/whatif/study.ts';
import type { PointAnswer, StudyResult } from '../../../solver/whatif/result.ts';
import type { JobStatus } from '../../../solver/contract.ts';
import { prepareStudy } from '../whatif/runWhatif.ts';

export type FrontierMode = 'lambda' | 'cvarLimit';

export const FRONTIER_PATH: Record<FrontierMode, string> = { lambda: 'portfolio.risk.lambda', cvarLimit: 'portfolio.risk.cvarLimit' };
/** what each point keeps (portfolioMetricOutputs, solver/jobs/kinds/portfolioMetrics.ts) */
export const FRONTIER_OUTPUTS = ['expectedCost', 'cvar', 'var', 'stdCost', 'volumeKw'];
export const DEFAULT_LAMBDAS = '0,0.25,0.5,1,2,4';

/**
 * The scenario with only the swept risk field set, at the first value: the
 * schema takes either a weight or a cap, never both, and the engine sweeps a
 * field that exists.
 */
export function frontierBase(scenario: ScenarioInput, mode: FrontierMode, first: number): ScenarioInput {
  const pf = scenario.portfolio;
  if (!pf) return scenario;
  const { lambda: _l, cvarLimit: _c, ...risk } = pf.risk ?? {};
  return { ...scenario, portfolio: { ...pf, risk: { ...risk, [mode]: first } } };
}

export function frontierStudy(scenario: ScenarioInput, mode: FrontierMode, valuesText: string, backend: 'glpk' | 'highs'): { ok: true; study: Study } | { ok: false; issues: string[] } {
  const first = Number(valuesText.split(/[,:]/)[0]);
  const base = frontierBase(scenario, mode, Number.isFinite(first) ? first : 0);
  const form = { kind: 'portfolio' as const, design: 'sweep' as const, param: FRONTIER_PATH[mode], values: valuesText, grid: false, param2: '', values2: '', outputs: FRONTIER_OUTPUTS, tornadoParams: [], deltaPct: '' };
  const prepared = prepareStudy(base, form, undefined);
  if (!prepared.ok) return prepared;
  return { ok: true, study: { ...prepared.study, base: { ...prepared.study.base, backend } } };
}

export interface FrontierPoint {
  /** λ or the cap */
  value: number;
  status: JobStatus;
  message: string;
  expectedCost: number;
  cvar: number;
  var: number;
  stdCost: number;
  /** contract id → kW */
  volumes: Record<string, number>;
}

/** One point from a job's answer (status, message and the outputs read off its data). */
export function frontierPoint(value: number, answer: Pick<PointAnswer, 'status' | 'message' | 'outputs'>): FrontierPoint {
  const num = (v: unknown) => (typeof v === 'number' ? v : NaN);
  const o = answer.outputs;
  return { value, status: answer.status, message: answer.message, expectedCost: num(o.expectedCost), cvar: num(o.cvar), var: num(o.var), stdCost: num(o.stdCost), volumes: (o.volumeKw as Record<string, number> | undefined) ?? {} };
}

/** Every point of the study in value order, solved or not (an infeasible cap stays, with its status). */
export function frontierPoints(result: StudyResult, mode: FrontierMode): FrontierPoint[] {
  return result.points.map((p) => frontierPoint(p.values[FRONTIER_PATH[mode]]!, p)).sort((a, b) => a.value - b.value);
}

/** Caps spread evenly over the CVaR range of a λ frontier (its solved points), as a values text. */
export function capsFromFrontier(points: FrontierPoint[], steps = 6): string | null {
  const cvars = points.filter((p) => p.status === 'ok').map((p) => p.cvar);
  if (cvars.length < 2) return null;
  const lo = Math.min(...cvars), hi = Math.max(...cvars);
  if (!(hi > lo)) return null;
  return Array.from({ length: steps }, (_, i) => Math.ceil(lo + ((hi - lo) * i) / (steps - 1))).join(',');
}
