/**
 * Metrics of any mechanism's outcome, computed here once for all of them
 * (never by the mechanisms): volume, welfare (Σ value − Σ cost of what is
 * traded, minus the grid bill for community rules; money between agents and
 * the auctioneer is a transfer, not welfare), efficiency against the
 * efficient welfare, the auctioneer's budget (payments in minus out, minus
 * the grid bill: > 0 surplus, < 0 deficit), individual-rationality
 * violations (an agent worse off than by not taking part), and the largest
 * gain from misreporting found by search.
 *
 * The misreport search moves all of an agent's prices by one shift (its
 * report r for its first bid, the others keeping their offsets) over a grid
 * of `gridPoints` reports spanning the book's price range widened by a
 * quarter on each side, plus, when the book has at most `maxCriticalPrices`
 * distinct prices, reports just above and below every other agent's price
 * (where rank-based rules change outcome) — in larger books, the `neighbours`
 * other prices nearest the agent's own on each side. Quantities are scaled by each of
 * `quantityFactors` (withholding). Against truthful others (ex post) for
 * dominant-strategy and non-truthful rules; for Bayesian rules the gain is
 * in expectation over the others' priors (interim, at the agent's true type).
 * `runFor(book, agent)` may compute only that agent's fills and payment
 * (VCG then needs two allocations per report instead of n + 1).
 *
 * With a spectrum market (the coupled auction) welfare also pays the
 * spectrum sellers' true costs, the efficient welfare is the coupled optimum
 * (buyers against the combined supply curve, coupledIterative.ts
 * `coupledDirect`), the spectrum sellers have utilities (receipts − cost)
 * and their asks are searched like the energy agents' reports
 * (`spectrumMisreportGain`).
 */
import { agentValues, bidValue, efficientAllocation, prepare, reportBook, type Prepared } from './allocation.ts';
import type { BidBook, SpectrumMarket } from './book.ts';
import type { Outcome } from './outcome.ts';
import type { DeviatorUtility } from './deviators.ts';
import { coupledDirect } from './mechanisms/coupledIterative.ts';

export interface IrViolation {
  agent: string;
  /** the agent's (negative) utility */
  utility: number;
}

export interface MisreportGain {
  kind: 'ex-post' | 'interim';
  /** the largest gain found (≥ 0 up to rounding) */
  maxGain: number;
  agent: string | null;
  /** the price the agent reported for its first bid, and the quantity factor */
  report: number | null;
  quantityFactor: number;
  /** reports evaluated */
  evaluated: number;
}

export interface Metrics {
  volume: number;
  welfare: number;
  efficientWelfare: number;
  /** welfare / efficient welfare, null when nothing can trade */
  efficiency: number | null;
  budget: number;
  /** agent → value of what it trades − what it pays */
  utilities: Record<string, number>;
  irViolations: IrViolation[];
  misreport?: MisreportGain;
  /** with MisreportOptions.curves: utility against report for a few agents (misreportCurves) */
  misreportCurves?: MisreportCurve[];
}

/**
 * One agent's utility against the price it reports for its first bid, the
 * others truthful, on the grid the search evaluates (sorted, the truthful
 * report included). Ex post: the agent's true utility in the re-cleared
 * outcome. Interim (AGV): its expected utility over the others' priors — its
 * expected value plus ξ_i(report) — minus the budget-balancing share
 * (1/(n−1))·Σ_{j≠i} ξ_j at the others' truthful reports, so that the curve at
 * the truthful report is the interim utility behind the gain.
 */
export interface MisreportCurve {
  agent: string;
  side: 'buy' | 'sell';
  /** the agent's true price of its first bid */
  truthful: number;
  reports: number[];
  utility: number[];
}

export interface MisreportOptions {
  gridPoints?: number;
  maxCriticalPrices?: number;
  /** above maxCriticalPrices, the other prices nearest the agent's own tried on each side (default 3) */
  neighbours?: number;
  quantityFactors?: number[];
  /** record misreportCurves for the agent with the largest gain and the first buyer and seller */
  curves?: boolean;
}

