/**
 * Small follower programs with fees, hand-built in the LP layer's standard
 * form: microgrid-like buyers and sellers meeting through a pairing row.
 */
import { LpModel, type LpRow, type LpVar } from '../../../solver/lp/model.ts';
import type { FollowerProblem, LeaderVars } from '../../../solver/bilevel/follower.ts';

export interface SellerSpec {
  id: string;
  /** generator cost ½·h·g² + b·g, capacity, own load */
  h: number;
  b: number;
  cap: number;
  load: number;
  /** price it gets selling to the grid */
  sellPrice: number;
}

/**
 * One buyer (load, grid purchase at `buyPrice`, its own generator) and sellers
 * who can sell to it P2P; fee l is paid per kWh the buyer receives from seller l.
 */
export function market(buyer: { load: number; buyPrice: number; genH: number; genB: number; genCap: number; tradeCap: number }, sellers: SellerSpec[], feeMax: number[]): { f: FollowerProblem; leader: LeaderVars; received: LpVar[] } {
  const m = new LpModel('toy market');
  const A: LpVar[] = [];
  const buy = m.addVar('A_buy', { ub: 500, cost: buyer.buyPrice });
  const gen = m.addVar('A_gen', { ub: buyer.genCap, cost: buyer.genB });
  m.setQuadraticCost(gen, buyer.genH);
  A.push(buy, gen);
  const received = sellers.map((s) => m.addVar(`A_from_${s.id}`, { ub: buyer.tradeCap }));
  A.push(...received);
  m.addRow('A_balance', [[buy, 1], [gen, 1], ...received.map((r): [LpVar, number] => [r, 1])], { eq: buyer.load });
  const blocks = [{ id: 'A', vars: A }];
  const coupling: LpRow[] = [];
  sellers.forEach((s, k) => {
    const g = m.addVar(`${s.id}_gen`, { ub: s.cap, cost: s.b });
    m.setQuadraticCost(g, s.h);
    const sell = m.addVar(`${s.id}_grid`, { ub: 500, cost: -s.sellPrice });
    const sent = m.addVar(`${s.id}_to_A`, { ub: buyer.tradeCap });
    m.addRow(`${s.id}_balance`, [[g, 1], [sell, -1], [sent, -1]], { eq: s.load });
    coupling.push(m.addRow(`pair_${s.id}`, [[sent, 1], [received[k]!, -1]], { eq: 0 }));
    blocks.push({ id: s.id, vars: [g, sell, sent] });
  });
  m.setObjective('min');
  const f: FollowerProblem = { model: m, feeTerms: received.map((v, l) => ({ v, leader: l, coef: 1 })), blocks, couplingRows: coupling };
  const leader: LeaderVars = { names: sellers.map((s) => `fee_${s.id}`), lb: new Float64Array(sellers.length), ub: Float64Array.from(feeMax) };
  return { f, leader, received };
}

export const oneFee = () => market({ load: 80, buyPrice: 0.3, genH: 0.004, genB: 0.2, genCap: 30, tradeCap: 100 }, [{ id: 'B', h: 0.002, b: 0.05, cap: 120, load: 10, sellPrice: 0.04 }], [0.3]);

export const twoFees = () =>
  market({ load: 90, buyPrice: 0.3, genH: 0.004, genB: 0.22, genCap: 20, tradeCap: 70 }, [
    { id: 'B', h: 0.003, b: 0.05, cap: 100, load: 10, sellPrice: 0.04 },
    { id: 'C', h: 0.0015, b: 0.09, cap: 100, load: 5, sellPrice: 0.06 },
  ], [0.3, 0.3]);
