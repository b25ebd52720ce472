/**
 * The mechanism laboratory's studies over random books, as what-if studies of
 * the `mechanism` job (run by the engine's runStudy over the Host: workers,
 * progress, Cancel; mechanismStudiesRun.ts). Pure: the scenario and a form in,
 * a Study out; finished points in, plotly traces out.
 *
 * Every study draws its books from a seeded generator (`bidBook.generator`,
 * solver/market/generate.ts): the scenario's own when it has one, else one
 * "like the book" — as many buyers and sellers, values and costs uniform over
 * the ranges of its bids, its quantity (or the range of its quantities).
 *
 *   size      efficiency and budget against the number of agents: buyers
 *             swept, sellers set to the same count for each point (the
 *             executor links them), several seeds per size
 *   ratio     community prices (SDR, MMR, bill sharing) against the
 *             supply–demand ratio: sellers swept, buyers fixed
 *   monte-carlo  N books (the seed swept 1…N), every metric's distribution
 *             per mechanism
 */
import type { Data, Layout } from 'plotly.js';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { JobRequest, JobStatus } from '../../../solver/contract.ts';
import { MECHANISM_IDS, type MechanismId } from '../../../solver/market/mechanismIds.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import type { Executor } from '../../../solver/whatif/execute.ts';
import { setAtPath } from '../../../solver/scenario/paths.ts';
import type { Study } from '../../../solver/whatif/study.ts';
import { PALETTE } from './mechanismViews.ts';

type BidBookInput = NonNullable<ScenarioInput['bidBook']>;
export type BookGeneratorInput = NonNullable<BidBookInput['generator']>;

export const GEN = 'bidBook.generator';
export const PATHS = { buyers: `${GEN}.buyers`, sellers: `${GEN}.sellers`, seed: `${GEN}.seed` } as const;

export type StudyId = 'size' | 'ratio' | 'monte-carlo';

/** The rules each study runs: the size study the ones whose efficiency and budget move with the market (AGV left out: its integration dominates large books); the ratio study the community rules. */
export const STUDY_MECHANISMS: Record<Exclude<StudyId, 'monte-carlo'>, MechanismId[]> = {
  size: ['uniform-price', 'vcg', 'mcafee', 'sbba', 'cpa'],
  ratio: ['sdr', 'mmr', 'bill-sharing'],
};

export const STUDY_OUTPUTS: Record<StudyId, string[]> = {
  size: ['efficiency', 'budget'],
  ratio: ['supplyDemandRatio', 'buyPrice', 'sellPrice'],
  'monte-carlo': ['efficiency', 'budget', 'maxMisreportGain', 'irViolations'],
};

const range = (xs: number[]): { min: number; max: number } => ({ min: Math.min(...xs), max: Math.max(...xs) });

/** The generator the studies draw books from: the scenario's, else one like its book; null without a book. */
export function studyGenerator(scenario: ScenarioInput): BookGeneratorInput | null {
  const book = scenario.bidBook;
  if (!book) return null;
  if (book.generator) return book.generator;
  const bids = book.bids ?? [];
  const buys = bids.filter((b) => b.side === 'buy'), sells = bids.filter((b) => b.side === 'sell');
  if (buys.length === 0 || sells.length === 0) return null;
  const q = range(bids.map((b) => b.quantity));
  return {
    buyers: new Set(buys.map((b) => b.agent)).size,
    sellers: new Set(sells.map((b) => b.agent)).size,
    seed: 1,
    values: { kind: 'uniform', ...range(buys.map((b) => b.price)) },
    costs: { kind: 'uniform', ...range(sells.map((b) => b.price)) },
    quantity: q.min === q.max ? q.min : q,
  };
}

const money = (x: number) => Number(x.toPrecision(4)).toString();
const dist = (d: BookGeneratorInput['values']) => (d.kind === 'uniform' ? `uniform on [${money(d.min)}, ${money(d.max)}]` : `normal (mean ${money(d.mean)}, sd ${money(d.std)})`);

/** The generator in words, for the cards' captions. */
export function describeGenerator(g: BookGeneratorInput): string {
  const q = g.quantity ?? 1;
  return `values ${dist(g.values)}, costs ${dist(g.costs)}, ${typeof q === 'number' ? `${money(q)} kWh` : `${money(q.min)}–${money(q.max)} kWh`} per bid`;
}

