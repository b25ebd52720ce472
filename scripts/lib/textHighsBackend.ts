/**
 * The HiGHS backend as it was before the persistent model API (issue 12): the
 * model written as CPLEX-LP text, parsed by HiGHS's one-shot `solve` with
 * presolve off, columns mapped back by name. Kept for `npm run bench` only, as
 * the "before" column measured in the same run as the "after" one.
 */
import loadHighs from 'highs';
import { emptySolution, type LpBackend, type LpStatus } from '../../solver/lp/backend.ts';
import { toCplexLp } from '../../solver/lp/lpFormat.ts';

export async function createTextHighsBackend(): Promise<LpBackend> {
  const highs = await loadHighs();
  return {
    name: 'highs',
    solve(model, options = {}) {
      const t0 = performance.now();
      const result = highs.solve(toCplexLp(model), { presolve: 'off', ...(options.timeLimitSeconds === undefined ? {} : { time_limit: options.timeLimitSeconds }) });
      const solveMs = performance.now() - t0;
      const status: LpStatus = result.Status === 'Optimal' ? 'optimal' : result.Status === 'Infeasible' ? 'infeasible' : result.Status === 'Unbounded' ? 'unbounded' : 'error';
      if (status !== 'optimal') return emptySolution(model, 'highs', status, solveMs, `HiGHS: ${result.Status}`);
      const columns = result.Columns as Record<string, { Primal: number; Dual: number }>;
      const rows = result.Rows as { Dual: number }[];
      const x = Float64Array.from({ length: model.varCount }, (_, j) => columns[model.varName(j)]!.Primal);
      return {
        status,
        objective: result.ObjectiveValue,
        x,
        rowDuals: Float64Array.from(rows, (r) => r.Dual),
        reducedCosts: Float64Array.from({ length: model.varCount }, (_, j) => columns[model.varName(j)]!.Dual),
        rowActivity: model.rowActivity(x),
        solveMs,
        backend: 'highs',
      };
    },
  };
}
