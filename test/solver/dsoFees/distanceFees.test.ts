/**
 * Fees by electrical distance (issue 16, item 1's second option;
 * docs/models/dso-fees.md "structure: 'distance'"): three microgrids on the
 * classroom feeder for one hour — mg-a buys, mg-b (bus 33) and mg-c (bus 25)
 * sell — and the DSO sets one rate, each pair paying rate × d_ij / d̄.
 *
 * - every pair's fee is the rate times its distance over the mean distance
 *   (the distances being the feeder's Σ|z| between the buses);
 * - a 0.002 grid over the rate, with the microgrids re-solved at every point
 *   (dso-fees-evaluate with the per-pair fees given), finds no better leader
 *   objective than the bilevel solve, and comes close to it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobResult } from '../../../solver/contract.ts';
import { runJob } from '../../../solver/jobs/run.ts';
import { Scenario, type ScenarioInput } from '../../../solver/scenario/schema.ts';
import { pairDistancesOhm } from '../../../solver/dsoFees/network.ts';
import { readAsset } from '../support/network.ts';

interface Mg { id: string; busId: string; generator: { costLinearPerKwh: number }; partners: { microgrid: string; costPerKwh: number; maxKw: number }[] }

/** The classroom sample with a second seller at bus 25 and fees by distance. */
function threeMicrogrids(): ScenarioInput {
  const s = JSON.parse(readAsset('scenarios/classroom-dso-fees.ggs.json')) as ScenarioInput & { microgrids: Mg[]; dsoFees: Record<string, unknown> };
  const [a, b] = s.microgrids as unknown as [Mg, Mg];
  const c: Mg = JSON.parse(JSON.stringify(b));
  c.id = 'mg-c';
  c.busId = '25';
  c.generator.costLinearPerKwh = 0.07;
  c.partners = [{ microgrid: 'mg-a', costPerKwh: 0, maxKw: 100 }];
  a.partners.push({ microgrid: 'mg-c', costPerKwh: 0, maxKw: 100 });
  (s.microgrids as unknown as Mg[]).push(c);
  s.dsoFees = { ...s.dsoFees, structure: 'distance' };
  return s;
}

describe('dso-fees with fees by electrical distance (one rate, two trading pairs)', () => {
  let result: JobResult<'dso-fees'>;
  beforeAll(async () => {
    result = await runJob({ kind: 'dso-fees', scenario: threeMicrogrids(), options: { curvePoints: 0 } });
  }, 120_000);

  it('charges every pair rate × its electrical distance over the mean distance', () => {
    expect(result.status, result.message).toBe('ok');
    const d = result.data!;
    expect(d.structure).toBe('distance');
    expect(d.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(['mg-a-mg-b', 'mg-a-mg-c']);
    const dist = pairDistancesOhm(Scenario.parse(threeMicrogrids()));
    const ohm = d.pairs.map((p) => dist(p.busA, p.busB));
    expect(d.pairs.map((p) => p.distanceOhm)).toEqual(ohm);
    // buses 18 and 33 are farther apart than 18 and 25: different fees for the two pairs
    expect(ohm[0]).not.toBeCloseTo(ohm[1]!, 3);
    const mean = (ohm[0]! + ohm[1]!) / 2;
    const rate = (d.optimal.feePerKwh[0]![0]! * mean) / ohm[0]!;
    d.pairs.forEach((_, k) => expect(d.optimal.feePerKwh[k]![0]).toBeCloseTo((rate * ohm[k]!) / mean, 12));
    expect(rate).toBeGreaterThan(0);
    expect(d.relGap).toBeLessThanOrEqual(1e-6);
    expect(result.verdict!.certified).toBe(true);
  });

  it('no rate on a 0.002 grid over the bounds does better (the microgrids re-solved at each point)', async () => {
    const d = result.data!;
    const dist = d.pairs.map((p) => p.distanceOhm);
    const mean = (dist[0]! + dist[1]!) / 2;
    let best = -Infinity, bestRate = NaN;
    for (let k = 0; k <= 150; k++) {
      const rate = k * 0.002;
      const s = threeMicrogrids() as ScenarioInput & { dsoFees: { given: unknown[] } };
      s.dsoFees.given = d.pairs.map((p, j) => ({ a: p.a, b: p.b, perKwh: (rate * dist[j]!) / mean }));
      const r = await runJob({ kind: 'dso-fees-evaluate', scenario: s, options: { fees: 'given' } });
      expect(r.status, r.message).toBe('ok');
      if (r.data!.outcome.networkViolations.length) continue;
      if (r.data!.outcome.leaderObjective > best) (best = r.data!.outcome.leaderObjective), (bestRate = rate);
    }
    expect(best).toBeLessThanOrEqual(d.optimal.leaderObjective + 1e-9);
    // the grid's best is near the optimum: the bilevel rate is within one grid step of the grid's best
    const rate = (d.optimal.feePerKwh[0]![0]! * mean) / dist[0]!;
    expect(Math.abs(rate - bestRate)).toBeLessThanOrEqual(0.002 + 1e-9);
    expect(best).toBeGreaterThan(0.95 * d.optimal.leaderObjective);
  }, 300_000);
});
