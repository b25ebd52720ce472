/**
 * HiGHS (npm `highs`, MIT) backend: feeds the CPLEX-LP text of the model to
 * HiGHS's one-shot `solve` and maps columns back by name, rows by order
 * (checked by name). Going through the LP file means the exporter is
 * exercised on every HiGHS solve.
 */
import loadHighs from 'highs';
import { crossedBoundSolution, emptySolution, type LpBackend, type LpRuntimeConfig, type LpSolution, type LpSolveOptions, type LpStatus } from './backendInterface.ts';
import { forgetLpBackend } from './loadedBackends.ts';
import { toCplexLp } from './lpFormat.ts';
import type { LpModel } from './model.ts';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
type HighsResult = ReturnType<Highs['solve']>;

export async function createHighsBackend(config: LpRuntimeConfig = {}): Promise<LpBackend> {
  const highs = await loadHighs(config.highsLocateFile ? { locateFile: config.highsLocateFile } : {});
  return { name: 'highs', solve: (model, options) => solveWithHighs(highs, model, options) };
}

function statusOf(status: string): LpStatus {
  if (status === 'Optimal') return 'optimal';
  if (status === 'Infeasible') return 'infeasible';
  if (status === 'Unbounded') return 'unbounded';
  return 'error';
}

function solveWithHighs(highs: Highs, model: LpModel, options: LpSolveOptions = {}): LpSolution {
  const crossed = crossedBoundSolution(model, 'highs');
  if (crossed) return crossed;
  const t0 = performance.now();
  const text = toCplexLp(model);
  const limit = options.timeLimitSeconds === undefined ? {} : { time_limit: options.timeLimitSeconds };
  let result: HighsResult;
  try {
    // Without presolve: on storage-dispatch LPs of 5k–20k columns it was 4–5× faster in this
    // wasm build, and the simplex alone tells infeasible from unbounded (presolve may not).
    result = highs.solve(text, { ...limit, presolve: 'off' });
  } catch (e) {
    forgetLpBackend('highs');
    return emptySolution(model, 'highs', 'error', performance.now() - t0, `HiGHS: ${(e as Error).message}`);
  }
  const solveMs = performance.now() - t0;
  const status = statusOf(result.Status);
  if (status !== 'optimal') return emptySolution(model, 'highs', status, solveMs, `HiGHS: ${result.Status}`);

  const x = new Float64Array(model.varCount);
  const reducedCosts = new Float64Array(model.varCount);
  const columns = result.Columns as Record<string, { Primal: number; Dual: number }>;
  for (let j = 0; j < model.varCount; j++) {
    const col = columns[model.varName(j)]!;
    x[j] = col.Primal;
    reducedCosts[j] = col.Dual;
  }
  const rowDuals = new Float64Array(model.rowCount);
  const rows = result.Rows as { Name: string; Dual: number }[];
  for (let i = 0; i < model.rowCount; i++) {
    const row = rows[i]!;
    if (row.Name !== model.rowName(i)) throw new Error(`HiGHS returned row ${row.Name} where ${model.rowName(i)} was expected`);
    rowDuals[i] = row.Dual;
  }
  return { status, objective: result.ObjectiveValue, x, rowDuals, reducedCosts, rowActivity: model.rowActivity(x), solveMs, backend: 'highs' };
}
