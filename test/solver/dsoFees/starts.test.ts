/**
 * The DSO-fee search's starting points (solver/dsoFees/starts.ts) and the
 * optimistic response at a zero fee:
 *
 * - every start is the microgrids' exact response at its fees (KKT residual
 *   ≈ 0), the starts improve strictly, and none beats the bilevel optimum
 *   (6.60 on the classroom sample, whose fee grid holds 0.12);
 * - with no fee the receipts r ≥ max(p, 0) cost the microgrids nothing, so
 *   the DSO's network cost must be charged on the trade itself — never on
 *   receipts left at their limit by a degenerate LP.
 */
import { describe, expect, it } from 'vitest';
import { loadLpBackend } from '../../../solver/lp/backend.ts';
import { runJob } from '../../../solver/jobs/run.ts';
import { Scenario, type ScenarioInput } from '../../../solver/scenario/schema.ts';
import { buildDsoGame } from '../../../solver/dsoFees/model.ts';
import { heuristicStarts } from '../../../solver/dsoFees/starts.ts';
import { kktResiduals } from '../../../solver/bilevel/blocks.ts';
import { readAsset } from '../support/network.ts';

const classroom = (): ScenarioInput & { dsoFees: Record<string, number> } => JSON.parse(readAsset('scenarios/classroom-dso-fees.ggs.json'));

describe('dso-fees starting points', () => {
  it('are exact follower responses, improving, and never above the bilevel optimum', async () => {
    const lp = await loadLpBackend('highs');
    const game = buildDsoGame(Scenario.parse(classroom()));
    const starts = heuristicStarts(game, lp, { gridPoints: 11, maxEvaluations: 20, flat: 0.05 });
    expect(starts.length).toBeGreaterThan(1);
    for (let k = 1; k < starts.length; k++) expect(starts[k]!.objective).toBeGreaterThan(starts[k - 1]!.objective);
    for (const s of starts) {
      const r = kktResiduals(game.follower, s.u, s.x, s.y, s.d);
      expect(Math.max(r.primal, r.stationarity, r.sign, r.complementarity)).toBeLessThan(1e-8);
      expect(s.objective).toBeLessThanOrEqual(6.6 + 1e-9);
    }
    // 0.12 is on the 11-point grid over [0, 0.3]: the best start is the optimum
    expect(starts.at(-1)!.u[0]).toBeCloseTo(0.12, 12);
    expect(starts.at(-1)!.objective).toBeCloseTo(6.6, 9);
  });

  it('with no fee, the DSO\'s network cost is on the 75 kW traded, not on idle receipts', async () => {
    const s = classroom();
    s.dsoFees.networkCostPerKwhOhm = 0.001;
    const r = await runJob({ kind: 'dso-fees-evaluate', scenario: s, options: { fees: 'none' } });
    expect(r.status, r.message).toBe('ok');
    const d = r.data!;
    expect(d.outcome.pairVolumeKw[0]![0]).toBeCloseTo(75, 6);
    expect(d.outcome.networkCost).toBeCloseTo(0.001 * d.pairs[0]!.distanceOhm * 75, 9);
    expect(d.outcome.leaderObjective).toBeCloseTo(-d.outcome.networkCost, 12);
  });
});
