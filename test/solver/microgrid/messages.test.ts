import { describe, expect, it } from 'vitest';
import { classroom, classroomAdmm } from './classroomAdmm.ts';
import { isPerfect, linkAt, messageNetwork, type LinkSettings } from '../../../solver/microgrid/messages.ts';
import { validateScenario, formatIssue } from '../../../solver/scenario/validate.ts';

const vec = (v: number) => Float64Array.of(v);

describe('time-varying links', () => {
  const degrading: LinkSettings = {
    lossProbability: 0,
    maxDelayIterations: 0,
    schedule: [
      { fromIteration: 5, lossProbability: 0.95, maxDelayIterations: 0 },
      { fromIteration: 9, lossProbability: 0, maxDelayIterations: 3 },
      { fromIteration: 20, lossProbability: 0, maxDelayIterations: 0 },
    ],
  };

  it('gives each iteration the phase it falls in', () => {
    expect(linkAt(degrading, 1)).toMatchObject({ lossProbability: 0, maxDelayIterations: 0 });
    expect(linkAt(degrading, 5).lossProbability).toBe(0.95);
    expect(linkAt(degrading, 8).lossProbability).toBe(0.95);
    expect(linkAt(degrading, 9).maxDelayIterations).toBe(3);
    expect(linkAt(degrading, 100).maxDelayIterations).toBe(0);
    expect(isPerfect(degrading)).toBe(false);
    expect(isPerfect({ lossProbability: 0, maxDelayIterations: 0, schedule: [{ fromIteration: 3, lossProbability: 0, maxDelayIterations: 0 }] })).toBe(true);
  });

  it('delivers at once before the first phase, loses in the lossy phase (the receiver keeps the last value), delays in the delayed one', () => {
    const net = messageNetwork(degrading, 3);
    for (let k = 1; k <= 4; k++) {
      net.post('a>b', k, vec(k));
      expect(net.read('a>b', k)![0]).toBe(k);
    }
    // iterations 5..8: 95 % loss — most of these never arrive, and the receiver reuses the newest it has
    let kept = 0;
    for (let k = 5; k <= 8; k++) {
      net.post('a>b', k, vec(k));
      const got = net.read('a>b', k)![0]!;
      expect(got).toBeLessThanOrEqual(k);
      if (got === 4) kept++;
    }
    expect(kept).toBeGreaterThan(0);
    const lostAfterLossyPhase = net.stats().lost;
    expect(lostAfterLossyPhase).toBeGreaterThan(0);
    expect(lostAfterLossyPhase).toBeLessThanOrEqual(4);
    // iterations 9..19: nothing lost, each message late by 0..3 iterations
    let late = 0;
    for (let k = 9; k <= 19; k++) {
      net.post('a>b', k, vec(k));
      const got = net.read('a>b', k)![0]!;
      expect(got).toBeLessThanOrEqual(k);
      // every message of this phase arrives within 3 iterations (the older ones were lost in the last phase)
      if (k >= 12) expect(got).toBeGreaterThanOrEqual(k - 3);
      if (got < k) late++;
    }
    expect(late).toBeGreaterThan(0);
    expect(net.stats().lost).toBe(lostAfterLossyPhase);
    // from 20 the link is perfect again: a message posted is read at once (it is the newest sent)
    net.post('a>b', 20, vec(20));
    expect(net.read('a>b', 20)![0]).toBe(20);
  });

  it('is validated in the scenario with the path of a phase out of order', () => {
    const doc = { ...classroom(), microgridCoordination: { communication: { schedule: [{ fromIteration: 10, lossProbability: 0.2, maxDelayIterations: 1 }, { fromIteration: 10, lossProbability: 0, maxDelayIterations: 0 }] } } };
    const v = validateScenario(doc);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues.map(formatIssue).join('\n')).toMatch(/microgridCoordination\.communication\.schedule\[1\]\.fromIteration: phases must start at increasing iterations: 10 is not after 10/);
    const bad = validateScenario({ ...classroom(), microgridCoordination: { communication: { schedule: [{ fromIteration: 0, lossProbability: 0.2, maxDelayIterations: 1 }] } } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map(formatIssue).join('\n')).toMatch(/microgridCoordination\.communication\.schedule\[0\]\.fromIteration/);
  });

  it('lets ADMM on the classroom sample ride out an outage of its links and still reach the perfect-network answer, replaying from the seed', async () => {
    const perfect = await classroomAdmm({}, 1);
    // iterations 3..30: 60 % of the messages lost and delays up to 2; then the links recover
    const outage = { schedule: [{ fromIteration: 3, lossProbability: 0.6, maxDelayIterations: 2 }, { fromIteration: 31, lossProbability: 0, maxDelayIterations: 0 }] };
    const a = await classroomAdmm(outage, 5), b = await classroomAdmm(outage, 5);
    expect(perfect.messages.lost).toBe(0);
    expect(a.messages.lost).toBeGreaterThan(0);
    expect(a.converged).toBe(true);
    expect(Math.abs(a.socialCost - perfect.socialCost) / perfect.socialCost).toBeLessThanOrEqual(1e-4);
    expect(a.iterations).not.toBe(perfect.iterations);
    expect(b.iterations).toBe(a.iterations);
    expect(b.history.at(-1)!.primal).toBe(a.history.at(-1)!.primal);
  });
});
