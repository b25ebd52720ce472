import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runJob } from '../../../solver/jobs/run.ts';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import { loadLpBackend } from '../../../solver/lp/backend.ts';
import { DualAscentOptions } from '../../../solver/jobs/kinds/dualAscent.ts';
import { seriesValues } from '../../../solver/scenario/series.ts';
import type { Scenario, ScenarioInput } from '../../../solver/scenario/schema.ts';
import { OperatorModel, withTariffAdders, adderOf, actionOf } from '../../../solver/learn/operatorEnv.ts';

const classroom = () => JSON.parse(readFileSync(new URL('../../../assets/scenarios/classroom-microgrids.ggs.json', import.meta.url), 'utf8')) as ScenarioInput;
const parsed = (): Scenario => {
  const v = validateScenario(classroom());
  if (!v.ok) throw new Error('the classroom sample does not validate');
  return v.value;
};

describe('the ADN operator over the dual-ascent market', () => {
  it('adders move every microgrid\'s ADN buy and sell price by block, and welfare is what the microgrids and the ADN add up to', async () => {
    const s = parsed();
    const shifted = withTariffAdders(s, [0.01, 0.05]);
    s.microgrids.forEach((mg, i) => {
      const b0 = seriesValues(s, mg.adn.buyPricePerKwh), b1 = seriesValues(shifted, shifted.microgrids[i]!.adn.buyPricePerKwh);
      const s0 = seriesValues(s, mg.adn.sellPricePerKwh), s1 = seriesValues(shifted, shifted.microgrids[i]!.adn.sellPricePerKwh);
      // T = 4 periods in two blocks: 0–1 and 2–3
      [0.01, 0.01, 0.05, 0.05].forEach((a, t) => {
        expect(b1[t]! - b0[t]!).toBeCloseTo(a, 12);
        expect(s1[t]! - s0[t]!).toBeCloseTo(a, 12);
      });
    });
    expect(actionOf(adderOf(0.3, { adderMin: -0.05, adderMax: 0.15 }), { adderMin: -0.05, adderMax: 0.15 })).toBeCloseTo(0.3, 12);

    const lp = await loadLpBackend('highs');
    const model = new OperatorModel(s, { blocks: 1, adderMin: -0.05, adderMax: 0.15, lossCostPerKw2h: 2e-4, market: DualAscentOptions.parse({ privacy: false, maxIterations: 100 }) }, lp, 1);
    const o = model.evaluate([0]);
    expect(o.marketCertified).toBe(true);
    expect(o.welfare).toBeCloseTo(-o.microgridCost + o.adnRevenue - o.adnCost, 9);
    // the dual-ascent job's own run at the scenario's tariffs gives the same microgrid costs
    const r = await runJob({ kind: 'dual-ascent', scenario: classroom(), options: { privacy: false, maxIterations: 100 } });
    expect(r.data!.microgrids.reduce((a, m) => a + m.cost, 0)).toBeCloseTo(o.microgridCost, 6);
    // the pool nets out (to the market's own balance tolerance), so the ADN's net sale is the microgrids' net import
    r.data!.microgrids[0]!.poolKw.forEach((_, t) => expect(Math.abs(r.data!.microgrids.reduce((a, m) => a + m.poolKw[t]!, 0))).toBeLessThan(0.05));
    // with losses priced (κ > 0), raising the tariff above pass-through pays: the welfare at +0.07 beats both ends
    const mid = model.evaluate([0.07]).welfare;
    expect(mid).toBeGreaterThan(o.welfare);
    expect(mid).toBeGreaterThan(model.evaluate([0.15]).welfare);
  }, 120_000);

  it('the adn-operator job: SAC lands near the grid-search oracle\'s tariff, certified by the re-cleared market', async () => {
    const r = await runJob({ kind: 'adn-operator', scenario: classroom(), seed: 1, options: { episodes: 50, oraclePoints: 11 } });
    expect(r.status, r.message).toBe('ok');
    const d = r.data!, c = r.certificate!;
    // measured (seeds 1–3, 60 episodes): adder 0.072–0.077 against the oracle's 0.07, welfare equal to the oracle's to 1e-2
    expect(d.oracle!.adders[0]).toBeCloseTo(0.07, 6);
    expect(Math.abs(d.learned.adders[0]! - d.oracle!.adders[0]!)).toBeLessThan(0.02);
    expect(c.gainGap!).toBeLessThan(0.1);
    expect(d.learned.welfare).toBeGreaterThan(d.baseline.welfare);
    expect(c.marketCertified).toBe(true);
    expect(d.curve).toHaveLength(50);
    expect(d.clearings).toBe(1 + 50 + 1 + 11);
    // the saved policy through JSON, evaluated without training, gives the same control
    const again = await runJob({ kind: 'adn-operator', scenario: classroom(), seed: 1, options: { episodes: 0, oraclePoints: 0, policy: JSON.parse(JSON.stringify(d.policy)) } });
    expect(again.status, again.message).toBe('ok');
    expect(again.data!.learned.adders[0]).toBeCloseTo(d.learned.adders[0]!, 12);
  }, 120_000);

  it('bad input names its field', async () => {
    const r = await runJob({ kind: 'adn-operator', scenario: classroom(), options: { blocks: 5, episodes: 1, oraclePoints: 0 } });
    expect(r.status).toBe('invalid');
    expect(r.error?.path).toBe('options.blocks');
    const n = await runJob({ kind: 'adn-operator', scenario: classroom(), options: { episodes: 0, oraclePoints: 0 } });
    expect(n.error?.path).toBe('options.episodes');
  });
});