/** Collects the curves of the agents the views show: the first buyer, the first seller and the best deviator. */
class CurveRecorder {
  private readonly kept = new Map<number, MisreportCurve>();
  private current: { agent: number; curve: MisreportCurve } | null = null;
  private best: { agent: number; curve: MisreportCurve } | null = null;
  private readonly firstOfSide: number[];
  constructor(private readonly p: Prepared) {
    const side = (s: 'buy' | 'sell') => p.agents.findIndex((_, a) => p.book.bids[p.bidsOf[a]![0]!]!.side === s);
    this.firstOfSide = [side('buy'), side('sell')].filter((a) => a >= 0);
  }
  start(agent: number, truthfulUtility: number): void {
    const first = this.p.book.bids[this.p.bidsOf[agent]![0]!]!;
    this.current = { agent, curve: { agent: first.agent, side: first.side, truthful: first.price, reports: [first.price], utility: [truthfulUtility] } };
  }
  add(report: number, utility: number): void {
    this.current!.curve.reports.push(report);
    this.current!.curve.utility.push(utility);
  }
  /** Ends the current agent's curve; `isBest` when it now holds the largest gain. */
  end(isBest: boolean): void {
    const c = this.current!;
    if (this.firstOfSide.includes(c.agent)) this.kept.set(c.agent, c.curve);
    if (isBest) this.best = c;
    this.current = null;
  }
  curves(): MisreportCurve[] {
    const out = new Map(this.kept);
    if (this.best) out.set(this.best.agent, this.best.curve);
    return [...out.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, c]) => {
        const order = c.reports.map((_, k) => k).sort((x, y) => c.reports[x]! - c.reports[y]! || x - y);
        return { ...c, reports: order.map((k) => c.reports[k]!), utility: order.map((k) => c.utility[k]!) };
      });
  }
}

const TOL = 1e-9;

/** Utility of every agent at its true values (from `truth`) in an outcome of a possibly misreported book. */
export function utilities(truth: Prepared, outcome: Outcome): Record<string, number> {
  const values = agentValues(truth, outcome.fills);
  return Object.fromEntries(truth.agents.map((a, i) => [a, values[i]! - (outcome.payments[i] ?? 0)]));
}

/** One agent's utility at its true values (the misreport search needs only the deviator's). */
export function agentUtility(truth: Prepared, outcome: Outcome, agent: number): number {
  let v = 0;
  for (const i of truth.bidsOf[agent]!) v += bidValue(truth.book, i, outcome.fills[i]!);
  return v - (outcome.payments[agent] ?? 0);
}

/** The efficient welfare of a prepared book, computed once however many mechanisms' metrics divide by it. */
const efficientWelfares = new WeakMap<Prepared, number>();
function efficientWelfareOf(p: Prepared): number {
  let w = efficientWelfares.get(p);
  if (w === undefined) efficientWelfares.set(p, (w = efficientAllocation(p).welfare));
  return w;
}

/** The coupled optimum of a book and a spectrum market, computed once per (prepared book, market). */
const coupledWelfares = new WeakMap<Prepared, WeakMap<SpectrumMarket, number>>();
function coupledWelfareOf(p: Prepared, spectrum: SpectrumMarket): number {
  let byMarket = coupledWelfares.get(p);
  if (!byMarket) coupledWelfares.set(p, (byMarket = new WeakMap()));
  let w = byMarket.get(spectrum);
  if (w === undefined) byMarket.set(spectrum, (w = coupledDirect(p.book, spectrum).welfare));
  return w;
}

/** The true cost of the spectrum units an outcome fills (0 without a spectrum market). */
function spectrumCost(outcome: Outcome, spectrum: SpectrumMarket | undefined): number {
  if (!spectrum || !outcome.spectrumFills) return 0;
  return spectrum.asks.reduce((c, a, w) => c + a.price * outcome.spectrumFills![w]!, 0);
}

/** Utility of one spectrum seller (receipts − true cost of the units it sells); `at` its index in `outcome.agents`. */
function spectrumSellerUtility(outcome: Outcome, spectrum: SpectrumMarket, agent: string, at: number): number {
  let u = -(outcome.payments[at] ?? 0);
  spectrum.asks.forEach((a, w) => {
    if (a.agent === agent) u -= a.price * (outcome.spectrumFills?.[w] ?? 0);
  });
  return u;
}

export function outcomeMetrics(book: BidBook, outcome: Outcome, spectrum?: SpectrumMarket): Metrics {
  const p = prepare(book);
  const values = agentValues(p, outcome.fills);
  const bill = outcome.grid?.bill ?? 0;
  const welfare = values.reduce((a, b) => a + b, 0) - bill - spectrumCost(outcome, spectrum);
  const efficientWelfare = spectrum ? coupledWelfareOf(p, spectrum) : efficientWelfareOf(p);
  const budget = outcome.payments.reduce((a, b) => a + b, 0) - bill;
  const u = utilities(p, outcome);
  if (spectrum) outcome.agents.forEach((a, k) => k >= p.agents.length && (u[a] = spectrumSellerUtility(outcome, spectrum, a, k)));
  const scale = Math.max(1, ...book.bids.map((b) => Math.abs(b.price * b.quantity)), ...(spectrum?.asks.map((a) => Math.abs(a.price * a.quantity)) ?? []));
  return {
    volume: book.bids.reduce((s, b, i) => s + (b.side === 'buy' ? outcome.fills[i]! : 0), 0),
    welfare,
    efficientWelfare,
    efficiency: efficientWelfare > TOL * scale ? welfare / efficientWelfare : null,
    budget,
    utilities: u,
    irViolations: Object.entries(u)
      .filter(([, x]) => x < -TOL * scale)
      .map(([agent, utility]) => ({ agent, utility })),
  };
}

