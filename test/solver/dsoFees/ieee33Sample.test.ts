/**
 * The IEEE 33 sample (four microgrids, 08:00–16:00; docs/models/dso-fees.md
 * "Samples") solved by dso-fees: a proven gap within the job's tolerance, the
 * certificate (KKT residuals, every microgrid re-solved alone, the leader's
 * objective re-evaluated with the microgrids re-solved jointly at the fees —
 * the optimistic response over their whole optimal set), no uniform fee on a
 * grid over the bounds better (dso-fees-evaluate), and the three-way
 * comparison as measured (the DSO earns more than under the flat fee, and
 * the microgrids pay more: reported as it is).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobResult } from '../../../solver/contract.ts';
import { runJob } from '../../../solver/jobs/run.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { readAsset } from '../support/network.ts';

const sample = (): ScenarioInput & { dsoFees: { flatPerKwh: number } } => JSON.parse(readAsset('scenarios/ieee33-dso-fees.ggs.json'));

describe('dso-fees on the IEEE 33 sample (4 microgrids, 8 h)', () => {
  let result: JobResult<'dso-fees'>;
  beforeAll(async () => {
    result = await runJob({ kind: 'dso-fees', scenario: sample(), options: {} });
  }, 600_000);

  it('closes with a proven gap and is certified', () => {
    expect(result.status, result.message).toBe('ok');
    const d = result.data!;
    expect(d.T).toBe(8);
    expect(d.microgrids).toHaveLength(4);
    expect(d.relGap).toBeLessThanOrEqual(result.certificate!.gapTolerance);
    expect(d.upperBound).toBeGreaterThanOrEqual(d.optimal.leaderObjective - 1e-9);
    expect(result.verdict!.certified).toBe(true);
  });

  it('reproduces the answer: KKT, each microgrid alone, the leader objective with the microgrids re-solved at the fees', () => {
    const c = result.certificate!;
    expect(c.bigM.derived).toBe(true);
    expect(Math.max(c.kkt.primal, c.kkt.stationarity, c.kkt.sign, c.kkt.complementarity)).toBeLessThan(1e-6);
    for (const f of c.followersAlone) {
      expect(Math.abs(f.aloneCost - f.reportedCost)).toBeLessThan(1e-6 * Math.max(1, Math.abs(f.reportedCost)));
      expect(f.maxStrictDiff).toBeLessThan(1e-6);
    }
    expect(Math.abs(c.leaderObjective.evaluated - c.leaderObjective.reported)).toBeLessThan(1e-6 * Math.max(1, Math.abs(c.leaderObjective.reported)));
    expect(c.networkViolations).toEqual([]);
  });

  it('no uniform fee on a 0.01 grid over the bounds does better (the microgrids re-solved by dso-fees-evaluate)', async () => {
    let best = -Infinity;
    for (let k = 0; k <= 10; k++) {
      const s = sample();
      s.dsoFees.flatPerKwh = k / 100;
      const r = await runJob({ kind: 'dso-fees-evaluate', scenario: s, options: { fees: 'flat' } });
      expect(r.status, r.message).toBe('ok');
      if (r.data!.outcome.networkViolations.length === 0) best = Math.max(best, r.data!.outcome.leaderObjective);
    }
    expect(Number.isFinite(best)).toBe(true);
    expect(best).toBeLessThanOrEqual(result.data!.optimal.leaderObjective + 1e-6);
  }, 600_000);

  it('against the flat fee and no fee: the DSO earns more, the microgrids pay more (the seed reports the opposite for them)', () => {
    const d = result.data!;
    expect(d.optimal.leaderObjective).toBeGreaterThanOrEqual(d.flat!.leaderObjective);
    expect(d.optimal.leaderObjective).toBeGreaterThanOrEqual(d.none!.leaderObjective);
    expect(d.vsFlat!.revenueChangePct).toBeGreaterThan(0);
    expect(d.vsFlat!.mgCostChangePct).toBeGreaterThan(0);
    expect(d.none!.revenue).toBe(0);
  });
});
