/**
 * The `mechanism` job: every chosen rule of the mechanism laboratory run on
 * the scenario's bid book (or a book its generator draws), with the shared
 * metrics and the misreport search (compare.ts), and a certificate that
 * recomputes the efficient welfare by a second method and checks that money
 * is conserved and AGV balances its budget.
 *
 * What the certificate proves: the efficiency figures rest on the right
 * efficient welfare, every budget is the sum of its payments, AGV's
 * transfers sum to zero. What it does not: that a mechanism is truthful —
 * the misreport gains are found by search over a grid of reports and can
 * miss a narrow profitable one — nor the AGV transfers' exactness (their
 * integration error is an estimate, stated beside them).
 */
import type { JobDefinition } from '../jobs/types.ts';
import type { MechanismCertificate, MechanismData, MechanismOptions, MechanismRow, CurveStep, PriorDensity } from '../jobs/kinds/mechanism.ts';
import type { Scenario } from '../scenario/schema.ts';
import { SolverError } from '../jobs/errors.ts';
import { atMost } from '../jobs/certification.ts';
import { agentsOf, periodBook, periods, type BidBook, type SpectrumMarket } from './book.ts';
import { clearingInterval, efficientAllocation, prepare } from './allocation.ts';
import { generateBook } from './generate.ts';
import { entityBook } from './entityBook.ts';
import { priorsFromHistory, type Prior } from './history.ts';
import { kdeDensity } from './kde.ts';
import { MECHANISMS, runMechanism, type CompareOptions } from './compare.ts';
import { defaultIntegration, type Integration } from './mechanisms/agv.ts';
import { paymentsByAgent } from './outcome.ts';
import { combinedAsks, coupledDirect, spectrumAgents } from './mechanisms/coupledIterative.ts';

/** Above this many agents the search and the AGV integration are coarser (each stated in `effort`), towards the 200-agent comparison in < 1 s (scripts/bench/mechanisms.ts, part 4). */
export const LARGE_BOOK_AGENTS = 100;
/** Up to this many agents AGV takes 4 096 draws (error ∝ 1/√draws: ≈ 0.35 × that of 512), in a fraction of a second. */
export const SMALL_BOOK_AGENTS = 20;

/** The book the job clears: the scenario's bids or its generator's, one period. */
/** The scenario's whole book, every period: its bids, its generator's draw, or the bids of its own entities. */
export function scenarioFullBook(scenario: Scenario): BidBook {
  const section = scenario.bidBook;
  if (!section)
    throw new SolverError({ code: 'invalid-scenario', message: 'the scenario has no "bidBook" section', path: 'bidBook', hint: 'add a bidBook with bids, or import one: ggs import bids BOOK.csv --out S.ggs.json' });
  return section.generator
    ? generateBook({ ...section.generator, units: section.units })
    : section.entities
      ? entityBook(scenario, section.entities, section.units)
      : { units: section.units, bids: section.bids };
}

export function scenarioBook(scenario: Scenario, period?: number): { book: BidBook; period: number } {
  const full = scenarioFullBook(scenario);
  const ps = periods(full);
  const chosen = period ?? ps[0] ?? 1;
  if (ps.length > 0 && !ps.includes(chosen))
    throw new SolverError({ code: 'invalid-options', message: `the book has no bids in period ${chosen}`, path: 'options.period', hint: `periods with bids: ${ps.join(', ')}` });
  return { book: periodBook(full, chosen), period: chosen };
}

/** The search and integration effort for a book of `agents` agents. */
export function mechanismEffort(agents: number, options: MechanismOptions): { gridPoints: number; neighbours: number; integration: Integration } {
  const large = agents > LARGE_BOOK_AGENTS;
  const integration: Integration = options.agvDraws !== undefined ? { method: 'crn', samples: options.agvDraws, seed: options.seed }
    : agents <= 3 ? defaultIntegration(agents)
    : { method: 'crn', samples: large ? 64 : agents <= SMALL_BOOK_AGENTS ? 4096 : 512, seed: options.seed };
  return { gridPoints: options.gridPoints ?? (large ? 11 : 21), neighbours: options.neighbours ?? (large ? 2 : 3), integration };
}

/** Aggregate demand (falling) and supply (rising) as steps, for the curves view. */
function curves(book: BidBook): { demand: CurveStep[]; supply: CurveStep[] } {
  const steps = (side: 'buy' | 'sell') =>
    book.bids.filter((b) => b.side === side && b.quantity > 0).map((b) => ({ price: b.price, quantity: b.quantity })).sort((a, b) => (side === 'buy' ? b.price - a.price : a.price - b.price));
  return { demand: steps('buy'), supply: steps('sell') };
}