/** The scenario with its book drawn by `generator` (no bids, no history: the drawn agents have none; the grid tariff and units kept). */
export function generatorScenario(scenario: ScenarioInput, generator: BookGeneratorInput): ScenarioInput {
  const { bids: _b, history: _h, support: _s, generator: _g, ...rest } = scenario.bidBook ?? {};
  return { ...scenario, bidBook: { ...rest, generator } };
}

const whole = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;

/** The values text of a list of whole numbers ("2, 4, 8"), or why not. */
export function parseCounts(text: string, min: number, max: number): { ok: true; values: number[] } | { ok: false; message: string } {
  const parts = text.split(',').map((x) => x.trim()).filter((x) => x !== '');
  const values = parts.map(Number);
  if (values.length === 0) return { ok: false, message: 'give at least one count' };
  const bad = parts.find((_, i) => !whole(values[i]!, min, max));
  if (bad !== undefined) return { ok: false, message: `"${bad}" is not a whole number from ${min} to ${max}` };
  if (new Set(values).size !== values.length) return { ok: false, message: 'a count is given twice' };
  return { ok: true, values };
}

export interface SizeForm {
  /** agents per side */
  sizes: string;
  /** books per size (seeds 1…n) */
  books: number;
}
export interface RatioForm {
  buyers: number;
  /** seller counts */
  sellers: string;
}
export interface MonteCarloForm {
  books: number;
}

type Prepared = { ok: true; study: Study<'mechanism'> } | { ok: false; issues: string[] };

function request(scenario: ScenarioInput, generator: BookGeneratorInput, options: Record<string, unknown>): JobRequest<'mechanism'> {
  return { kind: 'mechanism', scenario: generatorScenario(scenario, generator), options };
}

/** Buyers swept (sellers linked to them by the executor: `linkedExecutor`) × seeds 1…books; unit quantities so every rule applies; no misreport search (not plotted). */
export function sizeStudy(scenario: ScenarioInput, form: SizeForm): Prepared {
  const g = studyGenerator(scenario);
  if (!g) return { ok: false, issues: ['the scenario has no bid book with buyers and sellers'] };
  const sizes = parseCounts(form.sizes, 1, 2000);
  const issues = sizes.ok ? [] : [`sizes: ${sizes.message}`];
  if (!whole(form.books, 1, 200)) issues.push('books per size: a whole number from 1 to 200');
  if (!sizes.ok || issues.length) return { ok: false, issues };
  const q = g.quantity ?? 1;
  const unit: BookGeneratorInput = { ...g, quantity: typeof q === 'number' ? q : 1, buyers: sizes.values[0]!, sellers: sizes.values[0]!, seed: 1 };
  return {
    ok: true,
    study: {
      base: request(scenario, unit, { mechanisms: STUDY_MECHANISMS.size, misreport: false }),
      design: { kind: 'grid', param: { path: PATHS.buyers, values: { kind: 'list', values: sizes.values } }, param2: { path: PATHS.seed, values: { kind: 'list', values: Array.from({ length: form.books }, (_, i) => i + 1) } } },
      outputs: STUDY_OUTPUTS.size,
    },
  };
}

/** Sellers swept against a fixed number of buyers: the ratio moves through shortage into surplus. */
export function ratioStudy(scenario: ScenarioInput, form: RatioForm): Prepared {
  const g = studyGenerator(scenario);
  if (!g) return { ok: false, issues: ['the scenario has no bid book with buyers and sellers'] };
  const sellers = parseCounts(form.sellers, 1, 2000);
  const issues = sellers.ok ? [] : [`sellers: ${sellers.message}`];
  if (!whole(form.buyers, 1, 2000)) issues.push('buyers: a whole number from 1 to 2000');
  if (!sellers.ok || issues.length) return { ok: false, issues };
  return {
    ok: true,
    study: {
      base: request(scenario, { ...g, buyers: form.buyers, sellers: sellers.values[0]! }, { mechanisms: STUDY_MECHANISMS.ratio, misreport: false }),
      design: { kind: 'sweep', param: { path: PATHS.sellers, values: { kind: 'list', values: sellers.values } } },
      outputs: STUDY_OUTPUTS.ratio,
    },
  };
}

