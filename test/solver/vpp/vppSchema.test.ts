import { describe, expect, it } from 'vitest';
import { runJob } from '../../../solver/jobs/run.ts';
import { setAtPath } from '../../../solver/scenario/paths.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import { readAsset } from '../support/network.ts';

const load = (file: string): ScenarioInput => JSON.parse(readAsset(`scenarios/${file}`));

function issuesOf(s: unknown) {
  const v = validateScenario(s);
  if (v.ok) throw new Error('expected the scenario to be invalid');
  return v.issues;
}

describe('validateScenario with VPPs and a market', () => {
  it('accepts both VPP samples, filling building defaults', () => {
    for (const file of ['three-vpps.ggs.json', 'classroom-two-vpps.ggs.json']) {
      const v = validateScenario(load(file));
      expect(v.ok, file).toBe(true);
      if (!v.ok) continue;
      expect(v.value.vpps.length).toBeGreaterThanOrEqual(2);
      expect(v.value.vpps[0]!.buildings[0]!.mode).toBe('cooling');
    }
    const three = validateScenario(load('three-vpps.ggs.json'));
    if (three.ok) expect(three.value.vpps.map((v) => v.buildings.length)).toEqual([2, 2, 1]);
  });

  it('names the path and the problem of dangling buses and profiles, duplicate ids, unordered bands and prices', () => {
    let s = load('three-vpps.ggs.json');
    s = setAtPath(s, 'vpps[0].busId', '99');
    s = setAtPath(s, 'vpps[1].outdoorTempC', { profile: 'nowhere' });
    s = setAtPath(s, 'vpps[1].buildings[1].id', 'campus-library');
    s = setAtPath(s, 'vpps[2].buildings[0].comfort', { minC: 27, maxC: 25 });
    s = setAtPath(s, 'vpps[0].buildings[0].setpointC', 27);
    s = setAtPath(s, 'market.feedInPricePerKwh', 0.15);
    expect(issuesOf(s)).toEqual([
      { path: 'vpps[0].busId', message: 'bus "99" does not exist' },
      { path: 'vpps[0].buildings[0].setpointC', message: 'must lie inside the occupied comfort band (22–26 °C)' },
      { path: 'vpps[1].outdoorTempC.profile', message: 'profile "nowhere" does not exist' },
      { path: 'vpps[1].buildings[1].id', message: 'building id "campus-library" is used twice (also vpps[0].buildings[0])' },
      { path: 'vpps[2].buildings[0].comfort.minC', message: 'must not exceed maxC (25 °C)' },
      { path: 'vpps[2].buildings[0].setpointC', message: 'must lie inside the occupied comfort band (27–25 °C)' },
      { path: 'market.feedInPricePerKwh', message: 'must be below the retail price in every period (t=0: 0.15 vs 0.1)' },
    ]);
  });

  it('rejects an unknown control strategy with its path', () => {
    const s = setAtPath(load('classroom-two-vpps.ggs.json'), 'vpps[1].buildings[0].control', 'thermostat');
    expect(issuesOf(s)).toEqual([{ path: 'vpps[1].buildings[0].control', message: 'must be "constant" or "flexible", not the text "thermostat"' }]);
  });

  it('the vpp-game job says what is missing when a scenario has no market', async () => {
    const { market: _, ...noMarket } = load('classroom-two-vpps.ggs.json');
    const r = await runJob({ kind: 'vpp-game', scenario: noMarket });
    expect(r.status).toBe('invalid');
    expect(r.error!.path).toBe('market');
  });
});

describe('classroom sample', () => {
  it('solves: two VPPs, a certified equilibrium, and a best-response staircase from (0, 0)', async () => {
    const r = await runJob({ kind: 'vpp-game', scenario: load('classroom-two-vpps.ggs.json'), options: { curvePoints: 5 } });
    expect(r.status, r.message).toBe('ok');
    expect(r.certificate!.maxRelativeDeviationGain).toBeLessThanOrEqual(1e-6);
    expect(r.data!.potentialCheck!.maxQuantityDiffKw).toBeLessThan(1e-4);
    const c = r.data!.bestResponseCurves!;
    expect(c.vpps).toEqual(['north', 'south']);
    expect(c.path[0]).toEqual({ a: 0, b: 0 });
    // Gauss–Seidel: north moves first (b unchanged), then south (a unchanged)
    expect(c.path[1]!.b).toBe(0);
    expect(c.path[2]!.a).toBe(c.path[1]!.a);
  }, 60_000);
});
