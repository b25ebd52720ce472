/**
 * The evcs-market model against closed forms on a toy case (support.ts):
 *
 * - station choice: with linear (β = 1) waiting and constant roads, the EVs
 *   split so that t0·α·(x_A − x_B)/capacity = (p_B − p_A)·E·60/VOT;
 * - the market: the CHP's marginal cost sets the P2P price, λ − fee = 2aP + b,
 *   so each station's energy costs 2a·(L_A + L_B) + b + 2·fee per kWh;
 * - the coupling settles at prices that reproduce themselves, certified; one
 *   round is reported as not settled, never as an answer;
 * - validation names the field; the sample file is what its script writes.
 */
import { readFileSync } from 'node:fs';
import { evcsMarketJob } from '../../../solver/evcs/evcsJob.ts';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import { runJob } from '../../../solver/jobs/run.ts';
import { loadLpBackend } from '../../../solver/lp/backend.ts';
import { stationNetwork, assignWithStations } from '../../../solver/evcs/stationTraffic.ts';
import { clearMarket } from '../../../solver/evcs/market.ts';
import { evcsSample } from '../../../solver/evcs/sample.ts';
import { importOpendss } from '../../../solver/import/opendss.ts';
import { evcsMarketRounds, DSO } from '../../../solver/ledger/adapters.ts';
import type { Scenario, ScenarioInput } from '../../../solver/scenario/schema.ts';
import { CHP, FEE, toyEvcs } from './support.ts';

const valid = (input: ScenarioInput): Scenario => {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.value;
};
const issues = (input: unknown) => {
  const v = validateScenario(input);
  return v.ok ? [] : v.issues.map((i) => `${i.path}: ${i.message}`);
};
const drain = <R>(gen: Generator<unknown, R, void>): R => {
  for (;;) {
    const s = gen.next();
    if (s.done) return s.value;
  }
};

describe('station choice inside the traffic equilibrium', () => {
  it('20 EVs split so that the waiting difference equals the price difference in minutes', () => {
    const s = valid(toyEvcs());
    const net = stationNetwork(s.transport!, s.evcs!);
    const [pA, pB] = [0.2, 0.25];
    const r = drain(assignWithStations(net, [pA, pB], { relativeGap: 1e-10, maxIterations: 500, usedShare: 1e-3 }));
    // t0 = 20 kWh / 50 kW = 24 min, capacity = 5·50/20 = 12.5 EV/h, α = 0.5; E·60/VOT = 60 min per currency/kWh
    expect(net.chargeMin[0]).toBeCloseTo(24, 12);
    expect(net.capacityVehPerH[0]).toBeCloseTo(12.5, 12);
    const diff = ((pB - pA) * 60 * 12.5) / (24 * 0.5);
    expect(r.stationVehPerH[0]).toBeCloseTo((20 + diff) / 2, 6);
    expect(r.stationVehPerH[1]).toBeCloseTo((20 - diff) / 2, 6);
    expect(r.wardrop.maxRelativeExcess).toBeLessThan(1e-6);
  });

  it('a gap of 1e-4 can leave an EV path 11 % dear; with wardropTolerance the assignment tightens the gap until the check holds', () => {
    // Riverside with link 1-2 at 400 veh/h and north-east cut to 4 chargers (its queue builds fast), at the prices the coupling reaches
    const input = JSON.parse(readFileSync(new URL('../../../assets/scenarios/riverside-evcs.ggs.json', import.meta.url), 'utf8')) as ScenarioInput;
    input.transport!.links[0]!.capacityVehPerH = 400;
    input.evcs!.stations[1]!.chargers = 4;
    const s = valid(input);
    const prices = [0.2495, 0.1489, 0.2495, 0.2495];
    const plain = drain(assignWithStations(stationNetwork(s.transport!, s.evcs!), prices, { relativeGap: 1e-4, maxIterations: 2000, usedShare: 1e-3 }));
    expect(plain.gaps.at(-1)!).toBeLessThanOrEqual(1e-4);
    expect(plain.wardrop.maxRelativeExcess).toBeGreaterThan(0.1);
    const checked = drain(assignWithStations(stationNetwork(s.transport!, s.evcs!), prices, { relativeGap: 1e-4, maxIterations: 2000, usedShare: 1e-3, wardropTolerance: 1e-2 }));
    expect(checked.wardrop.maxRelativeExcess).toBeLessThanOrEqual(1e-2);
    expect(checked.gaps.at(-1)!).toBeLessThan(1e-5);
    expect(checked.iterations).toBeGreaterThan(plain.iterations);
    // the same equilibrium, more exactly: station flows move by well under one EV per hour
    for (let k = 0; k < 4; k++) expect(Math.abs(checked.stationVehPerH[k]! - plain.stationVehPerH[k]!)).toBeLessThan(1);
  });

  it('a station priced far above the other gets no EVs', () => {
    const s = valid(toyEvcs());
    const r = drain(assignWithStations(stationNetwork(s.transport!, s.evcs!), [0.1, 0.9], { relativeGap: 1e-10, maxIterations: 500, usedShare: 1e-3 }));
    expect(r.stationVehPerH[1]).toBe(0);
    expect(r.stationVehPerH[0]).toBeCloseTo(20, 9);
  });
});