/** N books like the scenario's (the seed swept 1…N), every rule the Run panel chose, with the misreport search. */
export function monteCarloStudy(scenario: ScenarioInput, form: MonteCarloForm, options: Record<string, unknown> = {}): Prepared {
  const g = studyGenerator(scenario);
  if (!g) return { ok: false, issues: ['the scenario has no bid book with buyers and sellers'] };
  if (!whole(form.books, 2, 5000)) return { ok: false, issues: ['N books: a whole number from 2 to 5000'] };
  const { period: _p, mechanisms, ...opts } = options; // a generated book has one period
  // the Run panel may hold the list as typed ("vcg, cpa"); every rule when it chose none — but the coupled
  // energy–spectrum auction only when the book has a spectrum section (otherwise it is refused on every book;
  // with it in the list the 400-book run's start blocked the page for > 30 s in test/e2e/mechanismViews.e2e.ts, cause not found)
  const all = scenario.bidBook?.spectrum ? [...MECHANISM_IDS] : MECHANISM_IDS.filter((id) => id !== 'iterative-coupled');
  const ids = typeof mechanisms === 'string' ? mechanisms.split(',').map((x) => x.trim()).filter(Boolean) : Array.isArray(mechanisms) && mechanisms.length ? (mechanisms as string[]) : all;
  return {
    ok: true,
    study: {
      base: request(scenario, { ...g, seed: 1 }, { ...opts, mechanisms: ids, misreport: true }),
      design: { kind: 'sweep', param: { path: PATHS.seed, values: { kind: 'list', values: Array.from({ length: form.books }, (_, i) => i + 1) } } },
      outputs: STUDY_OUTPUTS['monte-carlo'],
    },
  };
}

/**
 * An executor that copies each point's value of `from` to `to` before the job
 * runs (in the request and in the point the workers rebuild it from): the size
 * study sweeps buyers and moves sellers with them. The engine keys and caches
 * the point by its own assignments; the link is a fixed function of them.
 */
export function linkedExecutor(inner: Executor, links: { from: string; to: string }[]): Executor {
  return (req, ctx) => {
    const extra = links.flatMap((l) => ctx.point.assignments.filter((a) => a.path === l.from).map((a) => ({ path: l.to, value: a.value })));
    if (extra.length === 0) return inner(req, ctx);
    const scenario = extra.reduce((s, a) => setAtPath(s, a.path, a.value), req.scenario);
    return inner({ ...req, scenario }, { ...ctx, point: { ...ctx.point, assignments: [...ctx.point.assignments, ...extra] } });
  };
}

/** A finished point as the views keep it. */
export interface StudyPointView {
  values: Record<string, number>;
  status: JobStatus;
  outputs: Record<string, unknown>;
}

const perEntity = (v: unknown): Record<string, number> => (v && typeof v === 'object' ? (v as Record<string, number>) : {});
const solved = (points: readonly StudyPointView[]) => points.filter((p) => hasAnswer(p.status));
/** Mechanisms in the order given, then any other the points carry. */
const mechanismsOf = (points: readonly StudyPointView[], output: string, order: readonly string[]) => {
  const seen = new Set(solved(points).flatMap((p) => Object.keys(perEntity(p.outputs[output]))));
  return [...order.filter((m) => seen.has(m)), ...[...seen].filter((m) => !order.includes(m))];
};
const colour = (order: readonly string[], id: string) => PALETTE[Math.max(0, order.indexOf(id)) % PALETTE.length]!;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Per mechanism and size: the mean of an output over the books solved so far, sizes ascending. */
export function sizeMeans(points: readonly StudyPointView[], output: string, order: readonly string[] = STUDY_MECHANISMS.size): { mechanism: string; sizes: number[]; means: number[]; books: number[] }[] {
  return mechanismsOf(points, output, order).map((m) => {
    const by = new Map<number, number[]>();
    for (const p of solved(points)) {
      const v = perEntity(p.outputs[output])[m];
      if (v === undefined) continue;
      const n = p.values[PATHS.buyers]!;
      by.set(n, [...(by.get(n) ?? []), v]);
    }
    const sizes = [...by.keys()].sort((a, b) => a - b);
    return { mechanism: m, sizes, means: sizes.map((n) => mean(by.get(n)!)), books: sizes.map((n) => by.get(n)!.length) };
  });
}

const DASHES = ['solid', 'dot', 'dash', 'dashdot', 'longdash'] as const;

