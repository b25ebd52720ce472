/**
 * The equilibrium samples are certified (status ok, the verdict holds), and a
 * verdict that fails turns `ok` into `uncertified` for every kind with a
 * certificate: the status follows the certificate, not the solver's say-so.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runJob } from '../../../solver/jobs/run.ts';
import { jobDefinitions } from '../../../solver/jobs/registry.ts';
import { statusOfVerdict } from '../../../solver/jobs/certification.ts';
import { JOB_KINDS } from '../../../solver/contract.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';

const sample = (name: string) => JSON.parse(readFileSync(new URL(`../../../assets/scenarios/${name}.ggs.json`, import.meta.url), 'utf8')) as ScenarioInput;

describe('equilibrium samples are certified', () => {
  it('kda on the k-double-auction sample', async () => {
    const r = await runJob({ kind: 'kda', scenario: sample('k-double-auction') });
    expect(r.status, r.verdict?.reason ?? r.message).toBe('ok');
    expect(r.verdict).toMatchObject({ certified: true, measure: 'largest deviation gain' });
    expect(r.verdict!.value).toBeLessThanOrEqual(r.certificate!.epsilon);
  });

  it.each(['three-vpps', 'classroom-two-vpps'])('vpp-game on %s', async (name) => {
    const r = await runJob({ kind: 'vpp-game', scenario: sample(name), options: { potentialCheck: false, curvePoints: 0 } });
    expect(r.status, r.verdict?.reason ?? r.message).toBe('ok');
    expect(r.verdict).toMatchObject({ certified: true, measure: 'largest relative deviation gain', tolerance: 1e-6 });
    expect(r.verdict!.value).toBe(r.certificate!.maxRelativeDeviationGain);
  }, 60_000);
});

describe('every job kind judges its certificate', () => {
  it('each definition has a verdict', () => {
    for (const kind of JOB_KINDS) expect(typeof jobDefinitions[kind].verdict, kind).toBe('function');
  });

  it('a failed verdict makes the answer uncertified, with a short message and the reason kept apart', () => {
    const failed = jobDefinitions['vpp-game'].verdict({ maxDeviationGain: 3, maxRelativeDeviationGain: 0.01, deviationGains: [{ id: 'a', gain: 3, payoff: 300 }] } as never, {} as never, {} as never);
    expect(failed).toMatchObject({ certified: false, value: 0.01, tolerance: 1e-6 });
    expect(failed.reason).toMatch(/^a gains 3\.000e\+0/);
    expect(statusOfVerdict(failed)).toEqual({ status: 'uncertified', message: 'solved, but not certified: largest relative deviation gain 1.00e-2 > 1e-6' });
    const pf = jobDefinitions.powerflow.verdict({ lastVoltageChangePu: 1e-6, tolerancePu: 1e-8 } as never, {} as never, {} as never);
    expect(pf.certified).toBe(false);
    const lp = jobDefinitions.opf.verdict({ lp: { objective: 100, maxPrimalViolation: 1, dualityGap: 0 } } as never, { certificateTolerance: 1e-6 } as never, {} as never);
    expect(lp).toMatchObject({ certified: false, value: 0.01 });
  });
});