describe('the hierarchical market by ADMM', () => {
  it('the CHP sets the P2P price: each station pays 2a·(L_A + L_B) + b + 2·fee per kWh; balances hold and payments net to zero', async () => {
    const s = valid(toyEvcs());
    const lp = await loadLpBackend('highs');
    const loads = [300, 200];
    const m = drain(clearMarket(lp, s, s.evcs!, loads, { rho: 0.0005, adaptiveRho: false, overRelaxation: 1, maxIterations: 3000, epsAbs: 3e-4, epsRel: 1e-6, network: true, polygonSides: 12, links: { lossProbability: 0, maxDelayIterations: 0 }, seed: 1 }));
    expect(m.converged).toBe(true);
    const price = 2 * CHP.a * 500 + CHP.b + 2 * FEE;
    expect(m.energyPricePerKwh[0]).toBeCloseTo(price, 3);
    expect(m.energyPricePerKwh[1]).toBeCloseTo(price, 3);
    const chp = m.participants.find((p) => p.id === 'chp')!;
    expect(chp.genKw).toBeCloseTo(500, 1);
    expect(m.maxBalanceKw).toBeLessThan(0.01);
    expect(m.maxTradeMismatchKw).toBeLessThan(0.01);
    expect(Math.abs(m.paymentSum)).toBeLessThan(1e-9);
    for (const t of m.trades) expect(t.seller).toBe('chp');
  });
});

describe('the evcs-market job', () => {
  it('settles at prices the market reproduces; every certificate holds; the split obeys the closed form at those prices', async () => {
    const r = await runJob({ kind: 'evcs-market', scenario: toyEvcs() });
    expect(r.status).toBe('ok');
    const d = r.data!, c = r.certificate!;
    expect(d.coupling.converged).toBe(true);
    expect(c.coupling.priceResidualPerKwh).toBeLessThanOrEqual(1e-3);
    expect(c.traffic.relativeGap).toBeLessThanOrEqual(1e-4);
    expect(c.powerflow.maxMismatchKva).toBeLessThan(1e-3);
    expect(c.market.maxBalanceKw).toBeLessThan(0.05);
    const [a, b] = d.stations;
    // both stations buy from the one CHP at one price: equal prices, so an even split
    expect(a!.pricePerKwh).toBeCloseTo(2 * CHP.a * 400 + CHP.b + 2 * FEE + 0.05, 2);
    const diff = ((b!.pricePerKwh - a!.pricePerKwh) * 60 * 12.5) / (24 * 0.5);
    expect(a!.evPerH).toBeCloseTo((20 + diff) / 2, 2);
    expect(a!.evPerH + b!.evPerH).toBeCloseTo(20, 6);
    expect(d.totals.stationLoadKw).toBeCloseTo(400, 6);
    // the feeder carries the base load, the CHP feeds the stations from b1
    expect(d.buses.find((x) => x.id === 'b2')!.vmPu).toBeLessThan(1);
  });

  it('a station with PV charges less and draws more EVs; the prices still settle', async () => {
    const r = await runJob({ kind: 'evcs-market', scenario: toyEvcs({ stations: [{ pvKw: 150 }] }) });
    expect(r.status).toBe('ok');
    const [a, b] = r.data!.stations;
    expect(a!.pricePerKwh).toBeLessThan(b!.pricePerKwh - 0.01);
    expect(a!.evPerH).toBeGreaterThan(b!.evPerH);
    const last = r.data!.coupling.rounds.at(-1)!;
    expect(Math.max(...last.answerPerKwh.map((p, s) => Math.abs(p - last.pricePerKwh[s]!)))).toBeLessThanOrEqual(1e-3);
  });

  it('MSA averaging (step 1/(k+1)) closes the residual only like 1/k: at 12 rounds it is reported as not settled', async () => {
    const msa = await runJob({ kind: 'evcs-market', scenario: toyEvcs({ stations: [{ pvKw: 150 }] }), options: { averaging: 'msa', maxCouplingIterations: 12 } });
    expect(msa.status).toBe('uncertified');
    expect(msa.verdict!.reason).toMatch(/did not settle in 12 rounds/);
    const r = msa.data!.coupling.rounds.map((x) => x.priceResidual);
    // the residual falls every round, roughly as 1/k (k·r_k stays within a factor 2 from round 4 on)
    for (let k = 1; k < r.length; k++) expect(r[k]!).toBeLessThan(r[k - 1]!);
    expect((12 * r[11]!) / (4 * r[3]!)).toBeGreaterThan(0.5);
    expect((12 * r[11]!) / (4 * r[3]!)).toBeLessThan(2);
  });

  it('out of rounds: uncertified, named as not settled', async () => {
    const r = await runJob({ kind: 'evcs-market', scenario: toyEvcs({ stations: [{ pvKw: 150 }] }), options: { maxCouplingIterations: 1 } });
    expect(r.status).toBe('uncertified');
    expect(r.data!.coupling.converged).toBe(false);
    expect(r.verdict!.reason).toMatch(/did not settle in 1 rounds/);
    expect(() => evcsMarketRounds(r.data!)).toThrow(/did not settle/);
  });

  it('a failed Wardrop check is what the verdict names (not the price residual that passed)', async () => {
    const r = await runJob({ kind: 'evcs-market', scenario: toyEvcs({ stations: [{ pvKw: 150 }] }) });
    expect(r.status).toBe('ok');
    expect(evcsMarketJob.verdict(r.certificate!, {} as never, r.data!).measure).toMatch(/^coupling price residual/);
    const c = structuredClone(r.certificate!);
    c.traffic.maxWardropExcess = 0.114;
    const v = evcsMarketJob.verdict(c, {} as never, r.data!);
    expect(v).toMatchObject({ certified: false, measure: 'Wardrop excess of a used route', value: 0.114, tolerance: 0.01 });
    expect(v.reason).toMatch(/costs 1.14e-1 \(relative\) more than the shortest/);
  });

  it('settles on the ledger: P2P trades at their ADMM prices and the DSO exchanges at the tariff', async () => {
    const r = await runJob({ kind: 'evcs-market', scenario: toyEvcs() });
    const [round] = evcsMarketRounds(r.data!);
    const p2p = round!.trades.filter((t) => t.seller !== DSO && t.buyer !== DSO);
    expect(p2p.reduce((s, t) => s + t.kWh, 0)).toBeCloseTo(400, 1);
    for (const t of p2p) expect(t.price).toBeCloseTo(2 * CHP.a * 400 + CHP.b + FEE, 3);
  });
});