/** Two stacked panels over the number of agents per side: mean efficiency (%) and mean budget, one line per rule, each book a faint dot. */
export function sizeFigure(points: readonly StudyPointView[]): { data: Data[]; layout: Partial<Layout> } {
  const order: readonly string[] = STUDY_MECHANISMS.size;
  const panel = (output: string, axis: 'y' | 'y2', scale: number): Data[] =>
    sizeMeans(points, output).flatMap((s): Data[] => {
      const dots = solved(points).flatMap((p) => {
        const v = perEntity(p.outputs[output])[s.mechanism];
        return v === undefined ? [] : [[p.values[PATHS.buyers]!, v * scale] as const];
      });
      return [
        // dashes tell apart rules whose means coincide (uniform price and VCG at 100 %, McAfee and the CPA on many books)
        { type: 'scatter', mode: 'lines+markers', name: s.mechanism, legendgroup: s.mechanism, showlegend: axis === 'y', x: s.sizes, y: s.means.map((v) => v * scale), xaxis: 'x', yaxis: axis, line: { color: colour(order, s.mechanism), width: 2, dash: DASHES[Math.max(0, order.indexOf(s.mechanism)) % DASHES.length] }, marker: { size: 7 }, hovertemplate: `%{x} per side: %{y:.4g}<extra>${s.mechanism} (mean)</extra>` },
        { type: 'scatter', mode: 'markers', name: `${s.mechanism} books`, legendgroup: s.mechanism, showlegend: false, x: dots.map((d) => d[0]), y: dots.map((d) => d[1]), xaxis: 'x', yaxis: axis, marker: { color: colour(order, s.mechanism), size: 4, opacity: 0.35 }, hoverinfo: 'skip' },
      ];
    });
  const sizes = [...new Set(solved(points).map((p) => p.values[PATHS.buyers]!))].sort((a, b) => a - b);
  return {
    data: [...panel('efficiency', 'y', 100), ...panel('budget', 'y2', 1)],
    layout: {
      xaxis: { title: { text: 'buyers = sellers (agents per side)' }, type: 'log', anchor: 'y2', tickvals: sizes, ticktext: sizes.map(String) },
      yaxis: { title: { text: 'efficiency, %' }, domain: [0.55, 1] },
      yaxis2: { title: { text: 'budget (− deficit)' }, domain: [0, 0.45], zeroline: true },
      showlegend: true,
      legend: { orientation: 'v', x: 1.02, y: 1 },
      margin: { l: 60, r: 10, t: 10, b: 45 },
    },
  };
}

/** Per community rule: buyers' and sellers' prices against the realised supply–demand ratio, ratio ascending. */
export function ratioSeries(points: readonly StudyPointView[], order: readonly string[] = STUDY_MECHANISMS.ratio): { mechanism: string; ratio: number[]; buy: number[]; sell: number[] }[] {
  return mechanismsOf(points, 'buyPrice', order).map((m) => {
    const rows = solved(points)
      .flatMap((p) => {
        const r = p.outputs['supplyDemandRatio'], b = perEntity(p.outputs['buyPrice'])[m], s = perEntity(p.outputs['sellPrice'])[m];
        return typeof r === 'number' && b !== undefined && s !== undefined ? [[r, b, s] as const] : [];
      })
      .sort((a, b) => a[0] - b[0]);
    return { mechanism: m, ratio: rows.map((r) => r[0]), buy: rows.map((r) => r[1]), sell: rows.map((r) => r[2]) };
  });
}

/** Buyers' price (solid) and sellers' price (dashed) per rule against the ratio, the grid's buy and sell prices dotted, the ratio 1 marked. */
export function ratioFigure(points: readonly StudyPointView[], grid: { buy: number; sell: number }): { data: Data[]; layout: Partial<Layout> } {
  const order = STUDY_MECHANISMS.ratio;
  const data = ratioSeries(points).flatMap((s): Data[] => [
    { type: 'scatter', mode: 'lines+markers', name: `${s.mechanism} buy`, legendgroup: s.mechanism, x: s.ratio, y: s.buy, line: { color: colour(order, s.mechanism), width: 2 }, marker: { size: 6 }, hovertemplate: `SDR %{x:.3g}: buyers pay %{y:.4g}<extra>${s.mechanism}</extra>` },
    { type: 'scatter', mode: 'lines+markers', name: `${s.mechanism} sell`, legendgroup: s.mechanism, x: s.ratio, y: s.sell, line: { color: colour(order, s.mechanism), width: 2, dash: 'dash' }, marker: { size: 6, symbol: 'diamond' }, hovertemplate: `SDR %{x:.3g}: sellers get %{y:.4g}<extra>${s.mechanism}</extra>` },
  ]);
  const hline = (y: number) => ({ type: 'line' as const, xref: 'paper' as const, yref: 'y' as const, x0: 0, x1: 1, y0: y, y1: y, line: { color: '#888', dash: 'dot' as const, width: 1 } });
  return {
    data,
    layout: {
      xaxis: { title: { text: 'supply–demand ratio (kWh offered / kWh bid)' } },
      yaxis: { title: { text: 'price, currency/kWh' } },
      shapes: [hline(grid.buy), hline(grid.sell), { type: 'line', xref: 'x', yref: 'paper', x0: 1, x1: 1, y0: 0, y1: 1, line: { color: '#888', dash: 'dot', width: 1 } }],
      annotations: [
        { xref: 'paper', yref: 'y', x: 0, y: grid.buy, text: 'grid buy', showarrow: false, xanchor: 'left', yanchor: 'bottom', font: { size: 10, color: '#666' } },
        { xref: 'paper', yref: 'y', x: 0, y: grid.sell, text: 'grid sell', showarrow: false, xanchor: 'left', yanchor: 'bottom', font: { size: 10, color: '#666' } },
      ],
      showlegend: true,
      legend: { orientation: 'v', x: 1.02, y: 1 },
      margin: { l: 55, r: 10, t: 10, b: 45 },
    },
  };
}

