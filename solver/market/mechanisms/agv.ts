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
import { efficientAllocation, prepare, type Prepared } from '../allocation.ts';
import { clearViews, sideOrder, SideView } from '../deviation.ts';
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
  /** each node's merit order with prefix sums (built on first use, reused for every agent and report) */
  sides?: { buys: SideView; sells: SideView };
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
  /**
   * Agent i reporting r in node m: the node's merit order (sorted once per
   * node, deviation.ts) with i's sampled bid removed and its report inserted
   * ahead of equal prices — i takes every ask at or below its bid (a buyer)
   * or every bid at or above its ask (a seller) — cleared in O(log² n) from
   * the node's prefix sums. The others' welfare is the total minus i's own
   * reported value. No per-node or per-report allocation: the thousands of
   * nodes × reports of the interim search stay cheap.
   */
  const quantity = (i: number) => book.bids[i]!.quantity;
  const sidesOf = (nodes: Nodes) =>
    (nodes.sides ??= (() => {
      const price = (m: number, i: number) => nodes.profiles[m * n + i]!;
      const count = nodes.weights.length;
      const buys = sideOrder(p.buys, true, n, quantity, price, count), sells = sideOrder(p.sells, false, n, quantity, price, count);
      return { buys: new SideView(buys), sells: new SideView(sells) };
    })());
  const run = (i: number, report: number, nodes: Nodes) => {
    const { buys, sells } = sidesOf(nodes);
    const buyer = sign[i]! > 0;
    const own = buyer ? buys : sells, other = buyer ? sells : buys;
    const q = book.bids[i]!.quantity;
    let mean = 0, meanSq = 0, ownFill = 0;
    const count = nodes.weights.length;
    for (let m = 0; m < count; m++) {
      own.node(m).set(own.positionOf(i));
      other.node(m).set(-1);
      if (q > 0) own.insert(own.insertionPoint(report, -1), report, q);
      const c = clearViews(buys, sells);
      const x = q > 0 ? own.fill(own.ins, c.volume) : 0;
      const others = c.welfare - sign[i]! * report * x;
      const w = nodes.weights[m]!;
      mean += w * others;
      meanSq += w * others * others;
      ownFill += w * sign[i]! * x;
    }
    return { mean, meanSq, own: ownFill, count };
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
