import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runJob } from '../../../solver/jobs/run.ts';
import { setAtPath } from '../../../solver/scenario/paths.ts';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import type { Scenario, ScenarioInput } from '../../../solver/scenario/schema.ts';
import { nashPayments, nashProduct } from '../../../solver/microgrid/bargaining.ts';
import { loadLpBackend } from '../../../solver/lp/index.ts';
import { allMicrogridInputs } from '../../../solver/microgrid/inputs.ts';
import { buildP1, solveP1 } from '../../../solver/microgrid/centralised.ts';
import { admm } from '../../../solver/microgrid/admm.ts';
import { makeSafe } from '../../../solver/microgrid/networkSafety.ts';
import { MicrogridCoordination } from '../../../solver/scenario/schema.ts';

const sample = (name: string) => JSON.parse(readFileSync(new URL(`../../../assets/scenarios/${name}`, import.meta.url), 'utf8')) as ScenarioInput;
const classroom = () => sample('classroom-microgrids.ggs.json');
const valid = (doc: unknown): Scenario => {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.value;
};

/** One hour, two microgrids, no network: cheap generation at 0.1 vs buying at 0.3, 0.01 per kWh and side to trade. */
function handWorked(): ScenarioInput {
  const base = classroom();
  return {
    ...base,
    time: { T: 1, dtHours: 1, start: '2026-07-01T12:00' },
    profiles: [],
    microgrids: [
      { id: 'cheap', busId: 'A', loadKw: 5, generator: { pMaxKw: 20, costLinearPerKwh: 0.1 }, adn: { buyPricePerKwh: 0.3, sellPricePerKwh: 0.05 }, partners: [{ microgrid: 'short', costPerKwh: 0.01 }] },
      { id: 'short', busId: 'C', loadKw: 10, adn: { buyPricePerKwh: 0.3, sellPricePerKwh: 0.05 }, partners: [{ microgrid: 'cheap', costPerKwh: 0.01 }] },
    ],
  };
}

describe('P2 payments (closed form)', () => {
  it('give every microgrid the same gain and sum to zero', () => {
    const b = nashPayments([10, 20, 30], [8, 25, 12]);
    expect(b.totalSaving).toBeCloseTo(15, 12);
    for (const g of b.gains) expect(g).toBeCloseTo(5, 12);
    expect(b.paymentSum).toBeCloseTo(0, 12);
    expect(b.payments).toEqual([3, 10, -13].map((v) => expect.closeTo(v, 12)));
  });
  it('maximise the Nash product: any zero-sum perturbation lowers Σ ln(gain)', () => {
    const alone = [10, 20, 30], opt = [8, 25, 12];
    const b = nashPayments(alone, opt);
    const best = nashProduct(alone, opt, b.payments);
    for (const d of [[0.5, -0.5, 0], [0, 1, -1], [-0.2, -0.1, 0.3]]) expect(nashProduct(alone, opt, b.payments.map((p, i) => p + d[i]!))).toBeLessThan(best);
  });
});