export const MC_METRICS = [
  { id: 'efficiency', title: 'efficiency, %', scale: 100 },
  { id: 'budget', title: 'budget (− deficit)', scale: 1 },
  { id: 'maxMisreportGain', title: 'largest misreport gain', scale: 1 },
  { id: 'irViolations', title: 'IR violations (agents)', scale: 1 },
] as const;

/** Per metric and mechanism, the values over the books solved so far. */
export function monteCarloSamples(points: readonly StudyPointView[], order: readonly string[]): Record<string, Record<string, number[]>> {
  return Object.fromEntries(
    MC_METRICS.map((m) => [m.id, Object.fromEntries(mechanismsOf(points, m.id, order).map((id) => [id, solved(points).flatMap((p) => { const v = perEntity(p.outputs[m.id])[id]; return v === undefined ? [] : [v * m.scale]; })]))]),
  );
}

/** Four stacked box plots (efficiency, budget, misreport gain, IR violations), one box per mechanism with every book's point beside it. */
export function monteCarloFigure(points: readonly StudyPointView[], order: readonly string[]): { data: Data[]; layout: Partial<Layout> } {
  const samples = monteCarloSamples(points, order);
  const n = MC_METRICS.length, gap = 0.05, h = (1 - gap * (n - 1)) / n;
  const axes: Record<string, unknown> = {};
  const data = MC_METRICS.flatMap((m, i): Data[] => {
    const axis = i === 0 ? 'y' : `y${i + 1}`;
    const top = 1 - i * (h + gap);
    axes[i === 0 ? 'yaxis' : `yaxis${i + 1}`] = { title: { text: m.title, font: { size: 10 } }, domain: [top - h, top], zeroline: m.id === 'budget' };
    return Object.entries(samples[m.id]!).map(([id, ys]) => ({
      type: 'box',
      name: id,
      legendgroup: id,
      showlegend: false,
      x: ys.map(() => id),
      y: ys,
      xaxis: 'x',
      yaxis: axis,
      boxpoints: 'all',
      jitter: 0.4,
      pointpos: 0,
      marker: { color: colour(order, id), size: 3 },
      line: { width: 1.5 },
      hovertemplate: `%{y:.4g}<extra>${id} · ${m.id}</extra>`,
    }) as Data);
  });
  return {
    data,
    layout: {
      ...axes,
      xaxis: { anchor: `y${n}`, categoryorder: 'array', categoryarray: [...order], tickangle: -35, automargin: true },
      showlegend: false,
      margin: { l: 60, r: 10, t: 10, b: 70 },
    } as Partial<Layout>,
  };
}

/** Per metric and mechanism: median, mean, min, max over the books (the table under the boxes). */
export function monteCarloTable(points: readonly StudyPointView[], order: readonly string[]): { mechanism: string; books: number; cells: Record<string, { median: number; mean: number; min: number; max: number } | null> }[] {
  const samples = monteCarloSamples(points, order);
  const ids = [...new Set(MC_METRICS.flatMap((m) => Object.keys(samples[m.id]!)))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return ids.map((id) => ({
    mechanism: id,
    books: samples['efficiency']![id]?.length ?? samples['budget']![id]?.length ?? 0,
    cells: Object.fromEntries(
      MC_METRICS.map((m) => {
        const ys = [...(samples[m.id]![id] ?? [])].sort((a, b) => a - b);
        if (ys.length === 0) return [m.id, null];
        const mid = ys.length >> 1;
        return [m.id, { median: ys.length % 2 ? ys[mid]! : (ys[mid - 1]! + ys[mid]!) / 2, mean: mean(ys), min: ys[0]!, max: ys[ys.length - 1]! }];
      }),
    ),
  }));
}
