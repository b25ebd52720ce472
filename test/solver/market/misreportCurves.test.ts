/**
 * The data behind the misreport-gain curves and the KDE-prior view: each
 * 'ok' row's misreportCurves (the first buyer, the first seller and the
 * agent with the largest gain; utility against report, truthful report on
 * the curve, the largest gain read off the curve) and the job's
 * priorDensities (the fitted KDE on its support, integrating to one).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runJob } from '../../../solver/jobs/run.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import type { MechanismData, MechanismRow } from '../../../solver/jobs/kinds/mechanism.ts';

const sample = (name: string): ScenarioInput => JSON.parse(readFileSync(new URL(`../../../assets/scenarios/${name}.ggs.json`, import.meta.url), 'utf8'));
const row = (d: MechanismData, id: string) => d.mechanisms.find((m) => m.id === id) as Extract<MechanismRow, { status: 'ok' }>;

describe('misreportCurves', () => {
  it('shows the first buyer, the first seller and the best deviator, with the gain on the curve', async () => {
    const r = await runJob({ kind: 'mechanism', scenario: sample('classroom-bid-book'), options: { mechanisms: ['uniform-price', 'vcg', 'agv'] } });
    const d = r.data!;
    for (const id of ['uniform-price', 'vcg', 'agv']) {
      const m = row(d, id);
      const curves = m.misreportCurves!;
      expect(curves.length).toBeGreaterThanOrEqual(2);
      expect(curves.length).toBeLessThanOrEqual(4);
      expect(curves.map((c) => c.agent)).toContain('b1');
      expect(curves.map((c) => c.agent)).toContain('s1');
      if (m.misreport!.agent) expect(curves.map((c) => c.agent)).toContain(m.misreport!.agent);
      for (const c of curves) {
        expect(c.reports).toHaveLength(c.utility.length);
        // sorted reports, truthful one among them, at the agent's utility in the truthful outcome (ex post)
        expect([...c.reports].sort((a, b) => a - b)).toEqual(c.reports);
        const at = c.reports.indexOf(c.truthful);
        expect(at).toBeGreaterThanOrEqual(0);
        if (m.misreport!.kind === 'ex-post') expect(c.utility[at]).toBeCloseTo(m.utilities[c.agent]!, 9);
        const gain = Math.max(...c.utility) - c.utility[at]!;
        if (c.agent === m.misreport!.agent) expect(gain).toBeCloseTo(m.misreport!.maxGain, 9);
        else expect(gain).toBeLessThanOrEqual(m.misreport!.maxGain + 1e-12);
      }
    }
    // VCG is truthful: every curve peaks at the truthful report; uniform price is not
    for (const c of row(d, 'vcg').misreportCurves!) expect(Math.max(...c.utility)).toBeCloseTo(c.utility[c.reports.indexOf(c.truthful)]!, 9);
    expect(row(d, 'uniform-price').misreport!.maxGain).toBeGreaterThan(0.1);
    // b1 values the unit at 10: in the uniform-price rule, reporting far below every seller loses the trade
    const b1 = row(d, 'uniform-price').misreportCurves!.find((c) => c.agent === 'b1')!;
    expect(b1.side).toBe('buy');
    expect(b1.truthful).toBe(10);
    expect(b1.utility[0]).toBe(0);
  });

  it('is absent when the search is off', async () => {
    const r = await runJob({ kind: 'mechanism', scenario: sample('classroom-bid-book'), options: { mechanisms: ['vcg'], misreport: false } });
    expect(row(r.data!, 'vcg').misreportCurves).toBeUndefined();
  });
});

describe('priorDensities', () => {
  it('tabulates at most six KDE priors on the support, integrating to one, with the history they were fitted to', async () => {
    const s = sample('small-community-market');
    const r = await runJob({ kind: 'mechanism', scenario: s, options: { mechanisms: ['agv'], misreport: false } });
    const dens = r.data!.priorDensities!;
    expect(dens).toHaveLength(6);
    const [lo, hi] = (s as any).bidBook.support as [number, number];
    const history = (s as any).bidBook.history as { agent: string; price: number }[];
    for (const p of dens) {
      expect(p.grid[0]).toBe(lo);
      expect(p.grid.at(-1)).toBeCloseTo(hi, 12);
      expect(p.history).toEqual(history.filter((h) => h.agent === p.agent).map((h) => Math.min(hi, Math.max(lo, h.price))));
      let area = 0;
      for (let k = 0; k + 1 < p.grid.length; k++) area += ((p.density[k]! + p.density[k + 1]!) / 2) * (p.grid[k + 1]! - p.grid[k]!);
      expect(area).toBeCloseTo(1, 2);
    }
  });

  it('is absent without AGV or without any history', async () => {
    const noAgv = await runJob({ kind: 'mechanism', scenario: sample('small-community-market'), options: { mechanisms: ['vcg'], misreport: false } });
    expect(noAgv.data!.priorDensities).toBeUndefined();
    const noHistory = await runJob({ kind: 'mechanism', scenario: sample('classroom-bid-book'), options: { mechanisms: ['agv'], misreport: false } });
    expect(noHistory.data!.priorDensities).toBeUndefined();
  });
});
