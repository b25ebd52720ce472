import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LpModel, loadLpBackend } from '../../../solver/lp/index.ts';
import { validateScenario, formatIssue } from '../../../solver/scenario/validate.ts';
import { setAtPath } from '../../../solver/scenario/paths.ts';
import { allMicrogridInputs } from '../../../solver/microgrid/inputs.ts';
import { addMicrogrid, microgridCost, valuesAt } from '../../../solver/microgrid/model.ts';
import type { Scenario, ScenarioInput } from '../../../solver/scenario/schema.ts';

const tiny = JSON.parse(readFileSync(new URL('../../fixtures/scenarios/tiny.ggs.json', import.meta.url), 'utf8')) as ScenarioInput;

/** Two microgrids on the tiny feeder: "cheap" runs a 0.1/kWh generator, "short" has none. */
function twoMicrogrids(): ScenarioInput {
  return {
    ...tiny,
    time: { T: 3, dtHours: 1, start: '2026-07-01T00:00' },
    microgrids: [
      {
        id: 'cheap', busId: 'mid', loadKw: 5,
        generator: { pMaxKw: 20, costLinearPerKwh: 0.1 },
        adn: { buyPricePerKwh: 0.3, sellPricePerKwh: 0.05 },
        partners: [{ microgrid: 'short', costPerKwh: 0.01 }],
      },
      {
        id: 'short', busId: 'tail', loadKw: 10,
        adn: { buyPricePerKwh: 0.3, sellPricePerKwh: 0.05 },
        partners: [{ microgrid: 'cheap', costPerKwh: 0.01 }],
      },
    ],
  };
}

function valid(doc: unknown): Scenario {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(v.issues.map(formatIssue).join('\n'));
  return v.value;
}

function issues(doc: unknown): string[] {
  const v = validateScenario(doc);
  return v.ok ? [] : v.issues.map(formatIssue);
}

