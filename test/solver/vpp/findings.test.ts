/**
 * The seed paper's qualitative findings, reproduced on the three-VPP sample:
 * flexible building control raises each VPP's market power (price–cost
 * margin) and the VPPs' total revenue; a lower limit on the service
 * quotation never lowers P2P volume (a sweep of f_max through the what-if engine).
 */
import { describe, expect, it } from 'vitest';
import type { VppGameOptions } from '../../../solver/contract.ts';
import { runJob } from '../../../solver/jobs/run.ts';
import { runStudy } from '../../../solver/whatif/execute.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { readAsset } from '../support/network.ts';

const sample = (): ScenarioInput => JSON.parse(readAsset('scenarios/three-vpps.ggs.json'));
const quick: Partial<VppGameOptions> = { potentialCheck: false, curvePoints: 0 };

async function solved(scenario: ScenarioInput, options: Partial<VppGameOptions>) {
  const r = await runJob({ kind: 'vpp-game', scenario, options: { ...quick, ...options } });
  if (r.status !== 'ok') throw new Error(r.message);
  return r.data!;
}

describe('paper findings on the three-VPP sample', () => {
  it('flexible control raises every VPP\'s price–cost margin, the total revenue and the P2P volume', async () => {
    const { constant, flexible } = (await solved(sample(), { compareControl: true })).comparison!;
    expect(flexible.totalRevenue).toBeGreaterThan(constant.totalRevenue);
    expect(flexible.volumeKwh).toBeGreaterThan(constant.volumeKwh);
    flexible.vpps.forEach((v, i) => {
      const before = constant.vpps[i]!;
      expect(v.id).toBe(before.id);
      expect(v.priceCostMargin!, v.id).toBeGreaterThan(before.priceCostMargin!);
    });
  }, 120_000);

  it('P2P volume does not fall as the service-quotation limit f_max falls', async () => {
    const limits = [0.03, 0.015, 0.005, 0];
    const study = await runStudy(
      {
        base: { kind: 'vpp-game', scenario: sample(), options: quick },
        design: { kind: 'sweep', param: { path: 'market.serviceFeeMaxPerKwh', values: { kind: 'list', values: limits } } },
        outputs: ['p2pVolumeKwh'],
      },
      (request) => runJob(request),
    );
    expect(study.points.map((p) => p.status)).toEqual(limits.map(() => 'ok'));
    const volumes = study.points.map((p) => p.outputs.p2pVolumeKwh as number);
    for (let k = 1; k < limits.length; k++) expect(volumes[k]!).toBeGreaterThanOrEqual(volumes[k - 1]! - 1e-6);
    // and it does move: the quotation is not irrelevant on this sample
    expect(volumes.at(-1)!).toBeGreaterThan(volumes[0]! + 1);
  }, 180_000);
});
