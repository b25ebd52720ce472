/**
 * The microgrid ADMM's local steps on worker threads (main/microgrid/parallelSteps.ts) give the serial run's
 * iterates exactly — the same models and warm sessions, only in other threads — and a step that fails in a
 * worker fails the run with the same typed error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLpBackend, type LpBackend } from '../../solver/lp/backend.ts';
import { MicrogridCoordination, type Scenario } from '../../solver/scenario/schema.ts';
import { allMicrogridInputs } from '../../solver/microgrid/inputs.ts';
import { admm, type AdmmResult } from '../../solver/microgrid/admm.ts';
import type { MicrogridStepsFactory } from '../../solver/microgrid/localSteps.ts';
import { SolverError } from '../../solver/jobs/errors.ts';
import { setAtPath } from '../../solver/scenario/paths.ts';
import { startMicrogridStepPool, type MicrogridStepPool } from '../../main/microgrid/parallelSteps.ts';
import { classroom, classroomCopies, valid } from '../solver/microgrid/classroomAdmm.ts';
import { runJob } from '../../solver/jobs/run.ts';
import { WorkerPool } from '../../main/workers/pool.ts';
import type { MgBargainingData } from '../../solver/jobs/kinds/mgBargaining.ts';
import { workerEntry } from '../../main/workers/workerEntry.ts';

let lp: LpBackend;
let pool: MicrogridStepPool, pool3: MicrogridStepPool;
beforeAll(async () => {
  lp = await loadLpBackend('highs');
  // two threads: one worker and the caller; three: two workers and the caller (the classroom's three microgrids, one each)
  [pool, pool3] = await Promise.all([startMicrogridStepPool({ threads: 2 }), startMicrogridStepPool({ threads: 3 })]);
}, 60_000);
afterAll(() => Promise.all([pool?.close(), pool3?.close()]));

function run(s: Scenario, steps?: MicrogridStepsFactory): AdmmResult {
  const coord = s.microgridCoordination ?? MicrogridCoordination.parse({});
  const it = admm(lp, s, allMicrogridInputs(s), { ...coord.admm, overRelaxation: 1.6, network: true, polygonSides: 12, links: coord.communication, seed: 1, ...(steps ? { steps } : {}) });
  let step = it.next();
  while (!step.done) step = it.next();
  return step.value;
}

describe('microgrid steps on worker threads', () => {
  it('give the serial run exactly: every iteration, the dispatch, the trades and prices', () => {
    const s = valid(classroom());
    const serial = run(s), parallel = run(s, pool.steps);
    expect(serial.converged).toBe(true);
    expect(parallel.iterations).toBe(serial.iterations);
    expect(parallel.history).toEqual(serial.history);
    expect(parallel.dispatch).toEqual(serial.dispatch);
    expect(parallel.tradesKw).toEqual(serial.tradesKw);
    expect(parallel.pricePerKwh).toEqual(serial.pricePerKwh);
    expect(parallel.solves).toBe(serial.solves);
    expect(run(s, pool3.steps).history).toEqual(serial.history);
  });

  it('serve one run after another on the same workers', () => {
    const s = valid(classroom());
    const again = run(s, pool.steps);
    expect(again.history).toEqual(run(s, pool.steps).history);
  });

  it('fail the run with the step\'s typed error when a microgrid cannot meet its load', () => {
    let doc = classroom();
    doc = setAtPath(doc, 'microgrids[2].adn.maxImportKw', 20);
    doc = setAtPath(doc, 'microgrids[2].battery.kw', 0);
    const s = valid(doc);
    const failure = (steps?: MicrogridStepsFactory) => {
      try {
        run(s, steps);
      } catch (e) {
        return e;
      }
      return null;
    };
    const serial = failure(), parallel = failure(pool.steps);
    expect(serial).toBeInstanceOf(SolverError);
    expect(parallel).toBeInstanceOf(SolverError);
    expect((parallel as SolverError).error.code).toBe('infeasible');
    expect((parallel as SolverError).error).toEqual((serial as SolverError).error);
    expect((parallel as SolverError).message).toMatch(/homes/);
    // the workers still answer after the failure
    expect(run(valid(classroom()), pool.steps).converged).toBe(true);
  });

  it('run the mg-bargaining job in a pool worker given step threads: the same answer as the job run serially in this thread', async () => {
    // nine microgrids: at least nodeWorker.ts's MIN_MICROGRIDS
    const scenario = classroomCopies(3);
    const serial = await runJob({ kind: 'mg-bargaining', scenario });
    expect(serial.status).toBe('ok');
    const workers = new WorkerPool({ entry: workerEntry(), size: 1, microgridStepThreads: 2 });
    try {
      // three microgrids stay in one thread (handing them over costs more than it saves)
      const small = await workers.run({ kind: 'mg-bargaining', scenario: classroom() }).promise;
      expect((small.data as MgBargainingData).admm!.stepThreads).toBe(1);
      const threaded = await workers.run({ kind: 'mg-bargaining', scenario }).promise;
      expect(threaded.status).toBe('ok');
      const a = (threaded.data as MgBargainingData).admm!, b = (serial.data as MgBargainingData).admm!;
      expect(a.stepThreads).toBe(2);
      expect(b.stepThreads).toBe(1);
      expect(a.iterations).toBe(b.iterations);
      expect(a.history).toEqual(b.history);
      expect((threaded.data as MgBargainingData).socialCost).toEqual((serial.data as MgBargainingData).socialCost);
      // the worker keeps its step threads for the next job, and answers it the same
      const again = await workers.run({ kind: 'mg-bargaining', scenario }).promise;
      expect((again.data as MgBargainingData).admm!.history).toEqual(b.history);
    } finally {
      await workers.close();
    }
  }, 120_000);
});
