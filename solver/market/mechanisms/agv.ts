/**
 * The AGV (expected-externality) mechanism of C. d'Aspremont and
 * L.-A. Gérard-Varet ("Incentives and incomplete information", J. Public
 * Economics 11(1), 1979; K. Arrow 1979), as in the seed "AGV-based mechanism
 * for P2P energy trading … KDE" (Chen, Pei, Xiao, Ma, Global Energy
 * Interconnection 2021). Single-parameter agents: each places one bid whose
 * price is its private type θ; quantities are public.
 *
 * With x*(θ) the efficient allocation and v_j(x, θ_j) = ±θ_j·x_j,
 *   ξ_i(θ_i) = E_{θ−i}[Σ_{j≠i} v_j(x*(θ), θ_j)],
 *   agent i receives t_i = ξ_i(θ_i) − (1/(n−1)) Σ_{j≠i} ξ_j(θ_j)
 * (and pays −t_i). Σ t_i = 0 identically, whatever the integration error;
 * truthful reporting is a Bayesian equilibrium under independent priors;
 * individual rationality can fail (metrics.ts reports where).
 *
 * Expectations over θ−i: by the midpoint rule in probability space
 * (quadrature nodes F⁻¹((k + ½)/N) per other agent, tensor product; used
 * when n − 1 ≤ 2) with error estimated as |Q_N − Q_{N/2}|, or by a fixed
 * common-random-number sample of M joint draws from the priors (the same
 * draws for every agent and every report, so that report comparisons are
 * not blurred by sampling noise), with error the standard error of the mean.
 * `integrationError` bounds the error of every transfer by err_i + mean_j err_j.
 */
import { efficientAllocation, meritOrder, prepare, type MeritOrder, type Prepared } from '../allocation.ts';
import { MechanismError, requireSingleBid, type BidBook } from '../book.ts';
import { priorQuantile, priorSample, type Prior } from '../history.ts';
import { createRng } from '../../whatif/random.ts';
import { tradesAt, type Outcome } from '../outcome.ts';

export type Integration = { method: 'quadrature'; points: number } | { method: 'crn'; samples: number; seed: number };

export interface AgvOptions {
  priors: Record<string, Prior>;
  /** default: quadrature with 2000 points for two agents, 200 per axis for three, else 512 common random draws (seed 1) */
  integration?: Integration;
}

export function defaultIntegration(agents: number): Integration {
  if (agents === 2) return { method: 'quadrature', points: 2000 };
  if (agents === 3) return { method: 'quadrature', points: 200 };
  return { method: 'crn', samples: 512, seed: 1 };
}

/** Weighted type profiles of the others (agent i's own entry is overwritten by the caller). */
interface Nodes {
  weights: Float64Array;
  /** node-major: profiles[m * n + j] */
  profiles: Float64Array;
  /** each node's merit order, sorted once and reused for every agent and report (the moved agent is re-placed in O(n)) */
  orders?: MeritOrder[];
}

function quadratureNodes(priors: Prior[], skip: number, points: number): Nodes {
  const n = priors.length;
  const axes = priors.map((pr, j) => (j === skip ? [0] : Array.from({ length: points }, (_, k) => priorQuantile(pr, (k + 0.5) / points))));
  const count = axes.reduce((c, a) => c * a.length, 1);
  const profiles = new Float64Array(count * n);
  for (let m = 0; m < count; m++) {
    let r = m;
    for (let j = 0; j < n; j++) {
      const a = axes[j]!;
      profiles[m * n + j] = a[r % a.length]!;
      r = Math.floor(r / a.length);
    }
  }
  return { weights: new Float64Array(count).fill(1 / count), profiles };
}

function crnNodes(priors: Prior[], samples: number, seed: number): Nodes {
  const n = priors.length;
  const rng = createRng(seed);
  const profiles = new Float64Array(samples * n);
  for (let m = 0; m < samples; m++) for (let j = 0; j < n; j++) profiles[m * n + j] = priorSample(priors[j]!, rng);
  return { weights: new Float64Array(samples).fill(1 / samples), profiles };
}

/**
 * The expectation engine shared by the transfers and the interim misreport
 * search: for agent i reporting r, E over the others' types of
 * [own value at true type, others' value] of the efficient allocation.
 */
export interface AgvModel {
  prepared: Prepared;
  integration: Integration;
  /** E[Σ_{j≠i} v_j(x*(r, θ−i), θ_j)] and E[x_i·sign] (filled kWh signed +buy/−sell), with the error estimate of the first */
  expect(i: number, report: number): { others: number; ownFill: number; error: number };
}

