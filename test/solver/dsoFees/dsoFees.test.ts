/**
 * The dso-fees and dso-fees-evaluate jobs on the classroom sample (two
 * microgrids, one hour): the closed-form optimum (fee 0.12, revenue 6.60,
 * docs/models/dso-fees.md), a grid over the fee through dso-fees-evaluate
 * that finds nothing better, the certificate, the baselines, an uncertified
 * answer when the big-Ms are shrunk, and the single-level MILP exported and
 * read back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobResult } from '../../../solver/contract.ts';
import { runJob } from '../../../solver/jobs/run.ts';
import { jobDefinitions } from '../../../solver/jobs/registry.ts';
import { loadLpBackend } from '../../../solver/lp/backend.ts';
import { parseCplexLp, toCplexLp } from '../../../solver/lp/lpFormat.ts';
import { Scenario, type ScenarioInput } from '../../../solver/scenario/schema.ts';
import { readAsset } from '../support/network.ts';
import { DsoFeesOptions } from '../../../solver/jobs/kinds/dsoFees.ts';

const classroom = (): ScenarioInput => JSON.parse(readAsset('scenarios/classroom-dso-fees.ggs.json'));

describe('dso-fees on the classroom sample', () => {
  let result: JobResult<'dso-fees'>;
  beforeAll(async () => {
    result = await runJob({ kind: 'dso-fees', scenario: classroom(), options: {} });
  }, 120_000);

  it('finds the closed-form optimum: fee 0.12 per kWh, 55 kW traded, revenue 6.60, with a proven gap', () => {
    expect(result.status, result.message).toBe('ok');
    const d = result.data!;
    expect(d.optimal.feePerKwh[0]![0]).toBeCloseTo(0.12, 6);
    expect(d.optimal.pairVolumeKw[0]![0]).toBeCloseTo(55, 6);
    expect(d.optimal.revenue).toBeCloseTo(6.6, 6);
    expect(d.relGap).toBeLessThanOrEqual(1e-6);
    expect(d.upperBound).toBeGreaterThanOrEqual(d.optimal.leaderObjective - 1e-9);
  });

  it('draws the DSO\'s objective over the fee: a curve whose highest sample is below the optimum and near it', () => {
    const c = result.data!.curve!;
    expect(c.feePerKwh).toHaveLength(61);
    expect(Math.max(...c.leaderObjective)).toBeLessThanOrEqual(result.data!.optimal.leaderObjective + 1e-9);
    // 0.12 = 24 × 0.005 is a sample: the curve touches the optimum there
    expect(c.leaderObjective[24]).toBeCloseTo(6.6, 6);
    expect(c.volumeKw[0]).toBeCloseTo(75, 6);
  });

  it('certifies: KKT residuals, every microgrid alone, the leader objective re-evaluated', () => {
    const c = result.certificate!;
    expect(c.bigM.derived).toBe(true);
    expect(Math.max(c.kkt.primal, c.kkt.stationarity, c.kkt.complementarity)).toBeLessThan(1e-9);
    expect(c.followersAlone.map((f) => f.id)).toEqual(['mg-a', 'mg-b']);
    for (const f of c.followersAlone) {
      expect(Math.abs(f.aloneCost - f.reportedCost)).toBeLessThan(1e-6);
      expect(f.maxStrictDiff).toBeLessThan(1e-6);
    }
    expect(c.leaderObjective.evaluated).toBeCloseTo(c.leaderObjective.reported, 6);
    expect(result.verdict!.certified).toBe(true);
  });

  it('no fee on a 0.001 grid over the bounds does better (the followers re-solved by dso-fees-evaluate)', async () => {
    let best = -Infinity;
    for (let k = 0; k <= 300; k += 1) {
      const s = classroom() as ScenarioInput & { dsoFees: { flatPerKwh: number } };
      s.dsoFees.flatPerKwh = k / 1000;
      const r = await runJob({ kind: 'dso-fees-evaluate', scenario: s, options: { fees: 'flat' } });
      expect(r.status, r.message).toBe('ok');
      best = Math.max(best, r.data!.outcome.leaderObjective);
    }
    expect(best).toBeLessThanOrEqual(result.data!.optimal.leaderObjective + 1e-9);
    expect(best).toBeCloseTo(6.6, 6); // 0.120 is on the grid
  }, 300_000);

  it('compares with the flat fee and no fee: the DSO earns more and the microgrids pay more than under the flat 0.05', () => {
    const d = result.data!;
    expect(d.flat!.revenue).toBeCloseTo(0.05 * (75 - 166.6667 * 0.05), 3);
    expect(d.none!.revenue).toBe(0);
    expect(d.vsFlat!.revenueChangePct).toBeGreaterThan(0);
    // on this case the fee is a pure transfer plus lost trade: the microgrids lose (reported as it is)
    expect(d.vsFlat!.mgCostChangePct).toBeGreaterThan(0);
    expect(d.none!.totalMgCost).toBeLessThan(d.flat!.totalMgCost);
  });
});

describe('dso-fees: what must not pass silently', () => {
  it('with big-Ms shrunk below the derived bounds, the answer is uncertified and says why', async () => {
    const r = await runJob({ kind: 'dso-fees', scenario: classroom(), options: { bigMScale: 0.01, baselines: false } });
    expect(['uncertified', 'infeasible']).toContain(r.status);
    if (r.status === 'uncertified') expect(r.verdict!.reason).toMatch(/big-M/);
  }, 120_000);

  it('names the missing limit when a microgrid has no import limit', async () => {
    const s = classroom() as ScenarioInput & { microgrids: { adn: { maxImportKw?: number } }[] };
    delete s.microgrids[1]!.adn.maxImportKw;
    const r = await runJob({ kind: 'dso-fees', scenario: s, options: {} });
    expect(r.status).toBe('invalid');
    expect(r.message).toMatch(/microgrids\[1\]\.adn\.maxImportKw/);
  });
});

describe('dso-fees: the single-level MILP for export-lp', () => {
  it('builds with binaries and reads back from its LP text', async () => {
    const lp = await loadLpBackend('highs');
    const m = jobDefinitions['dso-fees'].buildLp!(Scenario.parse(classroom()), DsoFeesOptions.parse({}), lp);
    expect(m.isMip).toBe(true);
    const back = parseCplexLp(toCplexLp(m));
    expect(back.varCount).toBe(m.varCount);
    const s = lp.solve(back, { mipRelGap: 1e-9 });
    expect(s.status).toBe('optimal');
    // the first MILP bounds the optimum from above (outer approximation of x²)
    expect(s.objective).toBeGreaterThanOrEqual(6.6 - 1e-6);
  });
});