/**
 * The efficient welfare as ∫ min(D(p), S(p)) dp over prices — demand D(p) the
 * kWh bid at prices above p, supply S(p) the kWh asked below p — which equals
 * consumer plus producer surplus at any clearing price. A second method, free
 * of the merit-order matching that allocation.ts uses.
 */
export function welfareByCurves(book: BidBook): number {
  const prices = [...new Set(book.bids.map((b) => b.price))].sort((a, b) => a - b);
  let area = 0;
  for (let k = 0; k + 1 < prices.length; k++) {
    const lo = prices[k]!, hi = prices[k + 1]!;
    let demand = 0, supply = 0;
    for (const b of book.bids) {
      if (b.side === 'buy' && b.price >= hi) demand += b.quantity;
      if (b.side === 'sell' && b.price <= lo) supply += b.quantity;
    }
    area += (hi - lo) * Math.min(demand, supply);
  }
  return area;
}

/** Points of each prior-density curve (the views draw it as a line over the support). */
const DENSITY_POINTS = 101;
/** At most this many agents' priors are drawn (the first with a KDE prior, in book order). */
export const PRIOR_DENSITY_AGENTS = 6;

/** The KDE priors of the first agents with a bid history, tabulated on their support for the prior-against-histogram view. */
export function priorDensities(priors: Record<string, Prior>, agents: readonly string[]): PriorDensity[] {
  const out: PriorDensity[] = [];
  for (const agent of agents) {
    const prior = priors[agent];
    if (prior?.kind !== 'kde') continue;
    const { kde } = prior;
    const grid = Array.from({ length: DENSITY_POINTS }, (_, k) => kde.lower + ((kde.upper - kde.lower) * k) / (DENSITY_POINTS - 1));
    out.push({ agent, history: [...kde.samples], grid, density: grid.map((x) => kdeDensity(kde, x)) });
    if (out.length === PRIOR_DENSITY_AGENTS) break;
  }
  return out;
}

/** The spectrum market as the result reports it: β, capacity, the coupled optimum (what the coupled row's efficiency divides by) and the combined supply curve e + β·σ. */
function spectrumSummary(book: BidBook, spectrum: SpectrumMarket): NonNullable<MechanismData['spectrum']> {
  return {
    perKwh: spectrum.perKwh,
    capacity: spectrum.asks.reduce((s, a) => s + a.quantity, 0),
    sellers: spectrumAgents(book, spectrum).length,
    efficientWelfare: coupledDirect(book, spectrum).welfare,
    supply: combinedAsks(book, spectrum),
  };
}

/** The combined supply curve as a sell book (buyers against it: the coupled market as one commodity). */
function combinedBook(book: BidBook, steps: readonly CurveStep[]): BidBook {
  return { units: 'divisible', bids: [...book.bids.filter((b) => b.side === 'buy'), ...steps.map((c, k) => ({ agent: `combined${k}`, side: 'sell' as const, price: c.price, quantity: c.quantity }))] };
}

export function mechanismCertificate(book: BidBook, data: MechanismData, merit: number): MechanismCertificate {
  const area = welfareByCurves(book);
  const ok = data.mechanisms.filter((m) => m.status === 'ok');
  const agv = ok.find((m) => m.id === 'agv');
  // the coupled optimum by the area between demand and the combined supply curve, against the merit order's
  const coupledGap = data.spectrum ? Math.abs(data.spectrum.efficientWelfare - welfareByCurves(combinedBook(book, data.spectrum.supply))) : 0;
  return {
    efficientWelfareByCurves: area,
    welfareGap: Math.max(Math.abs(merit - area), coupledGap),
    agvImbalance: agv ? Math.abs(Object.values(agv.payments).reduce((a, b) => a + b, 0)) : null,
    agvIntegrationError: agv ? agv.integrationError : null,
    scale: Math.max(1, ...book.bids.map((b) => Math.abs(b.price * b.quantity))),
    scope:
      'proves: the efficient welfare behind every efficiency (recomputed as the area between the demand and supply curves) and AGV budget balance; does not prove: truthfulness (misreport gains are found by search over a grid of reports) nor the AGV transfers beyond their stated integration error',
  };
}

