import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLpBackend } from '../../../solver/lp/backend.ts';
import { parseScenarioText } from '../../../solver/scenario/validate.ts';
import { runJob } from '../../../solver/jobs/run.ts';
import type { OpfData } from '../../../solver/contract.ts';
import type { Scenario } from '../../../solver/scenario/schema.ts';
import { DlmpMarketEnv, ExactOpfPricer, bestResponse, exploitability, injectionOf, nashByBestResponse, profitOf, type DlmpMarketSpec } from '../../../solver/learn/dlmpMarket.ts';
import { Matd3 } from '../../../solver/learn/matd3.ts';

const scenario = (file: string): Scenario => {
  const v = parseScenarioText(readFileSync(file, 'utf8'));
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.value;
};
const agent = (busId: string) => ({ busId, qMaxKw: 400, costPerKwh: 0.05, quadPerKw: 0.001 });
const base: Omit<DlmpMarketSpec, 'periods'> = { agents: [agent('18'), agent('33')], loadLow: 1, loadHigh: 1, carbonPricePerKg: 0.1, polygonSides: 12, stepsPerEpisode: 4 };
const opened: ExactOpfPricer[] = [];
const pricer = async (file: string, spec: DlmpMarketSpec, backend: 'glpk' | 'highs' = 'glpk') => {
  const p = new ExactOpfPricer(scenario(file), spec, await loadLpBackend(backend));
  opened.push(p);
  return p;
};
afterAll(() => opened.forEach((p) => p.dispose()));

describe('the carbon-aware DLMP market prices with the opf job\'s own LP', () => {
  it('without a carbon price and without injections, its DLMPs are the opf job\'s', async () => {
    const spec = { ...base, periods: [0], carbonPricePerKg: 0 };
    const p = await pricer('assets/scenarios/ieee33.ggs.json', spec);
    const opf = await runJob({ kind: 'opf', scenario: JSON.parse(readFileSync('assets/scenarios/ieee33.ggs.json', 'utf8')), options: { acComparison: false }, seed: 1 });
    const expected = (opf.data as OpfData).periods[0]!.buses.map((b) => b.dlmp.total);
    const got = p.prices({ period: 0, load: 1 }, [0, 0]);
    got.forEach((g, j) => expect(g).toBeCloseTo(expected[j]!, 10));
  });

  it('prices emissions: on the uncongested feeder every DLMP is import price + carbon price × grid intensity', async () => {
    const p = await pricer('assets/scenarios/ieee33.ggs.json', { ...base, periods: [0] });
    expect(p.gridPrices()[0]).toBeCloseTo(0.2 + 0.1 * 0.4, 12);
    for (const q of [[0, 0], [150, 300], [400, 400]]) p.prices({ period: 0, load: 1 }, q).forEach((d) => expect(d).toBeCloseTo(0.24, 9));
  });

  it('at the evening peak of the DER sample, withheld injections congest line 2–3 and the diesel (0.32 + 0.1 × 0.7 kg) sets the price; injecting relieves it', async () => {
    const spec = { ...base, periods: [18], loadLow: 0.7, loadHigh: 0.8 };
    const p = await pricer('assets/scenarios/ieee33-der.ggs.json', spec);
    const state = { period: 0, load: 0.8 };
    const withheld = p.clear(state, [0, 0]);
    expect(withheld.dlmps[p.agentBus[0]!]).toBeCloseTo(0.32 + 0.1 * 0.7, 9);
    const injected = p.clear(state, [200, 200]);
    expect(injected.dlmps[p.agentBus[0]!]).toBeCloseTo(p.gridPrices()[0]!, 9);
    expect(injected.emissionsKg).toBeLessThan(withheld.emissionsKg);
    // the DLMP is the marginal carbon-aware cost: 1 kW less injected at bus 18 (= 1 kW more load) costs the OPF its DLMP
    const q = [150, 150];
    const at = p.clear(state, q), less = p.clear(state, [149, 150]);
    expect((less.cost - at.cost) / 1).toBeCloseTo(at.dlmps[p.agentBus[0]!]!, 6);
  });

  it('names the bus of a misplaced agent by its option path', async () => {
    await expect(pricer('assets/scenarios/ieee33.ggs.json', { ...base, periods: [0], agents: [agent('18'), agent('99')] })).rejects.toMatchObject({ error: { path: 'options.agents.1.busId' } });
  });
});

describe('the two-agent market on the uncongested feeder: a game with a closed-form Nash equilibrium', () => {
  // price-takers at λ = 0.24: q* = (λ − c)/b = 190 kW each, profit ½·b·q*² = 18.05 per hour
  const spec = { ...base, periods: [0] };
  const state = { period: 0, load: 1 };

  it('best-response iteration on the exact OPF finds q* and leaves no gain from deviating', async () => {
    const p = await pricer('assets/scenarios/ieee33.ggs.json', spec);
    const ne = nashByBestResponse(p, spec, p.agentBus, 1, state, 20);
    expect(ne.converged).toBe(true);
    ne.q.forEach((q) => expect(q).toBeCloseTo(190, 9));
    expect(exploitability(p, spec, p.agentBus, 1, state, ne.q, 20)).toBeLessThan(1e-9);
    // a deviation's gain is ½·b·(q − q*)²: 0.5·0.001·100² = 5 at 90 kW
    expect(exploitability(p, spec, p.agentBus, 1, state, [90, 190], 20)).toBeCloseTo(5, 6);
    expect(bestResponse(p, spec, p.agentBus, 1, state, [90, 190], 0, 20).profit).toBeCloseTo(profitOf(spec.agents[0]!, 190, 0.24, 1), 9);
  });

  it('MATD3 traders on the exact OPF prices approach it (ε-Nash: a deviation gains < 5 % of the equilibrium profit)', async () => {
    const p = await pricer('assets/scenarios/ieee33.ggs.json', spec);
    const env = new DlmpMarketEnv(spec, p, p.agentBus, 1, 0.24, 3);
    const learner = new Matd3(env, { hidden: [16, 16], batch: 32, warmup: 64, noiseDecay: 600, noiseTo: 0.02, tau: 0.05, actorLr: 3e-3, criticLr: 1e-2 }, 2);
    const q = () => learner.act(env.reset()).map((a, i) => injectionOf(spec.agents[i]!, a));
    const before = exploitability(p, spec, p.agentBus, 1, state, q(), 20);
    for (let e = 0; e < 200; e++) learner.trainEpisode();
    const learned = q();
    const after = exploitability(p, spec, p.agentBus, 1, state, learned, 20);
    learner.dispose();
    expect(after).toBeLessThan(0.05 * 18.05);
    expect(after).toBeLessThan(before);
    learned.forEach((x) => expect(Math.abs(x - 190)).toBeLessThan(45));
  }, 300_000); // 800 steps, each an LP solve and a MATD3 update: ~16 s on a quiet machine, minutes at load 12
});
