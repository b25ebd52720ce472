import { beforeAll, describe, expect, it } from 'vitest';
import { LP_BACKENDS, loadLpBackend, type LpBackend, type LpBackendName } from '../../../solver/lp/backend.ts';
import { diagnoseInfeasibility, diagnoseUnboundedness } from '../../../solver/lp/diagnosis.ts';
import { solveOptimal } from '../../../solver/lp/solveOptimal.ts';
import { SolverError } from '../../../solver/jobs/errors.ts';
import { LpModel } from '../../../solver/lp/model.ts';
import { infeasibleDispatch, unbounded, wyndor } from './fixtures.ts';

const backends = {} as Record<LpBackendName, LpBackend>;
beforeAll(async () => {
  for (const name of LP_BACKENDS) backends[name] = await loadLpBackend(name);
});

function thrown(f: () => unknown): SolverError {
  try {
    f();
  } catch (e) {
    if (e instanceof SolverError) return e;
    throw e;
  }
  throw new Error('expected a SolverError');
}

describe.each(LP_BACKENDS)('infeasibility diagnosis with %s', (name) => {
  it('diagnoseInfeasibility names one tagged limit of hour 1 (line 1-2 or the bus-2 balance) short by 1 kW, nothing of hour 0', () => {
    const d = diagnoseInfeasibility(infeasibleDispatch(), backends[name]);
    expect(d.elasticStatus).toBe('optimal');
    expect(d.totalShortfall).toBeCloseTo(1, 9);
    // the cheapest relaxation is 1 kW on one tagged limit of hour 1: the line, or the balance of bus 2
    expect(d.suspects).toHaveLength(1);
    expect(d.suspects[0]!.origin).toMatchObject({ t: 1 });
    expect(d.suspects[0]!.origin!.kind === 'line' || d.suspects[0]!.origin!.bus === '2').toBe(true);
    expect(d.suspects[0]!.shortfall).toBeCloseTo(1, 9);
  });

  it('solveOptimal throws an infeasible SolverError in the words of the job', () => {
    const e = thrown(() =>
      solveOptimal(infeasibleDispatch(), backends[name], {
        describe: (s) => `${s.origin?.kind} ${s.origin?.line ?? s.origin?.bus} cannot stay within ${s.bound} kW at hour ${s.origin?.t}`,
      }),
    );
    expect(e.status).toBe('infeasible');
    expect(e.error.code).toBe('infeasible');
    expect(e.error.message).toMatch(/^no operating point satisfies every limit: .* at hour 1$/);
    expect(e.error.details).toMatchObject({ backend: name, totalShortfall: expect.closeTo(1, 9) });
  });

  it('says when the conflict is among rows without origin', () => {
    const m = new LpModel();
    const x = m.addVar('x');
    m.addRow('a', [[x, 1]], { lb: 2 });
    m.addRow('b', [[x, 1]], { ub: 1 });
    expect(diagnoseInfeasibility(m, backends[name])).toMatchObject({ suspects: [], elasticStatus: 'infeasible' });
    expect(thrown(() => solveOptimal(m, backends[name])).error.message).toMatch(/model structure/);
  });

  it('names crossed bounds without solving, and elastic variable bounds with their origin', () => {
    const m = wyndor();
    m.setVarBounds(1 as never, 7, 6);
    expect(diagnoseInfeasibility(m, backends[name]).suspects).toEqual([expect.objectContaining({ kind: 'bound', name: 'windows', shortfall: Infinity })]);
    const n = new LpModel();
    const soc = n.addVar('soc', { lb: 0.2, ub: 0.9, origin: { kind: 'soc', battery: 'b1' } });
    n.addRow('need', [[soc, 1]], { eq: 1 });
    const d = diagnoseInfeasibility(n, backends[name]);
    expect(d.suspects).toEqual([expect.objectContaining({ kind: 'bound', side: 'upper', bound: 0.9, origin: { kind: 'soc', battery: 'b1' }, shortfall: expect.closeTo(0.1, 9) })]);
  });

  it('solveOptimal returns an optimum untouched and names the unbounded variable', () => {
    expect(solveOptimal(wyndor(), backends[name]).objective).toBeCloseTo(36, 9);
    expect(diagnoseUnboundedness(unbounded(), backends[name]).map((d) => d.name)).toContain('x');
    const e = thrown(() => solveOptimal(unbounded(), backends[name]));
    expect(e.status).toBe('unbounded');
    expect(e.error.message).toContain('kind=import t=0 can grow without limit');
  });
});