describe('microgrid section validation', () => {
  it('accepts two partners that list each other, filling defaults', () => {
    const s = valid(twoMicrogrids());
    expect(s.microgrids).toHaveLength(2);
    expect(s.microgrids[0]!.pvKwp).toBe(0);
    expect(s.microgrids[0]!.generator!.costQuadraticPerKw2h).toBe(0);
  });
  it('names a microgrid on a missing bus', () => {
    expect(issues(setAtPath(twoMicrogrids(), 'microgrids[0].busId', 'nowhere'))).toEqual(['microgrids[0].busId: bus "nowhere" does not exist']);
  });
  it('names an unknown trading partner', () => {
    const doc = setAtPath(twoMicrogrids(), 'microgrids[1].partners[0].microgrid', 'ghost');
    const found = issues(doc);
    expect(found).toContain('microgrids[1].partners[0].microgrid: microgrid "ghost" does not exist');
    // and the other side now lists a partner that does not list it back
    expect(found.some((m) => m.startsWith('microgrids[0].partners[0].microgrid: microgrid "short" does not list "cheap"'))).toBe(true);
  });
  it('names self-trade, duplicate ids, a missing profile and a buy-back arbitrage', () => {
    expect(issues(setAtPath(twoMicrogrids(), 'microgrids[0].partners[0].microgrid', 'cheap'))[0]).toMatch(/^microgrids\[0\]\.partners\[0\]\.microgrid: a microgrid cannot trade with itself/);
    expect(issues(setAtPath(twoMicrogrids(), 'microgrids[1].id', 'cheap'))[0]).toMatch(/^microgrids\[1\]\.id: microgrid id "cheap" is used twice/);
    expect(issues(setAtPath(twoMicrogrids(), 'microgrids[0].loadKw', { profile: 'none' }))).toEqual(['microgrids[0].loadKw.profile: profile "none" does not exist']);
    expect(issues(setAtPath(twoMicrogrids(), 'microgrids[0].adn.sellPricePerKwh', 0.4))[0]).toMatch(/^microgrids\[0\]\.adn\.sellPricePerKwh: exceeds the buy price in period 0/);
  });
  it('names a microgrid whose load exceeds everything it can get', () => {
    let doc = setAtPath(twoMicrogrids(), 'microgrids[0].partners', []);
    doc = setAtPath(doc, 'microgrids[1].partners', []);
    doc = setAtPath(doc, 'microgrids[1].adn.maxImportKw', 4);
    expect(issues(doc)).toEqual([expect.stringMatching(/^microgrids\[1\]\.loadKw: the load of 10 kW in period 0 exceeds everything the microgrid can get \(4 kW/)]);
  });
});

describe('addMicrogrid', () => {
  it('dispatches a quadratic generator where its marginal cost meets the buy price', async () => {
    const highs = await loadLpBackend('highs');
    const s = valid(setAtPath(setAtPath(twoMicrogrids(), 'microgrids[0].generator.costQuadraticPerKw2h', 0.01), 'microgrids[0].generator.costLinearPerKwh', 0.2));
    const [cheap] = allMicrogridInputs(s);
    const model = new LpModel('one');
    const vars = addMicrogrid(model, { ...cheap!, loadKw: new Float64Array(3).fill(10) }, { trading: 'alone' });
    expect(vars.trades.size).toBe(0);
    const sol = highs.solve(model);
    expect(sol.status).toBe('optimal');
    // 0.2 + 2·0.01·P = 0.3 → P = 5 kW, the other 5 kW bought: 0.25 + 1 + 1.5 = 2.75 per hour
    expect(valuesAt(vars.gen!, sol.x)).toEqual([5, 5, 5].map((v) => expect.closeTo(v, 3)));
    expect(valuesAt(vars.buy, sol.x)).toEqual([5, 5, 5].map((v) => expect.closeTo(v, 3)));
    expect(microgridCost(vars, sol.x)).toBeCloseTo(3 * 2.75, 6);
    expect(sol.objective).toBeCloseTo(3 * 2.75, 6);
    // the injection into the ADN is generation − load
    expect(valuesAt(vars.injection, sol.x)).toEqual([-5, -5, -5].map((v) => expect.closeTo(v, 3)));
  });

  it('lets paired microgrids trade, and the trade lowers the social cost below the sum alone', async () => {
    const glpk = await loadLpBackend('glpk');
    const inputs = allMicrogridInputs(valid(twoMicrogrids()));
    const alone = inputs.map((mg) => {
      const model = new LpModel(`alone ${mg.id}`);
      const vars = addMicrogrid(model, mg, { trading: 'alone' });
      const sol = glpk.solve(model);
      expect(sol.status).toBe('optimal');
      return microgridCost(vars, sol.x);
    });
    // cheap: 5 kWh at 0.1 per hour; short: 10 kWh at 0.3 per hour
    expect(alone[0]).toBeCloseTo(1.5, 9);
    expect(alone[1]).toBeCloseTo(9, 9);

    const model = new LpModel('pair');
    const [a, b] = inputs.map((mg) => addMicrogrid(model, mg));
    for (let t = 0; t < 3; t++) model.addRow(`pair_t${t}`, [[a!.trades.get('short')![t]!, 1], [b!.trades.get('cheap')![t]!, 1]], { eq: 0 });
    const sol = glpk.solve(model);
    expect(sol.status).toBe('optimal');
    // cheap generates 15 kW and sends 10 to short; both pay 0.01 per kWh traded
    expect(valuesAt(b!.trades.get('cheap')!, sol.x)).toEqual([10, 10, 10].map((v) => expect.closeTo(v, 6)));
    expect(valuesAt(a!.gen!, sol.x)).toEqual([15, 15, 15].map((v) => expect.closeTo(v, 6)));
    expect(microgridCost(a!, sol.x)).toBeCloseTo(3 * (1.5 + 0.1), 6);
    expect(microgridCost(b!, sol.x)).toBeCloseTo(3 * 0.1, 6);
    // the P2P energy still flows through the ADN: cheap injects 10 kW, short draws 10 kW
    expect(valuesAt(a!.injection, sol.x)).toEqual([10, 10, 10].map((v) => expect.closeTo(v, 6)));
    expect(valuesAt(b!.injection, sol.x)).toEqual([-10, -10, -10].map((v) => expect.closeTo(v, 6)));
  });

  it('keeps the battery within its SOC limits, back at its initial energy, with ramps holding the generator', async () => {
    const glpk = await loadLpBackend('glpk');
    let doc = twoMicrogrids();
    doc = setAtPath(doc, 'profiles', [{ id: 'evening', values: [0.5, 1, 0.8] }, { id: 'price', values: [0.1, 0.5, 0.5] }, { id: 'sell', values: [0.0, 0.05, 0.05] }]);
    doc = setAtPath(doc, 'microgrids[1].adn.buyPricePerKwh', { profile: 'price' });
    doc = setAtPath(doc, 'microgrids[1].adn.sellPricePerKwh', { profile: 'sell' });
    doc = setAtPath(doc, 'microgrids[1].battery', { kwh: 20, kw: 10, etaCharge: 1, etaDischarge: 1, socMin: 0, socMax: 1, socInitial: 0.5, degradationCostPerKwh: 0.01 });
    doc = setAtPath(doc, 'microgrids[0].generator.rampKwPerH', 2);
    doc = setAtPath(doc, 'microgrids[0].generator.initialKw', 0);
    const s = valid(doc);
    const [cheap, short] = allMicrogridInputs(s);
    const model = new LpModel('battery');
    const v = addMicrogrid(model, short!, { trading: 'alone' });
    const c = addMicrogrid(model, cheap!, { trading: 'alone' });
    const sol = glpk.solve(model);
    expect(sol.status).toBe('optimal');
    const e = valuesAt(v.energy!, sol.x);
    for (const x of e) expect(x).toBeGreaterThanOrEqual(-1e-9), expect(x).toBeLessThanOrEqual(20 + 1e-9);
    expect(e[2]).toBeCloseTo(10, 9);
    // charge 10 kW while cheap (t0), discharge 10 kW over the two dear hours back to 10 kWh: buy 20 at 0.1 then 5+5 at 0.5
    expect(valuesAt(v.charge!, sol.x)[0]).toBeCloseTo(10, 6);
    // the ramp from 0 kW allows 2, 4, 5 (load 5)
    expect(valuesAt(c.gen!, sol.x)).toEqual([2, 4, 5].map((x) => expect.closeTo(x, 6)));
  });
});
