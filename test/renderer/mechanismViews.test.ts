/**
 * The mechanism laboratory's single-book view models on the real job's
 * answer: payments per agent (VCG on the classroom book: buyers pay 5,
 * sellers receive 6), misreport curves (the truthful point read off the
 * curve, the gain equal to the search's), and the KDE prior over the
 * histogram of a bid history (both integrate to 1).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runJob } from '../../solver/jobs/run.ts';
import type { MechanismData } from '../../solver/contract.ts';
import type { ScenarioInput } from '../../solver/scenario/schema.ts';
import { agentCurves, binCount, curveAgents, curveGain, densityHistogram, densityMass, misreportFigure, okRows, paymentsMatrix, paymentTraces, priorDensities, priorFigure, truthfulUtility } from '../../renderer/src/market/mechanismViews.ts';

const sample = (name: string): ScenarioInput => JSON.parse(readFileSync(new URL(`../../assets/scenarios/${name}.ggs.json`, import.meta.url), 'utf8'));
const solve = async (name: string, options: Record<string, unknown> = {}) => {
  const r = await runJob({ kind: 'mechanism', scenario: sample(name), options });
  expect(r.status).toBe('ok');
  return r.data as MechanismData;
};

describe('payments per agent', () => {
  it('lays out agents × mechanisms in book order, received negative (VCG on the classroom book: buyers pay 5, sellers receive 6, the fourth of each side nothing)', async () => {
    const d = await solve('classroom-bid-book', { mechanisms: ['vcg', 'mcafee', 'sdr'] });
    const p = paymentsMatrix(d);
    expect(p.agents).toEqual(['b1', 'b2', 'b3', 'b4', 's1', 's2', 's3', 's4']);
    expect(p.mechanisms).toEqual(['vcg', 'mcafee', 'sdr']);
    expect(p.values.map((r) => r[0])).toEqual([5, 5, 5, 0, -6, -6, -6, 0]);
    expect(p.values.map((r) => r[1])).toEqual([5.5, 5.5, 5.5, 0, -5.5, -5.5, -5.5, 0]);
    // VCG's deficit is the sum of its column
    expect(p.values.reduce((s, r) => s + r[0]!, 0)).toBe(-3);
    const traces = paymentTraces(d) as { name: string; x: string[]; y: number[]; type: string }[];
    expect(traces.map((t) => [t.type, t.name])).toEqual([['bar', 'vcg'], ['bar', 'mcafee'], ['bar', 'sdr']]);
    expect(traces[0]!.x).toEqual(p.agents);
  });

  it('leaves a refused rule out', async () => {
    const d = await solve('small-community-market', { mechanisms: ['vcg', 'mcafee'], misreport: false });
    expect(d.mechanisms.find((m) => m.id === 'mcafee')!.status).toBe('refused');
    expect(paymentsMatrix(d).mechanisms).toEqual(['vcg']);
  });
});

describe('misreport curves', () => {
  it('reads the truthful utility off the curve, exactly or between two reports', () => {
    expect(truthfulUtility({ truthful: 2, reports: [1, 2, 3], utility: [5, 7, 1] })).toBe(7);
    expect(truthfulUtility({ truthful: 2.5, reports: [1, 2, 3], utility: [5, 7, 1] })).toBe(4);
    expect(truthfulUtility({ truthful: 9, reports: [1, 2, 3], utility: [5, 7, 1] })).toBeNull();
    expect(curveGain({ agent: 'a', side: 'buy', truthful: 2, reports: [1, 2, 3], utility: [5, 7, 8] })).toBe(1);
    expect(curveGain({ agent: 'a', side: 'buy', truthful: 2, reports: [1, 2, 3], utility: [5, 7, 1] })).toBe(0);
  });

  it('on the classroom book: b1 gains 0.5 by lying under uniform price (the search’s gain), nothing under VCG; one line and one truthful mark per rule', async () => {
    const d = await solve('classroom-bid-book', { mechanisms: ['uniform-price', 'vcg'] });
    expect(curveAgents(d)).toContain('b1');
    const curves = agentCurves(d, 'b1');
    expect(curves.map((c) => c.mechanism)).toEqual(['uniform-price', 'vcg']);
    const uniform = okRows(d).find((m) => m.id === 'uniform-price')!;
    expect(uniform.misreport!.agent).toBe('b1');
    expect(curveGain(curves[0]!.curve)).toBeCloseTo(uniform.misreport!.maxGain, 12);
    expect(curveGain(curves[0]!.curve)).toBeCloseTo(0.5, 12);
    expect(curveGain(curves[1]!.curve)).toBeLessThan(1e-9);
    const fig = misreportFigure(d, 'b1');
    expect(fig.truthful).toBe(10);
    const lines = fig.data.filter((t) => (t as { mode: string }).mode === 'lines') as { name: string; x: number[]; y: number[] }[];
    const marks = fig.data.filter((t) => (t as { mode: string }).mode === 'markers') as { x: number[]; y: number[] }[];
    expect(lines.map((l) => l.name)).toEqual(['uniform-price', 'vcg']);
    expect(marks.map((m) => m.x)).toEqual([[10], [10]]);
    // truthful b1 buys 1 kWh worth 10 at 5.5 under uniform price, at 5 under VCG
    expect(marks.map((m) => m.y[0])).toEqual([4.5, 5]);
  });
});

describe('KDE prior against the history', () => {
  it('a density histogram has Σ height × width = 1 when the sample lies inside, and more bins for a bunched sample', () => {
    const xs = [0.15, 0.16, 0.17, 0.18, 0.18, 0.19, 0.19, 0.2, 0.2, 0.2];
    const h = densityHistogram(xs, 0.05, 0.2);
    expect(h.y.reduce((s, y) => s + y * h.width, 0)).toBeCloseTo(1, 12);
    expect(h.x).toHaveLength(binCount(xs, 0.05, 0.2));
    expect(binCount(xs, 0.05, 0.2)).toBeGreaterThan(5); // Sturges alone: 5 bins over a support three times the data's range
    expect(densityHistogram([0.5, 1.5, 2.5, 3.5], 0, 4, 4).y).toEqual([0.25, 0.25, 0.25, 0.25]);
    // a value outside the range is left out, and the rest keep their share
    const out = densityHistogram([1, 2, 9], 0, 4, 2);
    expect(out.y.reduce((s, y) => s + y * out.width, 0)).toBeCloseTo(2 / 3, 12);
  });

  it('on the small community: the job sends each prior with its history; the KDE integrates to 1 on the drawn grid', async () => {
    const d = await solve('small-community-market', { mechanisms: ['agv'], misreport: false });
    const priors = priorDensities(d);
    expect(priors.length).toBeGreaterThan(0);
    for (const p of priors) expect(densityMass(p)).toBeCloseTo(1, 2);
    const [bars, line] = priorFigure(priors[0]!) as [{ type: string; x: number[]; y: number[]; width: number[] }, { type: string; x: number[]; y: number[] }];
    expect(bars.type).toBe('bar');
    expect(bars.y.reduce((s, y, i) => s + y * bars.width[i]!, 0)).toBeCloseTo(1, 9);
    expect(line.x).toEqual(priors[0]!.grid);
  });
});