/**
 * Ex-post search over the spectrum sellers' asks, the energy book and the
 * other sellers truthful: each seller's prices move by one shift (its report
 * for its first ask) over the same candidate reports as an energy seller's
 * (`candidateReports` on the asks read as a sell book), quantities scaled by
 * `quantityFactors`; the gain is its true utility in the re-cleared outcome
 * minus its truthful one.
 */
export function spectrumMisreportGain(book: BidBook, spectrum: SpectrumMarket, run: (s: SpectrumMarket) => Outcome, truthful: Outcome, options: MisreportOptions = {}): MisreportGain {
  const best: MisreportGain = { kind: 'ex-post', maxGain: 0, agent: null, report: null, quantityFactor: 1, evaluated: 0 };
  const asBook: BidBook = { units: 'divisible', bids: spectrum.asks.map((a) => ({ agent: a.agent, side: 'sell', price: a.price, quantity: a.quantity })) };
  const energy = prepare(book).agents.length;
  for (const agent of new Set(spectrum.asks.map((a) => a.agent))) {
    const at = truthful.agents.indexOf(agent, energy);
    const base = spectrumSellerUtility(truthful, spectrum, agent, at);
    const first = spectrum.asks.find((a) => a.agent === agent)!.price;
    for (const factor of options.quantityFactors ?? [1]) {
      for (const r of candidateReports(asBook, agent, options)) {
        if (r === first && factor === 1) continue;
        best.evaluated++;
        const reported: SpectrumMarket = { perKwh: spectrum.perKwh, asks: spectrum.asks.map((a) => (a.agent === agent ? { ...a, price: a.price + r - first, quantity: a.quantity * factor } : a)) };
        const gain = spectrumSellerUtility(run(reported), spectrum, agent, at) - base;
        if (gain > best.maxGain) Object.assign(best, { maxGain: gain, agent, report: r, quantityFactor: factor });
      }
    }
  }
  return best;
}

/** The book's price range and its distinct prices with how many bids hold each, computed once per book (every agent's and every mechanism's search reads them). */
interface PriceIndex {
  lo: number;
  hi: number;
  /** distinct prices, rising */
  prices: number[];
  /** price → bids at it */
  bids: Map<number, number>;
}
const priceIndexes = new WeakMap<BidBook, PriceIndex>();
function priceIndex(book: BidBook): PriceIndex {
  let index = priceIndexes.get(book);
  if (index) return index;
  const bids = new Map<number, number>();
  let lo = Infinity, hi = -Infinity;
  for (const b of book.bids) {
    bids.set(b.price, (bids.get(b.price) ?? 0) + 1);
    lo = Math.min(lo, b.price);
    hi = Math.max(hi, b.price);
  }
  index = { lo, hi, prices: [...bids.keys()].sort((a, b) => a - b), bids };
  priceIndexes.set(book, index);
  return index;
}

/** The candidate reports for one agent's first bid price. */
export function candidateReports(book: BidBook, agent: string, options: MisreportOptions = {}): number[] {
  const gridPoints = options.gridPoints ?? 21;
  const { lo, hi, prices, bids } = priceIndex(book);
  const span = hi - lo || Math.max(1, Math.abs(hi));
  const from = lo - span / 4, to = hi + span / 4;
  const out = Array.from({ length: gridPoints }, (_, k) => from + ((to - from) * k) / Math.max(1, gridPoints - 1));
  // the other agents' distinct prices: the book's, less those only this agent bids at
  const own = new Map<number, number>();
  let first: number | undefined;
  for (const b of book.bids) if (b.agent === agent) (own.set(b.price, (own.get(b.price) ?? 0) + 1), (first ??= b.price));
  const isOthers = (x: number) => bids.get(x)! > (own.get(x) ?? 0);
  let othersCount = prices.length;
  for (const [x] of own) if (!isOthers(x)) othersCount--;
  const eps = 1e-7 * span;
  if (othersCount <= (options.maxCriticalPrices ?? 60)) {
    for (const x of prices) if (isOthers(x)) out.push(x - eps, x, x + eps);
    return out;
  }
  // large books: the other prices nearest the agent's own, where a marginal agent's report moves the outcome
  const k = options.neighbours ?? 3;
  let at = 0, hiAt = prices.length;
  while (at < hiAt) {
    const mid = (at + hiAt) >> 1;
    if (prices[mid]! >= first!) hiAt = mid;
    else at = mid + 1;
  }
  const below: number[] = [];
  for (let j = at - 1; j >= 0 && below.length < k; j--) if (isOthers(prices[j]!)) below.push(prices[j]!);
  const above: number[] = [];
  for (let j = at; j < prices.length && above.length < k; j++) if (isOthers(prices[j]!)) above.push(prices[j]!);
  for (const x of [...below.reverse(), ...above]) out.push(x - eps, x, x + eps);
  return out;
}

