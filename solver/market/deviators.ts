/**
 * The misreport search's fast path: per mechanism, the deviating agent's
 * true utility when it reports `report` for its bid (others truthful),
 * computed on views of the truthful merit order (deviation.ts) instead of
 * re-clearing a rebuilt book — O(log² n) per report instead of O(n) and a
 * few thousand allocations. Each function evaluates the same rule as the
 * mechanism's module, on the same numbers, for the one agent the search
 * asks about.
 *
 * Where it applies: agents with a single bid, books whose quantities are
 * integers (the views then place every kWh exactly where the walk does),
 * and a quantity factor keeping the deviator's quantity a positive integer
 * (unit rules: factor 1). Elsewhere `deviator` returns null, or a report
 * returns undefined, and the search re-clears the book as before. The
 * community rules read no bid price: at factor 1 the deviator's utility is
 * the same at every report, computed once per agent by the rule itself.
 * test/solver/market/deviators.test.ts checks every fast utility against
 * the straightforward re-clear on random books.
 */
import type { Prepared } from './allocation.ts';
import { bookSides, clearViews, integral, SideView } from './deviation.ts';
import type { MechanismId } from './mechanismIds.ts';
import { priceRounds, rationedFill, rationing, type AnsweringMarket, type Answers } from './mechanisms/iterative.ts';

/** The deviator's true utility at a report and quantity factor; undefined: use the straightforward re-clear. */
export type DeviatorUtility = (report: number, factor: number) => number | undefined;

export interface DeviatorOptions {
  /** price weight of the bid (uniform price, bilateral) */
  k: number;
}

/** Signed value of `fill` kWh at price `price` (+ buyers, − sellers), as allocation.ts bidValue. */
const value = (buy: boolean, price: number, fill: number) => (buy ? price * fill : -price * fill);

/**
 * The fast utility function of `mechanism` for each agent of the truthful
 * book `p` (null for the agents and books it does not cover, and for the
 * rules without one: AGV has its own engine, the community rules are handled
 * by `priceFree`).
 */
export function deviators(mechanism: MechanismId, p: Prepared, options: DeviatorOptions): ((agent: number) => DeviatorUtility | null) | null {
  if (!integral(p)) return null;
  const rule = RULES[mechanism];
  if (!rule) return null;
  const sides = bookSides(p);
  const views = { buys: new SideView(sides.buys), sells: new SideView(sides.sells) };
  const blocks = p.book.units === 'blocks';
  return (agent) => {
    const own = p.bidsOf[agent]!;
    if (own.length !== 1) return null;
    const i = own[0]!;
    const bid = p.book.bids[i]!;
    const buy = bid.side === 'buy';
    const mine = buy ? views.buys : views.sells, theirs = buy ? views.sells : views.buys;
    const d: Deviation = { p, i, buy, truth: bid.price, quantity: bid.quantity, own: mine, other: theirs, b: views.buys, s: views.sells, k: options.k };
    const prepared = rule(d);
    if (!prepared) return null;
    return (r, factor) => {
      const q = blocks ? Math.round(bid.quantity * factor) : bid.quantity * factor;
      if (!(q > 0) || !Number.isInteger(q)) return undefined;
      // the price the re-clear's book holds: the truthful one shifted (book.ts withReport), which can differ from r in the last bit
      const report = bid.price + (r - bid.price);
      // the views are shared by every agent: set them for this one before each report
      mine.set(mine.positionOf(i));
      theirs.set(-1);
      mine.insert(mine.insertionPoint(report, i), report, q);
      return prepared(report, q, factor);
    };
  };
}

interface Deviation {
  p: Prepared;
  /** the deviator's bid */
  i: number;
  buy: boolean;
  truth: number;
  quantity: number;
  own: SideView;
  other: SideView;
  b: SideView;
  s: SideView;
  k: number;
}

type Rule = (d: Deviation) => ((report: number, quantity: number, factor: number) => number | undefined) | null;

/** Utility when the deviator fills `fill` and pays `pay`. */
const utility = (d: Deviation, fill: number, pay: number) => value(d.buy, d.truth, fill) - pay;
const sign = (d: Deviation) => (d.buy ? 1 : -1);

const uniformPrice: Rule = (d) => (_report, quantity) => {
  void quantity;
  const c = clearViews(d.b, d.s);
  if (c.volume === 0) return utility(d, 0, 0);
  const fill = d.own.fill(d.own.ins, c.volume);
  const price = d.k * d.b.price(c.marginalBuy) + (1 - d.k) * d.s.price(c.marginalSell);
  return utility(d, fill, sign(d) * fill * price);
};

const payAsBid: Rule = (d) => (report) => {
  const c = clearViews(d.b, d.s);
  const fill = d.own.fill(d.own.ins, c.volume);
  return utility(d, fill, sign(d) * fill * report);
};

/** Bilateral: each leg of the deviator at k·bid + (1 − k)·ask of its own pair. */
const bilateral: Rule = (d) => (report) => {
  const c = clearViews(d.b, d.s);
  const fill = d.own.fill(d.own.ins, c.volume);
  let pay = 0;
  if (fill > 0) {
    const from = d.own.start(d.own.ins), to = from + fill;
    for (let j = d.other.at(from); j < d.other.length && d.other.start(j) < to; j++) {
      const leg = Math.min(to, d.other.start(j + 1)) - Math.max(from, d.other.start(j));
      const counter = d.other.price(j);
      const price = d.buy ? d.k * report + (1 - d.k) * counter : d.k * counter + (1 - d.k) * report;
      pay += (d.buy ? 1 : -1) * leg * price;
    }
  }
  return utility(d, fill, pay);
};