describe('mg-bargaining', () => {
  it('reproduces the hand-worked two-microgrid hour: costs, trade, payments', async () => {
    const r = await runJob({ kind: 'mg-bargaining', scenario: handWorked(), options: { network: false } });
    expect(r.status, r.message).toBe('ok');
    const d = r.data!;
    // alone: cheap 5 kWh × 0.1, short 10 kWh × 0.3; together cheap makes 15 kW and sends 10, each pays 0.01 × 10
    expect(d.microgrids.map((m) => m.costAlone)).toEqual([0.5, 3].map((v) => expect.closeTo(v, 9)));
    expect(d.microgrids.map((m) => m.costOptimum)).toEqual([1.6, 0.1].map((v) => expect.closeTo(v, 6)));
    expect(d.pairs[0]!.tradeKw[0]).toBeCloseTo(-10, 6); // a = cheap sends (negative receipt)
    expect(d.totalSaving).toBeCloseTo(1.8, 6);
    expect(d.microgrids.map((m) => m.payment)).toEqual([2, -2].map((v) => expect.closeTo(v, 6)));
    expect(d.microgrids.map((m) => m.gain)).toEqual([0.9, 0.9].map((v) => expect.closeTo(v, 6)));
    // the ADMM trade price lies between the two microgrids' marginal costs net of the trading cost
    const price = d.pairs[0]!.pricePerKwh![0]!;
    expect(price).toBeGreaterThan(0.1 + 0.01 - 1e-3);
    expect(price).toBeLessThan(0.3 - 0.01 + 1e-3);
    expect(r.certificate!.relativeGap).toBeLessThanOrEqual(1e-4);
  });

  it('solves the classroom sample by ADMM to the centralised optimum, every microgrid better off', async () => {
    const r = await runJob({ kind: 'mg-bargaining', scenario: classroom() });
    expect(r.status, r.message).toBe('ok');
    const { data, certificate } = r;
    expect(data!.admm!.converged).toBe(true);
    expect(certificate!.relativeGap).toBeLessThanOrEqual(1e-4);
    expect(certificate!.minGain).toBeGreaterThan(0);
    expect(Math.abs(certificate!.paymentSum)).toBeLessThan(1e-9);
    // trading happens, in both answers (their trades need not coincide: P1 may have several optima)
    const total = (k: 'tradeKw' | 'admmTradeKw') => data!.pairs.reduce((s, p) => s + p[k]!.reduce((a, v) => a + Math.abs(v), 0), 0);
    expect(data!.socialCost.optimum).toBeLessThan(data!.socialCost.alone);
    expect(total('tradeKw')).toBeGreaterThan(10);
    expect(total('admmTradeKw')).toBeGreaterThan(10);
    // the residual history ends inside the stopping rule
    const last = data!.admm!.history.at(-1)!;
    expect(last.primal).toBeLessThanOrEqual(last.epsPrimal);
    expect(last.dual).toBeLessThanOrEqual(last.epsDual);
  });

  it('keeps the feeder within its limits: a tight line rating raises the optimum, and ADMM (with the ADN agent solving QPs) still meets it', async () => {
    const lp = await loadLpBackend('highs');
    const tight = valid(setAtPath(classroom(), 'network.lines[1].rateKva', 150));
    const loose = valid(classroom());
    const inputsT = allMicrogridInputs(tight);
    const withLimit = solveP1(lp, tight, inputsT, true, 12);
    const free = solveP1(lp, loose, allMicrogridInputs(loose), true, 12);
    expect(withLimit.socialCost).toBeGreaterThan(free.socialCost + 1);
    // line AB carries at most 150 kVA: sunny's PV and diesel's generator cannot all reach homes
    const coord = MicrogridCoordination.parse({});
    const it = admm(lp, tight, inputsT, { ...coord.admm, network: true, polygonSides: 12, links: coord.communication, seed: 1 });
    let step = it.next();
    while (!step.done) step = it.next();
    const res = step.value;
    expect(res.converged).toBe(true);
    expect(Math.abs(res.socialCost - withLimit.socialCost) / withLimit.socialCost).toBeLessThanOrEqual(1e-4);
    expect(res.solves).toBeGreaterThan(res.iterations * 3); // ADN period QPs on top of the three microgrids' solves
    // one computer per agent: each round waits for its slowest solve, never for the sum of them all
    expect(res.criticalPathMs).toBeGreaterThan(0);
    expect(res.criticalPathMs).toBeLessThan(res.solveMs);
  });

  it('over-relaxed (α = 1.6) reaches the same optimum in fewer iterations than plain ADMM', async () => {
    const lp = await loadLpBackend('highs');
    const s = valid(classroom());
    const inputs = allMicrogridInputs(s);
    const optimum = solveP1(lp, s, inputs, true, 12).socialCost;
    const coord = MicrogridCoordination.parse({});
    const run = (overRelaxation: number) => {
      const it = admm(lp, s, inputs, { ...coord.admm, overRelaxation, network: true, polygonSides: 12, links: coord.communication, seed: 1 });
      let step = it.next();
      while (!step.done) step = it.next();
      return step.value;
    };
    const plain = run(1), relaxed = run(1.6);
    expect(relaxed.overRelaxation).toBe(1.6);
    expect(relaxed.converged).toBe(true);
    expect(Math.abs(relaxed.socialCost - optimum) / optimum).toBeLessThanOrEqual(1e-4);
    expect(relaxed.iterations).toBeLessThan(plain.iterations);
  });

  it('marks an ADMM stopped at its iteration limit as not converged and the answer as uncertified', async () => {
    const scenario = { ...classroom(), microgridCoordination: { admm: { maxIterations: 5 } } } as ScenarioInput;
    const r = await runJob({ kind: 'mg-bargaining', scenario });
    expect(r.status).toBe('uncertified');
    expect(r.data!.admm!.converged).toBe(false);
    expect(r.data!.admm!.iterations).toBe(5);
    expect(r.data!.socialCost.admm).not.toBeNull();
    expect(r.verdict!.reason).toMatch(/iteration limit/);
  });

  it('names a microgrid that cannot meet its load on its own', async () => {
    let doc = classroom();
    doc = setAtPath(doc, 'microgrids[2].adn.maxImportKw', 20);
    doc = setAtPath(doc, 'microgrids[2].battery.kw', 0);
    const r = await runJob({ kind: 'mg-bargaining', scenario: doc });
    expect(r.status).toBe('infeasible');
    expect(r.error!.path).toBe('microgrids[2]');
    expect(r.message).toMatch(/microgrid "homes" cannot meet its load on its own: .*import from the ADN/);
  });

  it('converges with lost and delayed messages, more slowly, and replays exactly from its seed', async () => {
    const lossy = { ...classroom(), microgridCoordination: { communication: { lossProbability: 0.3, maxDelayIterations: 2 } } } as ScenarioInput;
    const perfect = await runJob({ kind: 'mg-bargaining', scenario: classroom() });
    const a = await runJob({ kind: 'mg-bargaining', scenario: lossy, seed: 7 });
    const b = await runJob({ kind: 'mg-bargaining', scenario: lossy, seed: 7 });
    expect(a.data!.admm!.messages.lost).toBeGreaterThan(0);
    expect(a.data!.admm!.iterations).toBe(b.data!.admm!.iterations);
    expect(a.data!.admm!.history.at(-1)!.primal).toBe(b.data!.admm!.history.at(-1)!.primal);
    expect(a.data!.admm!.iterations).toBeGreaterThan(perfect.data!.admm!.iterations);
  });

  it('solves P1 by cutting planes to the objective the HiGHS QP solver finds, where that one terminates', async () => {
    const lp = await loadLpBackend('highs');
    const s = valid(setAtPath(classroom(), 'network.lines[0].rateKva', 300));
    const qp = lp.solve(buildP1(s, allMicrogridInputs(s), true, 12).model, { timeLimitSeconds: 20 });
    expect(qp.status).toBe('optimal');
    const cuts = solveP1(lp, s, allMicrogridInputs(s), true, 12);
    expect(cuts.cutRounds).toBeGreaterThan(1);
    expect(Math.abs(cuts.socialCost - qp.objective) / qp.objective).toBeLessThan(1e-8);
  });

  it('exports P1 as one model over every microgrid and the feeder', () => {
    const s = valid(classroom());
    const p1 = buildP1(s, allMicrogridInputs(s), true, 12);
    expect(p1.pairs).toHaveLength(3);
    expect(p1.model.isQuadratic).toBe(true);
    expect(p1.model.varName(p1.vars[0]!.buy[0]!)).toBe('mg_sunny_buy_t0');
  });
});

