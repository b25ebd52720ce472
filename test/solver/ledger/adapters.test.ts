/**
 * From cleared markets to market rounds: the mechanism lab (per period, with
 * the bids as the contract; AGV without one), the VPP game (each VPP's sale
 * per period to the community pool) and the EV game (expected V2V energy per
 * EV with the microgrid operator), the microgrids (each ADMM consensus trade
 * at its multiplier price); every round settles into a ledger that verifies.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import { drain, mechanismRounds } from '../../../solver/ledger/rounds.ts';
import { COMMUNITY_POOL, MICROGRID_OPERATOR, evGameRounds, mgBargainingRounds, vppGameRounds } from '../../../solver/ledger/adapters.ts';
import { runJob } from '../../../solver/jobs/run.ts';
import type { MgBargainingData } from '../../../solver/jobs/kinds/mgBargaining.ts';
import { settleLedger } from '../../../solver/ledger/settle.ts';
import { verifyLedger } from '../../../solver/ledger/verify.ts';
import type { VppGameData } from '../../../solver/jobs/kinds/vppGame.ts';
import type { EvBayesianData } from '../../../solver/jobs/kinds/evBayesian.ts';

const root = join(import.meta.dirname, '../../..');
const sample = (name: string) => {
  const v = validateScenario(JSON.parse(readFileSync(join(root, `assets/scenarios/${name}.ggs.json`), 'utf8')));
  if (!v.ok) throw new Error(`the ${name} scenario is invalid`);
  return v.value;
};
const scenario = sample('classroom-bid-book');
const settle = (rounds: Parameters<typeof settleLedger>[0]) =>
  settleLedger(rounds, { run: { scenario: 't', scenarioHash: 'h', job: 'j', market: 'm', software: 's' }, keySeed: 'k', neutral: { nodes: 3, threshold: 2 }, f: 1 });

describe('adapters', () => {
  it('mechanism lab on a book drawn from the scenario’s entities: one round per period of the day, each verifying', () => {
    const rounds = drain(mechanismRounds(sample('community-entities'), 'uniform-price', 0.5, 1));
    expect(rounds).toHaveLength(24);
    expect(rounds.filter((r) => r.trades.length > 0).length).toBeGreaterThan(1);
    expect(verifyLedger(settle(rounds)).ok).toBe(true);
  });
  it('mechanism lab: the rule’s trades, and the period’s bids as a contract (none for AGV)', () => {
    const [round] = drain(mechanismRounds(scenario, 'uniform-price', 0.5, 1));
    expect(round!.trades.map((t) => [t.seller, t.buyer, t.kWh, t.price])).toEqual([
      ['s1', 'b1', 1, 5.5],
      ['s2', 'b2', 1, 5.5],
      ['s3', 'b3', 1, 5.5],
    ]);
    expect(round!.contract).toMatchObject({ mechanism: 'uniform-price', k: 0.5, tariff: { gridBuy: 11, gridSell: 1 }, units: 'blocks' });
    expect(round!.contract!.bids).toHaveLength(8);
    expect(verifyLedger(settle([round!])).ok).toBe(true);
    const [agv] = drain(mechanismRounds(scenario, 'agv', 0.5, 1));
    expect(agv!.contract).toBeNull();
    expect(verifyLedger(settle([agv!])).ok).toBe(true);
    expect(() => drain(mechanismRounds(scenario, 'nope' as never, 0.5, 1))).toThrow(/unknown mechanism "nope"/);
  });

  it('VPP game: each VPP sells q·Δt per period to the pool at the period’s price; nothing is settled for zero sales', () => {
    const data = { dtHours: 0.5, price: [0.2, 0.3], equilibrium: [{ id: 'vpp-a', q: [10, 0] }, { id: 'vpp-b', q: [4, 6] }] } as unknown as VppGameData;
    const rounds = vppGameRounds(data);
    expect(rounds.map((r) => r.period)).toEqual([1, 2]);
    expect(rounds[0]!.trades).toEqual([{ seller: 'vpp-a', buyer: COMMUNITY_POOL, kWh: 5, price: 0.2 }, { seller: 'vpp-b', buyer: COMMUNITY_POOL, kWh: 2, price: 0.2 }]);
    expect(rounds[1]!.trades).toEqual([{ seller: 'vpp-b', buyer: COMMUNITY_POOL, kWh: 3, price: 0.3 }]);
    expect(verifyLedger(settle(rounds)).ok).toBe(true);
  });

  it('EV game: expected kWh over the types, at the mean price of the parked periods', () => {
    const data = {
      fleets: [{ id: 'f', levels: [{ id: 'lo', prior: 0.25 }, { id: 'hi', prior: 0.75 }] }],
      evs: [
        { id: 'ev1', fleetId: 'f', role: 'seller', parkedFrom: 0, parkedTo: 2, byType: [{ level: 'lo', v2vKwh: 4 }, { level: 'hi', v2vKwh: 8 }] },
        { id: 'ev2', fleetId: 'f', role: 'buyer', parkedFrom: 1, parkedTo: 3, byType: [{ level: 'lo', v2vKwh: 2 }, { level: 'hi', v2vKwh: 2 }] },
        { id: 'ev3', fleetId: 'f', role: 'idle', parkedFrom: 0, parkedTo: 3, byType: [] },
      ],
      periods: [0, 1, 2].map((t) => ({ t, sellerPrice: 0.1 * (t + 1), buyerPrice: 0.2 * (t + 1) })),
    } as unknown as EvBayesianData;
    const [round] = evGameRounds(data);
    expect(round!.trades).toHaveLength(2);
    expect(round!.trades[0]).toMatchObject({ seller: 'ev1', buyer: MICROGRID_OPERATOR, kWh: 7 });
    expect(round!.trades[0]!.price).toBeCloseTo(0.15, 12);
    expect(round!.trades[1]).toMatchObject({ seller: MICROGRID_OPERATOR, buyer: 'ev2', kWh: 2 });
    expect(round!.trades[1]!.price).toBeCloseTo(0.5, 12);
    expect(verifyLedger(settle([round!])).ok).toBe(true);
  });

  it('microgrids: each pair’s ADMM consensus trade per period, seller the one sending, at the multiplier price; round-off dropped', () => {
    const data = {
      T: 2,
      dtHours: 6,
      admm: {},
      pairs: [
        { a: 'x', b: 'y', tradeKw: [10, -5], admmTradeKw: [10, -5], pricePerKwh: [0.2, 0.3] },
        { a: 'x', b: 'z', tradeKw: [0, 0], admmTradeKw: [1e-12, 0], pricePerKwh: [0.25, 0.3] },
      ],
    } as unknown as MgBargainingData;
    const rounds = mgBargainingRounds(data);
    expect(rounds.map((r) => r.period)).toEqual([1, 2]);
    expect(rounds[0]!.trades).toEqual([{ seller: 'y', buyer: 'x', kWh: 60, price: 0.2 }]);
    expect(rounds[1]!.trades).toEqual([{ seller: 'x', buyer: 'y', kWh: 30, price: 0.3 }]);
    expect(rounds.every((r) => r.contract === null)).toBe(true);
    expect(verifyLedger(settle(rounds)).ok).toBe(true);
    expect(() => mgBargainingRounds({ ...data, admm: null })).toThrow(/no ADMM answer/);
  });

  it('microgrids: the classroom sample settles into a ledger that verifies, its volume per period the job’s ADMM trades', async () => {
    const result = await runJob({ kind: 'mg-bargaining', scenario: JSON.parse(readFileSync(join(root, 'assets/scenarios/classroom-microgrids.ggs.json'), 'utf8')), seed: 1 });
    expect(result.status).toBe('ok');
    const data = result.data!;
    const rounds = mgBargainingRounds(data);
    expect(rounds).toHaveLength(data.T);
    const ledger = settle(rounds);
    expect(verifyLedger(ledger).ok).toBe(true);
    expect(ledger.blocks).toHaveLength(data.T);
    const traded = rounds.flatMap((r) => r.trades).length;
    expect(traded).toBeGreaterThan(2);
    data.pairs.forEach((p) => expect(p.admmTradeKw).not.toBeNull());
    ledger.blocks.forEach((b, t) => {
      const settled = b.transactions.reduce((s, tx) => s + (tx.body.kind === 'trade' ? tx.body.kWh : 0), 0);
      const job = data.pairs.reduce((s, p) => s + Math.abs(p.admmTradeKw![t]!), 0) * data.dtHours;
      expect(settled).toBeCloseTo(job, 5);
      // the multiplier is the marginal value of energy between microgrids: positive on this sample
      for (const tx of b.transactions) if (tx.body.kind === 'trade') expect(tx.body.price).toBeGreaterThan(0);
    });
  }, 60_000);
});
