/**
 * The mechanism laboratory's studies over random books, run through the
 * what-if engine in-thread: the generator "like the book", the three study
 * designs, the executor that moves sellers with buyers, and the view models
 * (means per size, prices per ratio, Monte Carlo samples and table).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { ScenarioInput } from '../../solver/scenario/schema.ts';
import { validateScenario } from '../../solver/scenario/validate.ts';
import { runStudy, type Executor } from '../../solver/whatif/execute.ts';
import { localExecutor } from '../../solver/whatif/localExecutor.ts';
import { expandStudy, type Study } from '../../solver/whatif/study.ts';
import {
  generatorScenario,
  linkedExecutor,
  monteCarloFigure,
  monteCarloSamples,
  monteCarloStudy,
  monteCarloTable,
  parseCounts,
  PATHS,
  ratioFigure,
  ratioSeries,
  ratioStudy,
  sizeFigure,
  sizeMeans,
  sizeStudy,
  studyGenerator,
  type StudyPointView,
} from '../../renderer/src/market/mechanismStudies.ts';

const sample = (name: string): ScenarioInput => JSON.parse(readFileSync(new URL(`../../assets/scenarios/${name}.ggs.json`, import.meta.url), 'utf8'));

/** Runs a study in-thread and keeps its points as the view does (onPoint). */
async function points(study: Study, executor: Executor = localExecutor): Promise<StudyPointView[]> {
  const out: StudyPointView[] = [];
  await runStudy(study, executor, { onPoint: (p, _k, o) => out.push({ values: Object.fromEntries(p.assignments.map((a) => [a.path, a.value])), status: o.status, outputs: o.outputs }) });
  return out;
}
const ok = <T,>(p: { ok: true; study: T } | { ok: false; issues: string[] }): T => {
  if (!p.ok) throw new Error(p.issues.join('; '));
  return p.study;
};

describe('random books like the scenario’s', () => {
  it('the classroom book: 4 buyers with values on [4, 10], 4 sellers with costs on [2, 7], 1 kWh each; the small community keeps its spread of quantities', () => {
    expect(studyGenerator(sample('classroom-bid-book'))).toEqual({ buyers: 4, sellers: 4, seed: 1, values: { kind: 'uniform', min: 4, max: 10 }, costs: { kind: 'uniform', min: 2, max: 7 }, quantity: 1 });
    const g = studyGenerator(sample('small-community-market'))!;
    expect(g.buyers + g.sellers).toBe(12);
    expect(typeof g.quantity).toBe('object');
    // the drawn book replaces bids and history (history rows name the book's agents) and validates
    const s = generatorScenario(sample('small-community-market'), g);
    expect(s.bidBook!.bids).toBeUndefined();
    expect(s.bidBook!.history).toBeUndefined();
    expect(s.bidBook!.gridBuyPricePerKwh).toBe(0.2);
    expect(validateScenario(s).ok).toBe(true);
  });

  it('reads counts and says what is wrong', () => {
    expect(parseCounts('2, 4,8', 1, 100)).toEqual({ ok: true, values: [2, 4, 8] });
    expect(parseCounts('2, 4.5', 1, 100)).toEqual({ ok: false, message: '"4.5" is not a whole number from 1 to 100' });
    expect(parseCounts('2,2', 1, 100)).toEqual({ ok: false, message: 'a count is given twice' });
    expect(sizeStudy(sample('classroom-bid-book'), { sizes: 'x', books: 0 })).toEqual({ ok: false, issues: ['sizes: "x" is not a whole number from 1 to 2000', 'books per size: a whole number from 1 to 200'] });
    const bare = { ...sample('classroom-bid-book') };
    delete bare.bidBook;
    expect(monteCarloStudy(bare, { books: 5 })).toEqual({ ok: false, issues: ['the scenario has no bid book with buyers and sellers'] });
  });
});