/**
 * Ex-post search: for each agent and candidate report, rerun the mechanism
 * on the book with that report, others truthful, and compare the agent's
 * true utility with its truthful one.
 */
export interface ExpostSearch {
  /** re-clears a misreported book for one agent (VCG: only that agent's payment) */
  runFor?: (book: BidBook, agent: string) => Outcome;
  /** the fast path (deviators.ts): the deviator's utility without re-clearing, where it applies */
  fast?: ((agent: number) => DeviatorUtility | null) | null;
  /** the rule reads no bid price: at one quantity factor every report gives the same utility, computed once */
  priceFree?: boolean;
}

export function expostMisreportGain(book: BidBook, run: (book: BidBook) => Outcome, truthful: Outcome, options: MisreportOptions = {}, search: ExpostSearch = {}): MisreportGain & { curves?: MisreportCurve[] } {
  const p = prepare(book);
  const base = utilities(p, truthful);
  const best: MisreportGain = { kind: 'ex-post', maxGain: 0, agent: null, report: null, quantityFactor: 1, evaluated: 0 };
  const recorder = options.curves ? new CurveRecorder(p) : null;
  const runFor = search.runFor ?? run;
  p.agents.forEach((agent, a) => {
    const first = book.bids[p.bidsOf[a]![0]!]!;
    const before = best.maxGain;
    const fast = search.fast?.(a) ?? null;
    const reclear = (r: number, factor: number) => agentUtility(p, runFor(reportBook(p, a, r - first.price, factor), agent), a);
    recorder?.start(a, base[agent]!);
    for (const factor of options.quantityFactors ?? [1]) {
      let fixed: number | undefined; // price-free rules: the utility at this factor, whatever the report
      for (const r of candidateReports(book, agent, options)) {
        if (r === first.price && factor === 1) continue;
        best.evaluated++;
        const u = search.priceFree ? (fixed ??= reclear(r, factor)) : (fast?.(r, factor) ?? reclear(r, factor));
        if (factor === 1) recorder?.add(r, u);
        const gain = u - base[agent]!;
        if (gain > best.maxGain) Object.assign(best, { maxGain: gain, agent, report: r, quantityFactor: factor });
      }
    }
    recorder?.end(best.maxGain > before);
  });
  return recorder ? { ...best, curves: recorder.curves() } : best;
}

/** Interim search for Bayesian rules: `interim(i, r)` is agent i's expected utility (up to a constant) reporting r. */
/** `offset(i)`, when curves are recorded, turns interim(i, ·) into agent i's interim utility (the constant the gain cancels). */
export function interimMisreportGain(book: BidBook, interim: (agent: number, report: number) => number, options: MisreportOptions = {}, offset: (agent: number) => number = () => 0): MisreportGain & { curves?: MisreportCurve[] } {
  const p = prepare(book);
  const best: MisreportGain = { kind: 'interim', maxGain: 0, agent: null, report: null, quantityFactor: 1, evaluated: 0 };
  const recorder = options.curves ? new CurveRecorder(p) : null;
  p.agents.forEach((agent, i) => {
    const truth = book.bids[i]!.price; // single-bid books: bid i belongs to agent i
    const base = interim(i, truth);
    const before = best.maxGain;
    const shift = recorder ? offset(i) : 0;
    recorder?.start(i, base + shift);
    for (const r of candidateReports(book, agent, options)) {
      if (r === truth) continue;
      best.evaluated++;
      const u = interim(i, r);
      recorder?.add(r, u + shift);
      const gain = u - base;
      if (gain > best.maxGain) Object.assign(best, { maxGain: gain, agent, report: r });
    }
    recorder?.end(best.maxGain > before);
  });
  return recorder ? { ...best, curves: recorder.curves() } : best;
}