describe('network safety after trading', () => {
  it('finds the AC voltages the LinDistFlow optimum leaves below 0.90 p.u. on the IEEE 33 sample and moves the least exchange to restore them', async () => {
    const lp = await loadLpBackend('highs');
    const s = valid(sample('ieee33-microgrids.ggs.json'));
    const inputs = allMicrogridInputs(s);
    const p1 = solveP1(lp, s, inputs, true, 12);
    // LinDistFlow (lossless) keeps every voltage at or above 0.90
    expect(Math.min(...p1.voltagePu!.flat())).toBeGreaterThanOrEqual(0.9 - 1e-6);
    const report = makeSafe(lp, s, inputs, p1.dispatch, 12);
    const first = report.rounds[0]!;
    expect(first.violations.length).toBeGreaterThan(0);
    expect(first.violations.every((v) => v.kind === 'voltage-low' && v.value < 0.9)).toBe(true);
    expect(report.safe).toBe(true);
    expect(Math.min(...report.voltagesAfter.flat())).toBeGreaterThanOrEqual(0.9 - 1e-6);
    // only periods with a violation are touched, and only by injecting more (raising voltages)
    const violated = new Set(report.rounds.flatMap((r) => r.violations.map((v) => v.t)));
    for (const r of report.rounds) for (const a of r.adjustments) expect(violated.has(a.t)).toBe(true), expect(a.deltaKw).toBeGreaterThan(0);
    expect(report.adjustedKwh).toBeGreaterThan(0);
    expect(report.adjustedKwh).toBeLessThan(200);
    // the other periods' voltages are unchanged
    const untouched = [...Array(s.time.T).keys()].filter((t) => !violated.has(t));
    for (const t of untouched) expect(report.voltagesAfter[t]).toEqual(report.voltagesBefore[t]);
  });
});
