/**
 * The VPP game keeps one persistent HiGHS model per VPP for its best
 * responses; each is WebAssembly memory that only `dispose()` frees. The game
 * must dispose every one of them however it ends: with its answer, with an
 * error, or stopped between steps (a cancelled job).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { VppGameOptions } from '../../../solver/contract.ts';
import { loadLpBackend, type LpBackend, type LpSession } from '../../../solver/lp/backend.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import { vppGameJob } from '../../../solver/vpp/vppGameJob.ts';
import { readAsset } from '../support/network.ts';

let highs: LpBackend;
beforeAll(async () => {
  highs = await loadLpBackend('highs');
});

/** HiGHS, with every session it opens recorded */
function recording() {
  const sessions: LpSession[] = [];
  const backend: LpBackend = {
    name: 'highs',
    solve: (m, o) => highs.solve(m, o),
    session: (m) => {
      const s = highs.session!(m);
      sessions.push(s);
      return s;
    },
  };
  return { backend, sessions };
}

function scenario() {
  const v = validateScenario(JSON.parse(readAsset('scenarios/three-vpps.ggs.json')) as ScenarioInput);
  if (!v.ok) throw new Error('the sample is invalid');
  return v.value;
}

const play = (backend: LpBackend, options: object) => vppGameJob.run(scenario(), VppGameOptions.parse(options), { seed: 1, backend: 'highs', lp: backend });

describe('vpp-game best-response sessions', () => {
  it('solves each VPP through one warm session and disposes them all with the answer', () => {
    const { backend, sessions } = recording();
    const gen = play(backend, { curvePoints: 3, compareControl: true });
    let step = gen.next();
    while (!step.done) step = gen.next();
    // three VPPs for the game asked for, three for each of the two control settings compared
    expect(sessions.length).toBe(9);
    expect(sessions.every((s) => s.disposed)).toBe(true);
    expect(step.value.certificate.maxRelativeDeviationGain).toBeLessThanOrEqual(1e-6);
  });

  it('disposes them when the iteration fails and when the job is stopped between steps', () => {
    const failing = recording();
    const gen = play(failing.backend, { maxSweeps: 1 });
    expect(() => {
      for (let step = gen.next(); !step.done; step = gen.next());
    }).toThrow(/did not converge/);
    expect(failing.sessions.length).toBe(3);
    expect(failing.sessions.every((s) => s.disposed)).toBe(true);

    const stopped = recording();
    const run = play(stopped.backend, {});
    run.next();
    run.next();
    expect(stopped.sessions.length).toBe(3);
    expect(stopped.sessions.some((s) => s.disposed)).toBe(false);
    run.return(undefined as never);
    expect(stopped.sessions.every((s) => s.disposed)).toBe(true);
  });
});
