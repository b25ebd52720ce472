/**
 * The `solveLp` stage of an LP-backed job: solve, and turn anything but an
 * optimum into a typed SolverError that says which part of the scenario is
 * at fault, in the job's words (`describe`) or from the origin tags.
 */
import { SolverError } from '../jobs/errors.ts';
import type { LpBackend, LpSession, LpSolution, LpSolveOptions } from './backend.ts';
import { diagnoseInfeasibility, diagnoseUnboundedness, type LpSuspect, type UnboundedDirection } from './diagnosis.ts';
import type { LpModel, LpOrigin } from './model.ts';

export interface ExplainOptions extends LpSolveOptions {
  /** one phrase per suspect, e.g. "bus 18 voltage cannot be kept above 0.95 p.u. at 19:00" */
  describe?: (suspect: LpSuspect) => string;
  describeUnbounded?: (direction: UnboundedDirection) => string;
  /** how many suspects the message names (all are in `details`) */
  maxNamed?: number;
  /** solve through this session of `model` (warm re-solves); the diagnosis of a failure still solves cold with `backend` */
  session?: LpSession;
}

/** `kind=balance bus=18 t=19`, or the LP name when there is no tag. */
export function formatOrigin(origin: LpOrigin | undefined, name: string): string {
  if (!origin) return name;
  return Object.entries(origin).map(([k, v]) => `${k}=${v}`).join(' ');
}

export function describeSuspect(s: LpSuspect): string {
  const what = formatOrigin(s.origin, s.name);
  if (s.shortfall === Infinity) return `${what} has a lower limit above its upper limit`;
  const shortfall = Number(s.shortfall.toPrecision(4));
  return s.side === 'lower' ? `${what} cannot be raised to ${s.bound} (short by ${shortfall})` : `${what} cannot be kept below ${s.bound} (over by ${shortfall})`;
}

const describeDirection = (d: UnboundedDirection) => `${formatOrigin(d.origin, d.name)} can ${d.direction === 'up' ? 'grow' : 'fall'} without limit`;

function listed(phrases: string[], max: number): string {
  const named = phrases.slice(0, max).join('; ');
  return phrases.length > max ? `${named}; and ${phrases.length - max} more` : named;
}

/** Solves and returns an optimal solution, or throws a SolverError (`infeasible`, `unbounded`, `internal`). */
export function solveOptimal(model: LpModel, backend: LpBackend, options: ExplainOptions = {}): LpSolution {
  const { describe = describeSuspect, describeUnbounded = describeDirection, maxNamed = 3, session, ...solveOptions } = options;
  if (session && session.model !== model) throw new Error(`solveOptimal: the session solves ${session.model.name}, not ${model.name}`);
  const solution = session ? session.solve(solveOptions) : backend.solve(model, solveOptions);
  if (solution.status === 'optimal') return solution;

  if (solution.status === 'infeasible') {
    const diagnosis = diagnoseInfeasibility(model, backend);
    const phrases = diagnosis.suspects.map(describe);
    throw new SolverError({
      code: 'infeasible',
      message:
        phrases.length > 0
          ? `no operating point satisfies every limit: ${listed(phrases, maxNamed)}`
          : 'no operating point satisfies every limit, and the conflict lies in the model structure (rows without a scenario origin), not in a limit that could be relaxed',
      hint: 'relax one of the named limits or check the data behind it',
      details: { backend: backend.name, suspects: phrases.join('; '), totalShortfall: diagnosis.totalShortfall },
    });
  }
  if (solution.status === 'unbounded') {
    const phrases = diagnoseUnboundedness(model, backend).map(describeUnbounded);
    throw new SolverError({
      code: 'unbounded',
      message: `the objective can improve without limit${phrases.length > 0 ? `: ${listed(phrases, maxNamed)}` : ''}`,
      hint: 'a price or limit is missing for the named quantities',
      details: { backend: backend.name, unbounded: phrases.join('; ') },
    });
  }
  throw new SolverError({ code: 'internal', message: `the LP solver failed: ${solution.message ?? 'no reason given'}`, details: { backend: backend.name } });
}