export function agvModel(book: BidBook, options: AgvOptions): AgvModel {
  requireSingleBid(book, 'AGV');
  const p = prepare(book);
  const n = p.agents.length;
  if (n < 2) throw new MechanismError('bad-option', 'AGV needs at least two agents');
  // single bid per agent: bid index = agent index
  const priors = p.agents.map((a) => {
    const pr = options.priors[a];
    if (!pr) throw new MechanismError('missing-prior', `AGV needs a prior for every agent; ${a} has none (give a bid history or a uniform prior)`);
    return pr;
  });
  const integration = options.integration ?? defaultIntegration(n);
  if (integration.method === 'quadrature' && n - 1 > 2) throw new MechanismError('bad-option', `quadrature is offered for at most two other agents (the tensor grid grows as points^(n−1)); use common random numbers for ${n} agents`);
  const sign = book.bids.map((b) => (b.side === 'buy' ? 1 : -1));
  const shared = integration.method === 'crn' ? crnNodes(priors, integration.samples, integration.seed) : null;
  const nodeCache = new Map<string, Nodes>();
  const nodesFor = (i: number, points?: number): Nodes => {
    if (shared) return shared;
    const key = `${i}:${points}`;
    let nodes = nodeCache.get(key);
    if (!nodes) nodeCache.set(key, (nodes = quadratureNodes(priors, i, points!)));
    return nodes;
  };
  const prices = new Float64Array(n);
  /**
   * Agent i's residual market in each node: the others cleared without i
   * (welfare W), then the steps at which the others can serve i — for a
   * buyer, unsold asks and displaced buyers' bids in rising order (the
   * marginal cost c(z) of its z-th kWh); for a seller, unserved bids and
   * displaced asks in falling order (the marginal value d(z)). With report r
   * and quantity q, i fills x = |{z ≤ q : c(z) ≤ r}| (resp. d(z) ≥ r) and the
   * others' welfare is W − ∫₀ˣ c (resp. W + ∫₀ˣ d): the merit order with i
   * inserted, computed once per node instead of once per report.
   */
  interface Residual {
    welfare: Float64Array;
    /** per node, prefix sums over the steps: cumulative kWh and cumulative money */
    levels: Float64Array[];
    cumQ: Float64Array[];
    cumV: Float64Array[];
  }
  let cached: { i: number; nodes: Nodes; residual: Residual } | null = null;
  const residualOf = (i: number, nodes: Nodes): Residual => {
    if (cached && cached.i === i && cached.nodes === nodes) return cached.residual;
    const count = nodes.weights.length;
    const orders = (nodes.orders ??= Array.from({ length: count }, (_, m) => meritOrder(p, nodes.profiles.subarray(m * n, (m + 1) * n))));
    const buyer = sign[i]! > 0;
    const res: Residual = { welfare: new Float64Array(count), levels: [], cumQ: [], cumV: [] };
    for (let m = 0; m < count; m++) {
      for (let j = 0; j < n; j++) prices[j] = nodes.profiles[m * n + j]!;
      const a = efficientAllocation(p, { prices, order: orders[m], skipAgent: i });
      res.welfare[m] = a.welfare;
      // two sorted step lists, merged: (price, kWh)
      const first: number[] = [], second: number[] = [];
      const { buys, sells } = orders[m]!;
      if (buyer) {
        for (const s of sells) if (s !== i && book.bids[s]!.quantity > a.fills[s]!) first.push(prices[s]!, book.bids[s]!.quantity - a.fills[s]!);
        for (let k = buys.length - 1; k >= 0; k--) if (buys[k] !== i && a.fills[buys[k]!]! > 0) second.push(prices[buys[k]!]!, a.fills[buys[k]!]!);
      } else {
        for (const b of buys) if (b !== i && book.bids[b]!.quantity > a.fills[b]!) first.push(prices[b]!, book.bids[b]!.quantity - a.fills[b]!);
        for (let k = sells.length - 1; k >= 0; k--) if (sells[k] !== i && a.fills[sells[k]!]! > 0) second.push(prices[sells[k]!]!, a.fills[sells[k]!]!);
      }
      const steps = (first.length + second.length) / 2;
      const levels = new Float64Array(steps), cumQ = new Float64Array(steps + 1), cumV = new Float64Array(steps + 1);
      let x = 0, y = 0;
      for (let k = 0; k < steps; k++) {
        const takeFirst = y >= second.length || (x < first.length && (buyer ? first[x]! <= second[y]! : first[x]! >= second[y]!));
        const [level, q] = takeFirst ? [first[x]!, first[x + 1]!] : [second[y]!, second[y + 1]!];
        takeFirst ? (x += 2) : (y += 2);
        levels[k] = level;
        cumQ[k + 1] = cumQ[k]! + q;
        cumV[k + 1] = cumV[k]! + q * level;
      }
      res.levels.push(levels);
      res.cumQ.push(cumQ);
      res.cumV.push(cumV);
    }
    cached = { i, nodes, residual: res };
    return res;
  };
  const run = (i: number, report: number, nodes: Nodes) => {
    const res = residualOf(i, nodes);
    const buyer = sign[i]! > 0;
    const q = book.bids[i]!.quantity;
    let mean = 0, meanSq = 0, own = 0;
    const count = nodes.weights.length;
    for (let m = 0; m < count; m++) {
      const levels = res.levels[m]!, cumQ = res.cumQ[m]!, cumV = res.cumV[m]!;
      // steps usable at this report: levels[0..k) (c ≤ r for a buyer, d ≥ r for a seller), by bisection
      let lo = 0, hi = levels.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (buyer ? levels[mid]! <= report : levels[mid]! >= report) lo = mid + 1;
        else hi = mid;
      }
      const x = Math.min(q, cumQ[lo]!);
      // money over the first x kWh of the steps
      let k = 0, top = lo;
      while (k < top) {
        const mid = (k + top) >> 1;
        if (cumQ[mid + 1]! <= x) k = mid + 1;
        else top = mid;
      }
      const integral = cumV[k]! + (k < levels.length ? (x - cumQ[k]!) * levels[k]! : 0);
      const others = res.welfare[m]! + (buyer ? -integral : integral);
      const w = nodes.weights[m]!;
      mean += w * others;
      meanSq += w * others * others;
      own += w * sign[i]! * x;
    }
    return { mean, meanSq, own, count };
  };
  return {
    prepared: p,
    integration,
    expect(i, report) {
      if (integration.method === 'crn') {
        const r = run(i, report, nodesFor(i));
        const variance = Math.max(0, r.meanSq - r.mean * r.mean);
        return { others: r.mean, ownFill: r.own, error: Math.sqrt(variance / r.count) };
      }
      const fine = run(i, report, nodesFor(i, integration.points));
      const coarse = run(i, report, nodesFor(i, Math.max(1, Math.floor(integration.points / 2))));
      return { others: fine.mean, ownFill: fine.own, error: Math.abs(fine.mean - coarse.mean) };
    },
  };
}