/** VCG: pays the others' welfare without it (fixed across its reports) minus their welfare with it. */
const vcg: Rule = (d) => {
  d.own.set(d.own.positionOf(d.i));
  d.other.set(-1);
  const without = clearViews(d.b, d.s).welfare;
  return (report) => {
    const c = clearViews(d.b, d.s);
    const fill = d.own.fill(d.own.ins, c.volume);
    return utility(d, fill, without - (c.welfare - value(d.buy, report, fill)));
  };
};

/** The unit rules' sorted view (unitBook.ts): bids b(k) falling, asks s(k) rising, m efficient trades. */
function unitMarket(d: Deviation) {
  const b = (k: number) => d.b.price(k), s = (k: number) => d.s.price(k);
  const nb = d.b.length, ns = d.s.length;
  let lo = 0, hi = Math.min(nb, ns);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (b(mid) >= s(mid)) lo = mid + 1;
    else hi = mid;
  }
  return { b, s, nb, ns, m: lo, position: d.own.ins };
}

/** Unit rules: the book stays unit demand only at factor 1 (otherwise the rule refuses, which the re-clear reports). */
const unitRule = (settle: (d: Deviation, u: ReturnType<typeof unitMarket>, unit: number) => number): Rule => (d) => (_report, quantity, factor) => {
  if (factor !== 1) return undefined;
  return settle(d, unitMarket(d), quantity);
};

const mcafee = unitRule((d, { b, s, nb, ns, m, position }, unit) => {
  if (m === 0) return utility(d, 0, 0);
  const p0 = m < nb && m < ns ? (b(m) + s(m)) / 2 : NaN;
  if (s(m - 1) <= p0 && p0 <= b(m - 1)) return position < m ? utility(d, unit, d.buy ? unit * p0 : -(unit * p0)) : utility(d, 0, 0);
  if (position >= m - 1) return utility(d, 0, 0);
  return utility(d, unit, d.buy ? unit * b(m - 1) : -(unit * s(m - 1)));
});

const sbba = unitRule((d, { b, s, ns, m: k, position }, unit) => {
  if (k === 0) return utility(d, 0, 0);
  const next = k < ns ? s(k) : Infinity;
  const price = Math.min(b(k - 1), next);
  const allTrade = next <= b(k - 1);
  if (d.buy) return position < (allTrade ? k : k - 1) ? utility(d, unit, unit * price) : utility(d, 0, 0);
  const share = allTrade ? 1 : (k - 1) / k;
  return position < k ? utility(d, unit * share, -(unit * share * price)) : utility(d, 0, 0);
});

const cpa = unitRule((d, { b, s, nb, ns, m, position }, unit) => {
  const bid = (j: number) => (j < nb ? b(j) : -Infinity);
  const ask = (j: number) => (j < ns ? s(j) : Infinity);
  const padded = (x: number) => bid(x - 1) >= ask(x) && bid(x) >= ask(x - 1);
  let x = m;
  while (x > 0 && !padded(x)) x--;
  if (x === 0 || position >= x) return utility(d, 0, 0);
  return d.buy ? utility(d, unit, unit * Math.max(bid(x), ask(x))) : utility(d, unit, -(unit * Math.min(bid(x), ask(x))));
});

/** The iterative auction's price rounds on a market that answers from the views' prefix sums. */
const iterative: Rule = (d) => {
  const bids = d.p.book.bids;
  // the others' price range and quantity, once per agent (every bid counts, zero quantities included, as in the rule)
  let lo = Infinity, hi = -Infinity, others = 0;
  bids.forEach((x, j) => {
    if (j === d.i) return;
    lo = Math.min(lo, x.price);
    hi = Math.max(hi, x.price);
    others += x.quantity;
  });
  /** Σ kWh of a view strictly better than `price` for its owner (buyers above, sellers below), and at it. */
  const firm = (v: SideView, price: number): [number, number] => {
    const beyond = v.firstWorse(price); // buyers: first price < p; sellers: first price > p
    let lo2 = 0, hi2 = beyond;
    while (lo2 < hi2) {
      const mid = (lo2 + hi2) >> 1;
      if (v.price(mid) === price) hi2 = mid;
      else lo2 = mid + 1;
    }
    return [v.start(lo2), v.start(beyond) - v.start(lo2)];
  };
  return (report, quantity) => {
    const market: AnsweringMarket = {
      lo: Math.min(lo, report),
      hi: Math.max(hi, report),
      total: others + quantity,
      answers(price): Answers {
        const [demand, demandTied] = firm(d.b, price);
        const [supply, supplyTied] = firm(d.s, price);
        return { demand, supply, demandTied, supplyTied };
      },
      near: (price, window) => bids.map((x, j) => (j === d.i ? report : x.price)).filter((x) => Math.abs(x - price) <= window),
    };
    const r = priceRounds(market, {}, false);
    const fill = rationedFill(rationing(market.answers(r.price)), d.buy ? 'buy' : 'sell', report, quantity, r.price);
    return utility(d, fill, sign(d) * fill * r.price);
  };
};

const RULES: Partial<Record<MechanismId, Rule>> = {
  'uniform-price': uniformPrice,
  'pay-as-bid': payAsBid,
  bilateral,
  vcg,
  mcafee,
  sbba,
  cpa,
  iterative,
};

/** Rules that read no bid price (community pricing): a report changes nothing at factor 1. */
export const PRICE_FREE: ReadonlySet<MechanismId> = new Set(['sdr', 'mmr', 'bill-sharing']);