describe('validation names the field', () => {
  it('refuses bad stations, prosumers and origins', () => {
    const s = toyEvcs();
    const e = s.evcs!;
    e.stations[0] = { ...e.stations[0]!, node: 'Z', busId: 'nowhere', priceMinPerKwh: 0.5, priceMaxPerKwh: 0.4 };
    e.stations[1] = { ...e.stations[1]!, id: 'chp' };
    e.demand.push({ from: 'A', vehPerH: 1 }, { from: 'O', vehPerH: 2 });
    e.dso = { buyPricePerKwh: 0.1, sellPricePerKwh: 0.2, tradeFeePerKwh: 0 };
    const got = issues(s);
    expect(got).toEqual(
      expect.arrayContaining([
        'evcs.stations[0].node: transport node "Z" does not exist',
        'evcs.stations[0].busId: bus "nowhere" does not exist',
        'evcs.stations[0].priceMaxPerKwh: must be at least priceMinPerKwh (0.5)',
        expect.stringMatching(/^evcs.prosumers\[0\].id: participant id "chp" is used twice/),
        expect.stringMatching(/^evcs.demand\[2\].from: node "O" is listed twice/),
        expect.stringMatching(/^evcs.dso.sellPricePerKwh: must not exceed buyPricePerKwh/),
      ]),
    );
  });

  it('refuses an origin that reaches no station, a station at a centroid, and stations without roads', () => {
    const s = toyEvcs();
    s.transport!.nodes.push({ id: 'C', x: 2, y: 0 }, { id: 'Q', x: 3, y: 0, through: false });
    s.transport!.links.push({ id: 'QA', from: 'Q', to: 'A', freeFlowMin: 1, capacityVehPerH: 100 });
    s.evcs!.demand.push({ from: 'C', vehPerH: 1 });
    s.evcs!.stations[1] = { ...s.evcs!.stations[1]!, node: 'Q' };
    expect(issues(s)).toEqual(expect.arrayContaining(['evcs.demand[1].from: no charging station can be reached from node "C"', expect.stringMatching(/^evcs.stations\[1\].node: transport node "Q" is a zone centroid/)]));
    const noRoads = toyEvcs();
    delete noRoads.transport;
    expect(issues(noRoads)).toEqual(expect.arrayContaining([expect.stringMatching(/^evcs: needs a road network/)]));
  });
});

describe('the sample', () => {
  it('assets/scenarios/riverside-evcs.ggs.json is what scripts/samples/evcs.ts writes (Riverside + the IEEE 123 import)', () => {
    const read = (p: string) => {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    };
    const feeder = importOpendss('assets/networks/opendss/ieee123/Run_IEEE123Bus.DSS', read).scenario;
    expect(JSON.parse(readFileSync('assets/scenarios/riverside-evcs.ggs.json', 'utf8'))).toEqual(JSON.parse(JSON.stringify(evcsSample(feeder))));
    expect(validateScenario(evcsSample(feeder)).ok).toBe(true);
  });
});
