/**
 * The game job kinds' per-participant outputs (the equilibrium paths of the
 * what-if panel), read off real results of the samples and checked against
 * what the result states elsewhere: the certificate's payoffs, the
 * Chatterjee–Samuelson linear equilibrium, the fleet's total utility.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JobKind } from '../../../solver/contract.ts';
import { runJob } from '../../../solver/jobs/run.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import { extractOutputs, jobOutputs, type PerEntityOutput } from '../../../solver/whatif/outputs.ts';

const sample = (name: string) => JSON.parse(readFileSync(new URL(`../../../assets/scenarios/${name}.ggs.json`, import.meta.url), 'utf8')) as ScenarioInput;

async function solved<K extends JobKind>(kind: K, name: string) {
  const input = sample(name);
  const result = await runJob({ kind, scenario: input } as never);
  const scenario = validateScenario(input);
  if (result.status !== 'ok' || !scenario.ok) throw new Error(`${name} must solve`);
  return { result, scenario: scenario.value, outputs: extractOutputs(kind, result.data as never).outputs };
}

const equilibriumSpecs = (kind: JobKind) => (jobOutputs[kind] as PerEntityOutput<JobKind>[]).filter((o) => o.shape === 'per-entity' && o.equilibrium);

describe('equilibrium outputs of the game job kinds', () => {
  it('every game kind declares at least one strategy and one payoff per participant; the other kinds none', () => {
    for (const kind of ['vpp-game', 'kda', 'ev-bayesian'] as const) {
      const roles = equilibriumSpecs(kind).map((o) => o.equilibrium);
      expect(roles, kind).toContain('strategy');
      expect(roles, kind).toContain('payoff');
    }
    for (const kind of ['powerflow', 'opf', 'portfolio', 'portfolio-evaluate'] as const) expect(equilibriumSpecs(kind), kind).toEqual([]);
  });

  it('vpp-game on three-vpps: P2P sales per VPP add up to the traded volume, payoffs are the certificate’s', async () => {
    const { result, scenario, outputs } = await solved('vpp-game', 'three-vpps');
    const sales = outputs.p2pSalesKwh as Record<string, number>;
    const payoff = outputs.payoff as Record<string, number>;
    expect(Object.keys(sales)).toEqual(['campus', 'civic', 'school']);
    for (const spec of equilibriumSpecs('vpp-game')) expect(Object.keys(outputs[spec.id] as object), spec.id).toEqual(spec.entities(scenario));
    const total = Object.values(sales).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(outputs.p2pVolumeKwh as number, 6);
    // each VPP's sales over its share of the market: the shares are sales / total
    for (const [id, kwh] of Object.entries(sales)) expect(kwh / total).toBeCloseTo((outputs.marketShare as Record<string, number>)[id]!, 6);
    const cert = (result.certificate as { deviationGains: { id: string; payoff: number }[] }).deviationGains;
    for (const { id, payoff: p } of cert) expect(payoff[id]).toBeCloseTo(p, 9);
  });

  it('kda on the k = 1/2 sample: bids and asks of five types are the Chatterjee–Samuelson line 2v/3 + 1/12, 2c/3 + 1/4', async () => {
    const { scenario, outputs } = await solved('kda', 'k-double-auction');
    const bid = outputs.bidByType as Record<string, number>;
    const ask = outputs.askByType as Record<string, number>;
    expect(Object.keys(bid)).toEqual(['v=0', 'v=0.25', 'v=0.5', 'v=0.75', 'v=1']);
    expect(Object.keys(ask)).toEqual(['c=0', 'c=0.25', 'c=0.5', 'c=0.75', 'c=1']);
    for (const spec of equilibriumSpecs('kda')) expect(Object.keys(outputs[spec.id] as object), spec.id).toEqual(spec.entities(scenario));
    // types below the other side's lowest offer never trade: bid 1/12 for v = 0; the line holds where trade is possible
    for (const v of [0.25, 0.5, 0.75]) expect(bid[`v=${v}`]).toBeCloseTo((2 * v) / 3 + 1 / 12, 9);
    for (const c of [0.25, 0.5, 0.75]) expect(ask[`c=${c}`]).toBeCloseTo((2 * c) / 3 + 1 / 4, 9);
    // symmetric game: the buyer of value v gets what the seller of cost 1 − v gets
    const ub = outputs.buyerUtilityByType as Record<string, number>;
    const us = outputs.sellerUtilityByType as Record<string, number>;
    for (const v of [0, 0.25, 0.5, 0.75, 1]) expect(ub[`v=${v}`]).toBeCloseTo(us[`c=${1 - v}`]!, 9);
    expect(ub['v=0']).toBe(0); // the lowest buyer never trades
  });

  it('kda on a grid of three types records each type once, as entities() lists them', async () => {
    const input = sample('k-double-auction');
    (input as { kda: { typePoints: number } }).kda.typePoints = 3;
    const result = await runJob({ kind: 'kda', scenario: input });
    const scenario = validateScenario(input);
    if (result.status !== 'ok' || !scenario.ok) throw new Error('three types must solve');
    const bid = equilibriumSpecs('kda').find((o) => o.id === 'bidByType')!;
    expect(bid.entities(scenario.value)).toEqual(['v=0', 'v=0.5', 'v=1']);
    expect(Object.keys(bid.extract(result.data!))).toEqual(['v=0', 'v=0.5', 'v=1']);
  });

  it('ev-bayesian on the parking lot: more responsive EVs trade more and gain more; the classes’ utilities add up to the fleet’s', async () => {
    const { result, scenario, outputs } = await solved('ev-bayesian', 'ev-parking-lot');
    const data = result.data as { evs: { role: string; byType: { level: string; v2vKwh: number }[] }[]; summary: { evUtility: number } };
    for (const id of ['sellerKwhByClass', 'buyerKwhByClass']) {
      const byClass = outputs[id] as Record<string, number>;
      expect(Object.keys(byClass), id).toEqual(['low', 'medium', 'high']);
      expect(byClass.low!, id).toBeLessThan(byClass.medium!);
      expect(byClass.medium!, id).toBeLessThan(byClass.high!);
    }
    expect(equilibriumSpecs('ev-bayesian').find((o) => o.id === 'sellerKwhByClass')!.entities(scenario)).toEqual(['low', 'medium', 'high']);
    // the first seller's high type, recomputed: the class mean over sellers includes it
    const sellers = data.evs.filter((e) => e.role === 'seller');
    const meanHigh = sellers.reduce((s, e) => s + e.byType.find((t) => t.level === 'high')!.v2vKwh, 0) / sellers.length;
    expect((outputs.sellerKwhByClass as Record<string, number>).high).toBeCloseTo(meanHigh, 12);
    // a seller's and a buyer's expected utility per class, weighted by the prior and counted over the EVs: the fleet's total
    const prior = { low: 0.3, medium: 0.4, high: 0.3 } as Record<string, number>;
    const count = (role: string) => data.evs.filter((e) => e.role === role).length;
    const total = (id: string, role: string) => Object.entries(outputs[id] as Record<string, number>).reduce((s, [level, u]) => s + prior[level]! * u * count(role), 0);
    expect(total('sellerUtilityByClass', 'seller') + total('buyerUtilityByClass', 'buyer')).toBeCloseTo(data.summary.evUtility, 9);
    expect((outputs.sellerUtilityByClass as Record<string, number>).high).toBeGreaterThan((outputs.sellerUtilityByClass as Record<string, number>).low!);
  });
});
