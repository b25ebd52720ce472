/**
 * The `mechanism` job: the scenario's bid-book section (cross-checks with
 * path-qualified messages), the job on the two samples (the MODELS.md §6
 * classroom oracle: efficient welfare 14, VCG deficit 3, McAfee at 5.5, CPA
 * surplus 2), refusals, the generator for Monte Carlo books, the certificate
 * (second computation of the efficient welfare, AGV balance) and the
 * per-mechanism what-if outputs.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runJob } from '../../../solver/jobs/run.ts';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { extractOutputs } from '../../../solver/whatif/outputs.ts';
import { mechanismEffort, welfareByCurves } from '../../../solver/market/mechanismJob.ts';
import { efficientAllocation, prepare } from '../../../solver/market/allocation.ts';
import { generateBook } from '../../../solver/market/generate.ts';
import { MechanismOptions, type MechanismData, type MechanismRow } from '../../../solver/jobs/kinds/mechanism.ts';

const sample = (name: string): ScenarioInput => JSON.parse(readFileSync(new URL(`../../../assets/scenarios/${name}.ggs.json`, import.meta.url), 'utf8'));
const row = (d: MechanismData, id: string) => d.mechanisms.find((m) => m.id === id) as Extract<MechanismRow, { status: 'ok' }>;
const messages = (s: unknown) => {
  const v = validateScenario(s);
  return v.ok ? [] : v.issues.map((i) => `${i.path}: ${i.message}`);
};

describe('scenario bidBook section', () => {
  it('accepts both samples', () => {
    expect(messages(sample('classroom-bid-book'))).toEqual([]);
    expect(messages(sample('small-community-market'))).toEqual([]);
  });

  it('names the path of a missing bus, an agent on both sides, a history row without a bid and fractional blocks', () => {
    const s = sample('small-community-market') as any;
    s.bidBook.bids[0].bus = 'nowhere';
    s.bidBook.bids[1] = { ...s.bidBook.bids[1], agent: 'pv-1' };
    s.bidBook.bids[2].quantity = 1.5;
    s.bidBook.history.push({ agent: 'ghost', side: 'buy', price: 0.1 });
    const m = messages(s);
    expect(m).toContain('bidBook.bids[0].bus: bus "nowhere" does not exist');
    expect(m.some((x) => x.startsWith('bidBook.bids[6].side: agent "pv-1" already buys in bidBook.bids[1]'))).toBe(true);
    expect(m.some((x) => x.startsWith('bidBook.bids[2].quantity: a block book trades whole kWh'))).toBe(true);
    expect(m.some((x) => /^bidBook\.history\[\d+\]\.agent: agent "ghost" has no bid in bidBook\.bids$/.test(x))).toBe(true);
  });

  it('wants bids or a generator, not both or neither', () => {
    const s = sample('classroom-bid-book') as any;
    s.bidBook.generator = { buyers: 3, sellers: 3, seed: 1, values: { kind: 'uniform', min: 0, max: 1 }, costs: { kind: 'uniform', min: 0, max: 1 } };
    expect(messages(s)).toContain('bidBook.generator: the book has both bids and a generator; keep one (the generator draws the bids)');
    s.bidBook.bids = [];
    delete s.bidBook.generator;
    expect(messages(s)).toContain('bidBook.bids: holds no bid; add bids, a generator or entities to draw from');
  });
});

describe('welfareByCurves', () => {
  it('equals the merit-order efficient welfare on random multi-unit books', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const book = generateBook({ buyers: 7, sellers: 9, seed, values: { kind: 'uniform', min: 0, max: 10 }, costs: { kind: 'normal', mean: 4, std: 2 }, quantity: { min: 1, max: 5 } });
      expect(welfareByCurves(book)).toBeCloseTo(efficientAllocation(prepare(book)).welfare, 9);
    }
  });
});

describe('mechanism job', () => {
  it('runs the classroom book: the MODELS.md §6 oracle', async () => {
    const r = await runJob({ kind: 'mechanism', scenario: sample('classroom-bid-book'), options: {} });
    expect(r.status).toBe('ok');
    const d = r.data!;
    expect(d.efficientWelfare).toBe(14);
    expect(d.clearingInterval).toEqual({ low: 5, high: 6 });
    // the book has no spectrum section: only the coupled energy–spectrum auction is refused
    expect(d.mechanisms.filter((m) => m.status !== 'ok').map((m) => m.id)).toEqual(['iterative-coupled']);
    expect(row(d, 'vcg').budget).toBeCloseTo(-3, 12);
    expect(row(d, 'vcg').misreport!.maxGain).toBeLessThan(1e-9);
    expect(row(d, 'mcafee').prices['p0']).toBe(5.5);
    expect(row(d, 'cpa').budget).toBeCloseTo(2, 12);
    expect(row(d, 'cpa').volume).toBe(2);
    expect(row(d, 'uniform-price').misreport!.maxGain).toBeGreaterThan(0.1);
    expect(Math.abs(row(d, 'agv').budget)).toBeLessThan(1e-9);
    expect(r.certificate!.efficientWelfareByCurves).toBe(14);
    expect(r.certificate!.agvIntegrationError).toBeGreaterThan(0);
    expect(r.verdict!.certified).toBe(true);
    expect(r.warnings!.join(' ')).toMatch(/uniform prior/);
  });

  it('refuses the unit-demand rules on the community book with the reason, and fits KDE priors from its history', async () => {
    const r = await runJob({ kind: 'mechanism', scenario: sample('small-community-market'), options: { mechanisms: ['mcafee', 'agv', 'sdr'], misreport: false } });
    expect(r.status).toBe('ok');
    const d = r.data!;
    const mcafee = d.mechanisms[0]!;
    expect(mcafee.status).toBe('refused');
    expect(mcafee.status === 'refused' && mcafee.code).toBe('unit-demand-only');
    expect(d.priors.uniform).toEqual([]);
    expect(d.priors.kde).toHaveLength(12);
    expect(row(d, 'agv').misreport).toBeNull();
    // the community rules settle with the grid: members pay the grid bill exactly
    expect(row(d, 'sdr').budget).toBeCloseTo(0, 10);
  });

  it('draws a book from the generator, replays it from its seed, and exposes one output value per mechanism', async () => {
    const s = sample('classroom-bid-book') as any;
    s.bidBook = { units: 'blocks', generator: { buyers: 6, sellers: 6, seed: 7, values: { kind: 'uniform', min: 0, max: 10 }, costs: { kind: 'uniform', min: 0, max: 10 } } };
    const options = { mechanisms: ['vcg', 'cpa'] as ('vcg' | 'cpa')[], misreport: false };
    const a = await runJob({ kind: 'mechanism', scenario: s, options });
    const b = await runJob({ kind: 'mechanism', scenario: s, options });
    expect(a.data).toEqual(b.data);
    expect(a.data!.bids).toBe(12);
    const out = extractOutputs('mechanism', a.data!, ['budget', 'efficiency', 'maxMisreportGain']);
    expect(Object.keys(out.outputs['budget'] as Record<string, number>)).toEqual(['vcg', 'cpa']);
    expect((out.outputs['budget'] as Record<string, number>)['cpa']).toBeGreaterThanOrEqual(0);
    expect(out.outputs['maxMisreportGain']).toEqual({});
  });

  it('says why there is nothing to clear', async () => {
    const s = sample('classroom-bid-book') as any;
    delete s.bidBook;
    const r = await runJob({ kind: 'mechanism', scenario: s, options: {} });
    expect(r.status).toBe('invalid');
    expect(r.error!.message).toMatch(/no "bidBook" section/);
  });
});

describe('mechanismEffort', () => {
  it('coarsens the search and the AGV draws above 100 agents, unless the options say otherwise', () => {
    const o = MechanismOptions.parse({});
    expect(mechanismEffort(8, o)).toMatchObject({ gridPoints: 21, neighbours: 3, integration: { method: 'crn', samples: 4096 } });
    expect(mechanismEffort(50, o)).toMatchObject({ gridPoints: 21, neighbours: 3, integration: { method: 'crn', samples: 512 } });
    expect(mechanismEffort(2, o).integration.method).toBe('quadrature');
    expect(mechanismEffort(200, o)).toMatchObject({ gridPoints: 11, neighbours: 2, integration: { method: 'crn', samples: 64 } });
    expect(mechanismEffort(200, MechanismOptions.parse({ agvDraws: 1000, gridPoints: 31 }))).toMatchObject({ gridPoints: 31, integration: { samples: 1000 } });
  });
});