describe('market size', () => {
  it('sweeps buyers × seeds; the linked executor runs each book with as many sellers as buyers', async () => {
    const study = ok(sizeStudy(sample('classroom-bid-book'), { sizes: '2,16', books: 3 }));
    expect(expandStudy(study)).toHaveLength(6);
    const seen: number[][] = [];
    const spy: Executor = (req, ctx) => {
      const g = req.scenario.bidBook!.generator!;
      seen.push([g.buyers, g.sellers, ctx.point.assignments.find((a) => a.path === PATHS.sellers)!.value]);
      return localExecutor(req, ctx);
    };
    const pts = await points(study, linkedExecutor(spy, [{ from: PATHS.buyers, to: PATHS.sellers }]));
    expect(seen.sort((a, b) => a[0]! - b[0]!)).toEqual([[2, 2, 2], [2, 2, 2], [2, 2, 2], [16, 16, 16], [16, 16, 16], [16, 16, 16]]);
    expect(pts.every((p) => p.status === 'ok')).toBe(true);
    const eff = Object.fromEntries(sizeMeans(pts, 'efficiency').map((s) => [s.mechanism, s]));
    const budget = Object.fromEntries(sizeMeans(pts, 'budget').map((s) => [s.mechanism, s]));
    expect(eff['vcg']!.sizes).toEqual([2, 16]);
    expect(eff['vcg']!.books).toEqual([3, 3]);
    for (const m of eff['vcg']!.means) expect(m).toBeCloseTo(1, 12);
    // the CPA loses at most one of m trades: its mean efficiency rises with the market, its budget never negative
    expect(eff['cpa']!.means[1]!).toBeGreaterThan(eff['cpa']!.means[0]!);
    for (const b of budget['cpa']!.means) expect(b).toBeGreaterThanOrEqual(0);
    for (const b of budget['vcg']!.means) expect(b).toBeLessThan(0);
    const fig = sizeFigure(pts);
    const vcgLine = fig.data.find((t) => t.name === 'vcg' && (t as { yaxis: string }).yaxis === 'y') as { x: number[]; y: number[] };
    expect(vcgLine.x).toEqual([2, 16]);
    expect(vcgLine.y[0]).toBeCloseTo(100, 9);
  });
});

describe('community prices against the supply–demand ratio', () => {
  it('sellers swept against 10 buyers: the ratio is sellers/10; SDR pays both sides the grid sell price once supply covers demand', async () => {
    const s = sample('classroom-bid-book'); // grid tariff: buy 11, sell 1
    const pts = await points(ok(ratioStudy(s, { buyers: 10, sellers: '2,5,10,20' })));
    const series = Object.fromEntries(ratioSeries(pts).map((x) => [x.mechanism, x]));
    expect(Object.keys(series)).toEqual(['sdr', 'mmr', 'bill-sharing']);
    expect(series['sdr']!.ratio).toEqual([0.2, 0.5, 1, 2]);
    expect(series['sdr']!.buy.slice(2)).toEqual([1, 1]);
    expect(series['sdr']!.sell.slice(2)).toEqual([1, 1]);
    // below 1 buyers pay more than sellers receive, both between the grid's prices
    for (let i = 0; i < 2; i++) {
      expect(series['sdr']!.buy[i]!).toBeGreaterThan(series['sdr']!.sell[i]!);
      expect(series['sdr']!.sell[i]!).toBeGreaterThan(1);
      expect(series['sdr']!.buy[i]!).toBeLessThan(11);
    }
    // MMR: in a shortage sellers get the mid-market rate (11 + 1)/2
    expect(series['mmr']!.sell.slice(0, 3)).toEqual([6, 6, 6]);
    const fig = ratioFigure(pts, { buy: 11, sell: 1 });
    expect(fig.data.map((t) => t.name)).toEqual(['sdr buy', 'sdr sell', 'mmr buy', 'mmr sell', 'bill-sharing buy', 'bill-sharing sell']);
    expect(fig.layout.shapes!.map((sh) => sh.y0)).toEqual([11, 1, 0]);
  });
});

describe('Monte Carlo over random books', () => {
  it('N books (seeds 1…N) with every metric per mechanism: VCG always efficient at a deficit and truthful, the CPA never in deficit', async () => {
    const order = ['uniform-price', 'vcg', 'cpa'];
    const study = ok(monteCarloStudy(sample('classroom-bid-book'), { books: 6 }, { mechanisms: 'uniform-price, vcg, cpa', period: 1 }));
    expect(study.base.options).toEqual({ mechanisms: order, misreport: true });
    expect(expandStudy(study).map((p) => p.assignments[0]!.value)).toEqual([1, 2, 3, 4, 5, 6]);
    const pts = await points(study);
    const s = monteCarloSamples(pts, order);
    expect(Object.keys(s['efficiency']!)).toEqual(order);
    expect(s['efficiency']!['vcg']).toHaveLength(6);
    for (const e of s['efficiency']!['vcg']!) expect(e).toBeCloseTo(100, 9);
    for (const b of s['budget']!['cpa']!) expect(b).toBeGreaterThanOrEqual(0);
    for (const g of s['maxMisreportGain']!['vcg']!) expect(g).toBeLessThan(1e-9);
    expect(Math.max(...s['maxMisreportGain']!['uniform-price']!)).toBeGreaterThan(0);
    const table = monteCarloTable(pts, order);
    expect(table.map((r) => [r.mechanism, r.books])).toEqual([['uniform-price', 6], ['vcg', 6], ['cpa', 6]]);
    const cpaBudget = table[2]!.cells['budget']!;
    expect(cpaBudget.min).toBe(Math.min(...s['budget']!['cpa']!));
    expect(cpaBudget.min).toBeLessThanOrEqual(cpaBudget.median);
    const fig = monteCarloFigure(pts, order);
    expect(fig.data).toHaveLength(4 * 3);
    expect(fig.data.every((t) => t.type === 'box')).toBe(true);
  });
});