export const mechanismJob: JobDefinition<'mechanism'> = {
  kind: 'mechanism',
  *run(scenario, options) {
    const { book, period } = scenarioBook(scenario, options.period);
    if (book.bids.length === 0)
      throw new SolverError({ code: 'invalid-scenario', message: `the bid book has no bids in period ${period}`, path: 'bidBook.bids', hint: 'add buy and sell bids' });
    const section = scenario.bidBook!;
    const agents = agentsOf(book);
    const effort = mechanismEffort(agents.length, options);
    const prices = book.bids.map((b) => b.price);
    const lo = Math.min(...prices), hi = Math.max(...prices);
    const support: [number, number] = section.support ?? [lo, hi > lo ? hi : lo + 1];
    const fitted = priorsFromHistory(section.history, agents, support[0], support[1]);
    const compare: CompareOptions = {
      k: options.k,
      tariff: { gridBuy: section.gridBuyPricePerKwh, gridSell: section.gridSellPricePerKwh },
      priors: fitted.priors,
      integration: effort.integration,
      misreport: options.misreport ? { gridPoints: effort.gridPoints, neighbours: effort.neighbours, curves: true } : false,
      spectrum: section.spectrum,
    };
    if (section.spectrum) {
      // validate.ts checks written bids; a generated or entity book's agent ids are known only now
      const clash = section.spectrum.asks.findIndex((a) => agents.includes(a.agent));
      if (clash >= 0)
        throw new SolverError({ code: 'invalid-scenario', message: `spectrum seller "${section.spectrum.asks[clash]!.agent}" also bids energy in the book`, path: `bidBook.spectrum.asks.${clash}.agent`, hint: 'give the spectrum seller an id of its own' });
    }
    const rows: MechanismRow[] = [];
    for (const [i, id] of options.mechanisms.entries()) {
      yield { fraction: i / options.mechanisms.length, stage: `${MECHANISMS[id].label}` };
      const r = runMechanism(id, book, compare);
      const info = MECHANISMS[id];
      if (r.status === 'refused') rows.push({ ...info, status: 'refused', code: r.code, message: r.message });
      else {
        const m = r.metrics;
        rows.push({
          ...info,
          status: 'ok',
          prices: r.outcome.prices,
          trades: r.outcome.trades,
          payments: paymentsByAgent(r.outcome),
          utilities: m.utilities,
          volume: m.volume,
          welfare: m.welfare,
          efficiency: m.efficiency,
          budget: m.budget,
          irViolations: m.irViolations,
          misreport: m.misreport ?? null,
          ...(m.misreportCurves ? { misreportCurves: m.misreportCurves } : {}),
          integrationError: r.outcome.integrationError ?? null,
          notes: r.outcome.notes,
        });
      }
    }
    const p = prepare(book);
    const alloc = efficientAllocation(p);
    const interval = clearingInterval(p, alloc);
    const { demand, supply } = curves(book);
    const data: MechanismData = {
      period,
      units: book.units,
      buyers: new Set(book.bids.filter((b) => b.side === 'buy').map((b) => b.agent)).size,
      sellers: new Set(book.bids.filter((b) => b.side === 'sell').map((b) => b.agent)).size,
      bids: book.bids.length,
      efficientWelfare: alloc.welfare,
      clearingInterval: Number.isFinite(interval.low) && Number.isFinite(interval.high) ? interval : null,
      demand,
      supply,
      ...(section.spectrum ? { spectrum: spectrumSummary(book, section.spectrum) } : {}),
      effort: {
        gridPoints: effort.gridPoints,
        neighbours: effort.neighbours,
        agv: effort.integration.method === 'quadrature' ? `quadrature, ${effort.integration.points} points per agent` : `${effort.integration.samples} common random draws (seed ${effort.integration.seed})`,
      },
      priors: { kde: agents.filter((a) => !fitted.uniformFallback.includes(a)), uniform: fitted.uniformFallback, support },
      mechanisms: rows,
    };
    if (options.mechanisms.includes('agv')) {
      const densities = priorDensities(fitted.priors, agents);
      if (densities.length > 0) data.priorDensities = densities;
    }
    const certificate = mechanismCertificate(book, data, alloc.welfare);
    const warnings = fitted.uniformFallback.length > 0 && options.mechanisms.includes('agv') ? [`AGV: ${fitted.uniformFallback.length} agent(s) have no bid history and get a uniform prior on [${support[0]}, ${support[1]}]`] : [];
    return { data, certificate, warnings };
  },
  verdict: (c, options) =>
    atMost('efficient-welfare gap or AGV budget imbalance, relative to the largest bid', Math.max(c.welfareGap, c.agvImbalance ?? 0) / c.scale, options.tolerance, () =>
      c.welfareGap / c.scale > options.tolerance ? `the merit-order welfare and the area between the curves differ by ${c.welfareGap.toExponential(2)}` : `the AGV transfers sum to ${c.agvImbalance!.toExponential(2)}, not 0`),
};