/** `model` may be passed when the caller already built it for this book (the misreport search reuses its nodes). */
export function agv(book: BidBook, options: AgvOptions, model: AgvModel = agvModel(book, options)): Outcome {
  const p = model.prepared;
  const n = p.agents.length;
  const xi = new Float64Array(n), err = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = model.expect(i, book.bids[i]!.price);
    xi[i] = e.others;
    err[i] = e.error;
  }
  const xiSum = xi.reduce((a, b) => a + b, 0);
  const errSum = err.reduce((a, b) => a + b, 0);
  const payments = new Array<number>(n).fill(0);
  let integrationError = 0;
  p.agents.forEach((agent, i) => {
    const transfer = xi[i]! - (xiSum - xi[i]!) / (n - 1);
    payments[i] = -transfer;
    integrationError = Math.max(integrationError, err[i]! + (errSum - err[i]!) / (n - 1));
  });
  const a = efficientAllocation(p, { keepMatches: true });
  const how = model.integration.method === 'crn' ? `${model.integration.samples} common random draws (seed ${model.integration.seed})` : `midpoint quadrature, ${model.integration.points} points per other agent`;
  return {
    mechanism: 'agv',
    agents: p.agents,
    fills: [...a.fills],
    // a leg shows the buyer's transfer per kWh it receives (AGV itself prices no leg)
    trades: tradesAt(p, a.matches, (m) => payments[p.agentOf[m.buy]!]! / a.fills[m.buy]!),
    payments,
    prices: {},
    integrationError,
    notes: [`expectations by ${how}; each transfer is within ${integrationError.toExponential(2)} of its exact value`, 'trades carry no price: buyers and sellers settle only through the AGV transfers'],
  };
}
