/**
 * The energy–communication multi-commodity variant (mg-energy-comm) against
 * a case worked by hand and by brute force: a seller with 100 kW of PV and a
 * buyer with 80 kW of load, their trade needing 1 kbit/s per kW over a direct
 * link of 50 kbit/s (free) or through a router R (0.001 per kbit/s·h on each
 * of its two links).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runJob } from '../../../solver/jobs/run.ts';
import { validateScenario, formatIssue } from '../../../solver/scenario/validate.ts';

const HOURS = 24; // the classroom grid: four periods of six hours
const BUY = 0.3, SELL = 0.05, FEE = 0.01, VIA_R = 0.002;

function scenario(routerKbps: number, buyerOnNetwork = true) {
  const s = JSON.parse(readFileSync(new URL('../../../assets/scenarios/classroom-microgrids.ggs.json', import.meta.url), 'utf8'));
  const adn = { buyPricePerKwh: BUY, sellPricePerKwh: SELL };
  s.microgrids = [
    { id: 'seller', busId: 'A', loadKw: 0, pvKwp: 100, pvProfile: 1, adn, partners: [{ microgrid: 'buyer', costPerKwh: FEE }] },
    { id: 'buyer', busId: 'B', loadKw: 80, adn, partners: [{ microgrid: 'seller', costPerKwh: FEE }] },
  ];
  const far = buyerOnNetwork ? 'buyer' : 'elsewhere';
  s.communicationNetwork = {
    kbpsPerKw: 1,
    links: [
      { id: 'direct', from: 'seller', to: far, bandwidthKbps: 50 },
      { id: 'sr', from: 'seller', to: 'R', bandwidthKbps: routerKbps, costPerKbpsH: VIA_R / 2 },
      { id: 'rb', from: 'R', to: far, bandwidthKbps: routerKbps, costPerKbpsH: VIA_R / 2 },
    ],
  };
  return s;
}

/** Brute force over the traded kW q (0.5 kW steps): the cost per hour of trading q with the cheapest feasible routing. */
function bruteForce(routerKbps: number): { q: number; cost: number } {
  let best = { q: NaN, cost: Infinity };
  for (let q = 0; q <= 100; q += 0.5) {
    const viaR = Math.max(0, q - 50);
    if (viaR > routerKbps) break;
    // the buyer imports what it lacks (or exports a surplus), the seller exports the rest of its PV
    const cost = BUY * Math.max(0, 80 - q) - SELL * Math.max(0, q - 80) - SELL * (100 - q) + 2 * FEE * q + VIA_R * viaR;
    if (cost < best.cost - 1e-12) best = { q, cost };
  }
  return best;
}

const solve = async (doc: unknown) => {
  const r = await runJob({ kind: 'mg-energy-comm', scenario: doc as never, options: { network: false } });
  expect(r.status, r.message).toBe('ok');
  return r.data!;
};

describe('mg-energy-comm', () => {
  it('a binding direct link: the trade re-routes 30 kbit/s through the router, and the direct link is priced at the detour', async () => {
    const d = await solve(scenario(100));
    const hand = bruteForce(100);
    expect(hand.q).toBe(80);
    // seller −1.0 + 0.8 fee, buyer 0.8 fee, data 30 × 0.002 per hour
    expect(hand.cost).toBeCloseTo(0.66, 12);
    expect(d.socialCost).toBeCloseTo(0.66 * HOURS, 6);
    expect(d.freeCommunicationCost).toBeCloseTo(0.6 * HOURS, 6);
    expect(d.communicationCost).toBeCloseTo(0.06 * HOURS, 6);
    const pair = d.pairs[0]!;
    for (let t = 0; t < d.T; t++) {
      expect(pair.tradeKw[t]).toBeCloseTo(-80, 6);
      const byPath = Object.fromEntries(pair.routes[t]!.map((r) => [r.path.join('>'), r.kbps]));
      expect(byPath['seller>buyer']).toBeCloseTo(50, 6);
      expect(byPath['seller>R>buyer']).toBeCloseTo(30, 6);
      const direct = d.links.find((l) => l.id === 'direct')!;
      expect(direct.loadKbps[t]).toBeCloseTo(50, 6);
      expect(direct.pricePerKbpsH[t]).toBeCloseTo(VIA_R, 9);
    }
  });

  it('a binding router path too: the trade shrinks to 60 kW, and bandwidth is worth the whole saving per kWh', async () => {
    const d = await solve(scenario(10));
    const hand = bruteForce(10);
    expect(hand.q).toBe(60);
    // buyer imports 20 at 0.30, seller exports 40 at 0.05, fees 60 × 0.02, data 10 × 0.002
    expect(hand.cost).toBeCloseTo(6 - 2 + 1.2 + 0.02, 12);
    expect(d.socialCost).toBeCloseTo(hand.cost * HOURS, 6);
    const pair = d.pairs[0]!;
    expect(pair.tradeKw.every((kw) => Math.abs(kw + 60) < 1e-6)).toBe(true);
    expect(pair.freeTradeKw.every((kw) => Math.abs(kw + 80) < 1e-6)).toBe(true);
    // one more kbit/s on the direct link lets one more kW through: 0.30 − 0.05 − 2 × 0.01 = 0.23 per hour
    const price = (id: string) => d.links.find((l) => l.id === id)!.pricePerKbpsH[0]!;
    expect(price('direct')).toBeCloseTo(0.23, 9);
    expect(price('sr') + price('rb')).toBeCloseTo(0.23 - VIA_R, 9);
    // every microgrid gains the same from the bargaining on the joint costs
    const [a, b] = d.microgrids;
    expect(a!.gain).toBeCloseTo(b!.gain, 9);
    expect(a!.payment + b!.payment).toBeCloseTo(0, 9);
  });

  it('a buyer on no communication link cannot trade: each keeps its stand-alone cost', async () => {
    const d = await solve(scenario(100, false));
    expect(d.pairs[0]!.tradeKw.every((kw) => Math.abs(kw) < 1e-9)).toBe(true);
    expect(d.socialCost).toBeCloseTo(d.microgrids.reduce((s, m) => s + m.costAlone, 0), 6);
  });

  it('names bad links by path, and refuses without a communication network', async () => {
    const issues = (doc: unknown) => {
      const v = validateScenario(doc);
      return v.ok ? '' : v.issues.map(formatIssue).join('\n');
    };
    const s = scenario(100);
    s.communicationNetwork.links.push({ id: 'direct', from: 'R', to: 'R', bandwidthKbps: 5 });
    expect(issues(s)).toMatch(/communicationNetwork\.links\[3\]\.id: link id "direct" is used twice/);
    expect(issues(s)).toMatch(/communicationNetwork\.links\[3\]\.to: a link joins two different nodes/);
    const none = scenario(100);
    delete none.communicationNetwork;
    const r = await runJob({ kind: 'mg-energy-comm', scenario: none, options: { network: false } });
    expect(r.status).toBe('invalid');
    expect(r.message).toMatch(/communicationNetwork/);
  });
});
